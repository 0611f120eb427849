"""Downloads of a self-evaluation's official documents: load, check the role, generate, answer.

Anyone without a role on the goal's unit gets 404 (units.access.unit_for), for
every document alike.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from jixiao.documents import generate, tasks
from jixiao.documents.data import FROZEN
from jixiao.evaluations import domain as workflow
from jixiao.evaluations.models import SelfEvaluation
from jixiao.evaluations.state import evaluation_bar
from jixiao.goals.models import GoalKind
from jixiao.params import posted_revision
from jixiao.units.access import unit_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

# name in the URL → (generator, content type, file name after "{unit}{year}年度", goal kinds it fits)
DEPARTMENT, PROJECT = GoalKind.DEPARTMENT, GoalKind.PROJECT
DOCUMENTS = {
    "report.docx": (generate.main_report_docx, DOCX, None, (DEPARTMENT, PROJECT)),
    "basic-table.xlsx": (generate.basic_table_xlsx, XLSX, "部门整体支出绩效评价基本情况表", (DEPARTMENT,)),
    "basic-table.docx": (generate.basic_table_docx, DOCX, "部门整体支出绩效评价基本情况表", (DEPARTMENT,)),
    "project-table.xlsx": (generate.project_self_evaluation_xlsx, XLSX, "{goal}项目支出绩效自评表", (PROJECT,)),
    "project-table.docx": (generate.project_self_evaluation_docx, DOCX, "{goal}项目支出绩效自评表", (PROJECT,)),
}
# How the list of approved versions names each document.
VERSION_LABELS = {
    "report.docx": "自评报告（Word）", "report.pdf": "自评报告（PDF）", "basic-table.xlsx": "基本情况表（Excel）",
    "basic-table.docx": "基本情况表（Word）", "project-table.xlsx": "自评表（Excel）", "project-table.docx": "自评表（Word）",
}
REPORT_STEMS = {DEPARTMENT: "部门整体支出绩效自评报告", PROJECT: "{goal}项目绩效自评报告"}


def _evaluation(user, evaluation_id) -> SelfEvaluation:
    evaluation = get_object_or_404(SelfEvaluation.objects.select_related("goal__unit_year__unit"), pk=evaluation_id)
    unit_for(user, evaluation.goal.unit_year.unit_id)
    return evaluation


def documents_for(evaluation: SelfEvaluation) -> list[str]:
    """The documents that fit the evaluation: a unit-year's report and 基本情况表, or a project's form and report."""
    kind = evaluation.goal.kind
    return [name for name, entry in DOCUMENTS.items() if kind in entry[3]] + ["report.pdf"]


def _goal_words(goal) -> str:
    return goal.name_without_year


def filename_for(evaluation: SelfEvaluation, name: str, version: int | None = None) -> str:
    """"岳阳市科学技术协会2017年度部门整体支出绩效自评报告.docx"; "…自评报告（第1版）.pdf" for an approved version."""
    goal = evaluation.goal
    if name in ("report.docx", "report.pdf"):
        stem = REPORT_STEMS[goal.kind]
    else:
        stem = DOCUMENTS[name][2]
    extension = name.rsplit(".", 1)[1]
    unit_year = goal.unit_year
    edition = f"（第{version}版）" if version is not None else ""
    return f"{unit_year.unit.name}{unit_year.fiscal_year}年度{stem.format(goal=_goal_words(goal))}{edition}.{extension}"


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
            saved = workflow.save_texts(evaluation, typed, request.user, posted_revision(request.POST))
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
    links = [(name, filename_for(evaluation, name)) for name in documents_for(evaluation)]
    return render(request, "documents/index.html", {
        "evaluation": evaluation,
        "links": links,
        "findings": generate.edited_text_findings(evaluation),
        "pdf_available": generate.soffice_path() is not None,
        "may_edit": may_edit,
        "bar": evaluation_bar(evaluation, request.user),
        "analysis_text": typed.get("analysis_text", evaluation.analysis_text or generate.generated_analysis_for(evaluation)),
        "summary_text": typed.get("summary_text", evaluation.summary_text),
        "other_texts": {"analysis_text": evaluation.analysis_text, "summary_text": evaluation.summary_text} if status == 409 else None,
        "revision": revision,
        "is_department": evaluation.goal.kind == DEPARTMENT,
        "is_frozen": evaluation.status in FROZEN,
        "snapshots": evaluation.snapshots.exclude(data={}).select_related("user"),
        "version_links": [(name, VERSION_LABELS[name]) for name in documents_for(evaluation)],
    }, status=status)


@login_required
def download(request, evaluation_id, name):
    evaluation = _evaluation(request.user, evaluation_id)
    if name not in documents_for(evaluation):
        raise Http404("该自评没有这份文书")
    build, content_type, _, _ = DOCUMENTS[name]
    try:
        data = build(evaluation, version=_version(request))
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    return _download(data, content_type, filename_for(evaluation, name, _version(request)))


def _pdf_state(evaluation, version: int | None = None) -> tuple[str, str]:
    """("ready" | "failed" | "pending", digest) of the PDF of the report as it is now, or as snapshot `version` froze it."""
    digest = tasks.content_hash(generate.main_report_docx(evaluation, version=version))
    if default_storage.exists(tasks.pdf_path(digest)):
        return "ready", digest
    if default_storage.exists(tasks.failed_path(digest)):
        return "failed", digest
    return "pending", digest


def _recently_queued(digest: str) -> bool:
    """A conversion of this content is already in the queue (a marker younger than ten minutes)."""
    path = tasks.pending_path(digest)
    if not default_storage.exists(path):
        return False
    age = timezone.now() - default_storage.get_modified_time(path)
    if age < timedelta(minutes=10):
        return True
    default_storage.delete(path)
    return False


def _pdf_version(request, evaluation) -> int | None:
    """?version=N of a PDF link; 404 when the evaluation has no such snapshot."""
    version = _version(request)
    if version is not None and not evaluation.snapshots.exclude(data={}).filter(version=version).exists():
        raise Http404(f"没有第{version}版快照")
    return version


@login_required
def report_pdf(request, evaluation_id):
    """Answers at once: the stored PDF, or a page that shows progress while the queue converts it.

    ?version=N: the report as approved in snapshot N, through the same queue and cache.
    """
    evaluation = _evaluation(request.user, evaluation_id)
    version = _pdf_version(request, evaluation)
    if generate.soffice_path() is None:
        return render(request, "documents/pdf_unavailable.html", {"evaluation": evaluation}, status=404)
    state, digest = _pdf_state(evaluation, version)
    if state == "ready" and request.GET.get("retry") is None:
        with default_storage.open(tasks.pdf_path(digest)) as handle:
            return _download(handle.read(), PDF, filename_for(evaluation, "report.pdf", version))
    if state == "failed" and request.GET.get("retry") is not None:
        default_storage.delete(tasks.failed_path(digest))
        state = "pending"
    if state == "pending" and not _recently_queued(digest):
        default_storage.save(tasks.pending_path(digest), ContentFile(b""))
        tasks.render_pdf.enqueue(evaluation.pk, digest, version)
        state, digest = _pdf_state(evaluation, version)
    return render(request, "documents/pdf_progress.html", {
        "evaluation": evaluation, "state": state, "filename": filename_for(evaluation, "report.pdf", version),
        "version": version,
    })


@login_required
def report_pdf_status(request, evaluation_id):
    """The progress fragment htmx polls every second until the PDF is ready or failed."""
    evaluation = _evaluation(request.user, evaluation_id)
    version = _pdf_version(request, evaluation)
    state, _ = _pdf_state(evaluation, version)
    return render(request, "documents/_pdf_status.html", {
        "evaluation": evaluation, "state": state, "filename": filename_for(evaluation, "report.pdf", version),
        "version": version,
    })
