"""Downloads of a self-evaluation's official documents: load, check the role, generate, answer.

Anyone without a role on the goal's unit gets 404 (units.access.unit_for), for
every document alike.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from jixiao.documents import generate
from jixiao.documents.data import FROZEN
from jixiao.evaluations import domain as workflow
from jixiao.evaluations.models import SelfEvaluation
from jixiao.units.access import unit_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

# name in the URL → (generator, content type, file name without extension)
DOCUMENTS = {
    "report.docx": (generate.self_evaluation_report_docx, DOCX, "{year}年度部门整体支出绩效自评报告"),
    "basic-table.xlsx": (generate.basic_table_xlsx, XLSX, "{year}年度部门整体支出绩效评价基本情况表"),
    "basic-table.docx": (generate.basic_table_docx, DOCX, "{year}年度部门整体支出绩效评价基本情况表"),
    "project-table.xlsx": (generate.project_self_evaluation_xlsx, XLSX, "{year}年度{goal}项目支出绩效自评表"),
    "project-table.docx": (generate.project_self_evaluation_docx, DOCX, "{year}年度{goal}项目支出绩效自评表"),
}


def _evaluation(user, evaluation_id) -> SelfEvaluation:
    evaluation = get_object_or_404(SelfEvaluation.objects.select_related("goal__unit_year__unit"), pk=evaluation_id)
    unit_for(user, evaluation.goal.unit_year.unit_id)
    return evaluation


def filename_for(evaluation: SelfEvaluation, name: str) -> str:
    """"岳阳市科学技术协会2017年度部门整体支出绩效自评报告.docx"."""
    goal = evaluation.goal
    stem = DOCUMENTS["report.docx" if name == "report.pdf" else name][2]
    extension = name.rsplit(".", 1)[1]
    return f"{goal.unit_year.unit.name}{stem.format(year=goal.unit_year.fiscal_year, goal=goal.name)}.{extension}"


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _version(request) -> int | None:
    """?version=N: the documents as approved in snapshot N (kept after a reopen)."""
    text = request.GET.get("version", "")
    return int(text) if text.isdigit() else None


@login_required
def index(request, evaluation_id):
    """The documents of an evaluation, its approved versions, and its narrative texts (editable until it is locked)."""
    evaluation = _evaluation(request.user, evaluation_id)
    may_edit = not evaluation.is_locked and request.user.has_perm("units.change_unit_data", evaluation.goal.unit_year.unit)
    revision, status, typed = evaluation.text_revision, 200, {}
    if request.method == "POST":
        typed = {name: request.POST[name] for name in ("analysis_text", "summary_text") if name in request.POST}
        if not request.user.has_perm("units.change_unit_data", evaluation.goal.unit_year.unit):
            messages.error(request, "您没有修改权限，文字未保存。")
            return redirect("documents:index", evaluation.pk)
        try:
            saved = workflow.save_texts(evaluation, typed, request.user, _posted_revision(request.POST))
        except workflow.StaleTexts as stale:
            messages.error(request, str(stale))
            evaluation, revision, status = stale.latest, stale.latest.text_revision, 409
        except workflow.StepRefused as refused:
            messages.error(request, f"文字未保存：{refused}")
            status = 409
        else:
            stale_figures = generate.edited_text_findings(saved)
            if stale_figures:
                messages.warning(request, f"文字已保存，但有 {len(stale_figures)} 处数字与数据不符，请核对。")
            else:
                messages.success(request, "文字已保存。")
            return redirect("documents:index", evaluation.pk)
    links = [(name, filename_for(evaluation, name)) for name in (*DOCUMENTS, "report.pdf")]
    return render(request, "documents/index.html", {
        "evaluation": evaluation,
        "links": links,
        "findings": generate.edited_text_findings(evaluation),
        "pdf_available": generate.soffice_path() is not None,
        "may_edit": may_edit,
        "analysis_text": typed.get("analysis_text", evaluation.analysis_text or generate.generated_analysis_for(evaluation)),
        "summary_text": typed.get("summary_text", evaluation.summary_text),
        "other_texts": {"analysis_text": evaluation.analysis_text, "summary_text": evaluation.summary_text} if status == 409 else None,
        "revision": revision,
        "is_frozen": evaluation.status in FROZEN,
        "snapshots": evaluation.snapshots.select_related("user"),
    }, status=status)


def _posted_revision(post) -> int:
    try:
        return int(post.get("revision", ""))
    except ValueError:
        return -1


@login_required
def download(request, evaluation_id, name):
    evaluation = _evaluation(request.user, evaluation_id)
    build, content_type, _ = DOCUMENTS[name]
    try:
        data = build(evaluation, version=_version(request))
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    return _download(data, content_type, filename_for(evaluation, name))


@login_required
def report_pdf(request, evaluation_id):
    evaluation = _evaluation(request.user, evaluation_id)
    try:
        docx = generate.self_evaluation_report_docx(evaluation, version=_version(request))
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    pdf = generate.to_pdf(docx) if generate.soffice_path() else None
    if pdf is None:
        return render(request, "documents/pdf_unavailable.html", {"evaluation": evaluation}, status=404)
    return _download(pdf, PDF, filename_for(evaluation, "report.pdf"))
