"""A county's submission page: its own thresholds met or not, figures, narratives, evidence, presentation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.assessment import submissions as service
from jixiao.assessment.domain.files import (
    CONTENT_TYPES,
    EVIDENCE_KINDS,
    EVIDENCE_MAX_BYTES,
    KIND_LABELS,
    UploadError,
    size_text,
)
from jixiao.assessment.domain.scores import EntryError, parse_measure_value
from jixiao.assessment.models import Evidence, SubmissionStatus
from jixiao.assessment.state import submission_bar
from jixiao.assessment.views.access import submission_for_viewer
from jixiao.money import fmt_plain
from jixiao.params import parse_id


def _value_or_text(text: str):
    try:
        return parse_measure_value(text)
    except EntryError:
        return text


def _page(request, round_, unit, submission, typed=None, errors=None, narratives=None, summary=None, status=200):
    user = request.user
    saved = submission if submission.pk else None
    can_edit = user.has_perm("assessment.edit_submission", submission)
    locked = service.why_locked(submission)
    is_office = user.has_perm("assessment.manage_round", round_)
    return render(request, "assessment/submission.html", {
        "round": round_,
        "scheme": round_.scheme,
        "unit": unit,
        "submission": submission,
        # The primary step (报送) stays the card's first button; the bar says where the report is and who holds it.
        "bar": submission_bar(submission, round_),
        "rows": service.item_rows(round_, unit, saved, typed, errors, narratives),
        "summary": submission.summary if summary is None else summary,
        "editable": can_edit and locked is None,
        "can_edit": can_edit,
        "locked": locked,
        "is_office": is_office,
        "can_return": is_office and submission.status == SubmissionStatus.SUBMITTED,
        "general_evidence": list(saved.evidence.filter(item__isnull=True)) if saved else [],
        "evidence_kinds": "、".join(KIND_LABELS[kind] for kind in EVIDENCE_KINDS),
        "evidence_limit": size_text(EVIDENCE_MAX_BYTES),
        "presentation_limit": size_text(settings.MAX_UPLOAD_BYTES),
    }, status=status)


def _editable_submission(request, round_id, unit_id):
    round_, unit, submission = submission_for_viewer(request.user, round_id, unit_id)
    if not request.user.has_perm("assessment.edit_submission", submission):
        raise Http404("无权修改该单位的填报")
    return round_, unit, service.submission_for(round_, unit)


@login_required
def detail(request, round_id, unit_id):
    round_, unit, submission = submission_for_viewer(request.user, round_id, unit_id)
    if request.method != "POST":
        return _page(request, round_, unit, submission)
    round_, unit, submission = _editable_submission(request, round_id, unit_id)
    measure_ids = [m.pk for item in round_.scheme.items.prefetch_related("measures") for m in item.measures.all()]
    # A field missing from the post keeps its stored value; it is never stored as blank.
    typed = {pk: request.POST[f"measure-{pk}"] for pk in measure_ids if f"measure-{pk}" in request.POST}
    narratives = {item.pk: request.POST[f"narrative-{item.pk}"].strip() for item in round_.scheme.items.all()
                  if f"narrative-{item.pk}" in request.POST}
    summary = request.POST["summary"].strip() if "summary" in request.POST else None
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        errors = service.save_report(submission, summary, typed, narratives, revision)
    except service.StaleSubmission as stale:
        messages.error(request, str(stale))
        submission.refresh_from_db()
        notes = service.FormErrors({
            pk: f"他人已改为：{fmt_plain(stale.latest_values[pk]) if pk in stale.latest_values else '（空）'}"
            for pk, text in typed.items()
            if _value_or_text(text) != stale.latest_values.get(pk)
        })
        return _page(request, round_, unit, submission, typed, notes, narratives, summary, status=409)
    except service.SubmissionRefused as refused:
        messages.error(request, str(refused))
        return _page(request, round_, unit, submission, typed, None, narratives, summary, status=409)
    if errors:
        messages.error(request, f"有 {len(errors.measures)} 个数值无法保存，请按提示修改；已填写的内容都保留在表中，尚未保存。")
        return _page(request, round_, unit, submission, typed, errors, narratives, summary, status=422)
    messages.success(request, "已保存。")
    return redirect("assessment:submission", round_.pk, unit.pk)


@login_required
@require_POST
def submit(request, round_id, unit_id):
    round_, unit, submission = _editable_submission(request, round_id, unit_id)
    # 报送 posts the form as it stands on the page: values that are wrong or not saved stop it.
    stored = dict(submission.measure_values.values_list("measure_id", "value")) if submission.pk else {}
    typed = {int(key.split("-", 1)[1]): text for key, text in request.POST.items()
             if key.startswith("measure-") and key.split("-", 1)[1].isdigit()}
    unsaved = [pk for pk, text in typed.items() if _value_or_text(text) != stored.get(pk)]
    try:
        if unsaved:
            raise service.SubmissionRefused(f"未报送：页面上有 {len(unsaved)} 个数值尚未保存或填写有误。请先保存，再报送。")
        revision = request.POST.get("revision", "")
        service.submit(submission, int(revision) if revision.isdigit() else None)
    except service.SubmissionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "已报送考核办公室。")
    return redirect("assessment:submission", round_.pk, unit.pk)


@login_required
@require_POST
def return_to_county(request, round_id, unit_id):
    round_, unit, submission = submission_for_viewer(request.user, round_id, unit_id)
    if not request.user.has_perm("assessment.manage_round", round_) or not submission.pk:
        raise Http404("无权退回")
    try:
        service.return_to_county(submission, request.POST.get("comment", ""))
    except service.SubmissionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"已退回{unit.display_name}修改。")
    return redirect("assessment:submission", round_.pk, unit.pk)


@login_required
@require_POST
def upload_evidence(request, round_id, unit_id):
    round_, unit, submission = _editable_submission(request, round_id, unit_id)
    upload = request.FILES.get("file")
    item = None
    if request.POST.get("item"):
        item = round_.scheme.items.filter(pk=parse_id(request.POST["item"])).first()
        if item is None:
            messages.error(request, "所选考核项目不存在，请刷新页面后重新选择。")
            return redirect("assessment:submission", round_.pk, unit.pk)
    if upload is None:
        messages.error(request, "请选择要上传的文件")
    else:
        original_name = upload.name
        try:
            service.add_evidence(submission, request.user, item, upload)
        except (UploadError, service.SubmissionRefused) as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"已上传「{original_name}」。")
    anchor = f"item-{item.number}" if item else "general"
    return redirect(reverse("assessment:submission", args=[round_.pk, unit.pk]) + f"#{anchor}")


def _evidence_for_viewer(user, evidence_id):
    evidence = get_object_or_404(Evidence.objects.select_related("submission__round", "submission__unit"), pk=evidence_id)
    if not user.has_perm("assessment.view_submission", evidence.submission):
        raise Http404("无权查看该文件")
    return evidence


@login_required
def evidence_file(request, evidence_id):
    evidence = _evidence_for_viewer(request.user, evidence_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                        content_type=CONTENT_TYPES[evidence.kind])


@login_required
@require_POST
def delete_evidence(request, evidence_id):
    evidence = _evidence_for_viewer(request.user, evidence_id)
    submission = evidence.submission
    if not request.user.has_perm("assessment.edit_submission", submission):
        raise Http404("无权删除该文件")
    try:
        service.delete_evidence(evidence)
    except service.SubmissionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"已删除「{evidence.original_name}」。")
    return redirect("assessment:submission", submission.round_id, submission.unit_id)


@login_required
def presentation(request, round_id, unit_id):
    """GET: download the presentation; POST: upload (replace) it."""
    if request.method == "POST":
        round_, unit, submission = _editable_submission(request, round_id, unit_id)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "请选择现场陈述材料（PPT 请另存为 pptx 或 PDF）")
        else:
            try:
                service.set_presentation(submission, upload, settings.MAX_UPLOAD_BYTES)
            except (UploadError, service.SubmissionRefused) as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, "现场陈述材料已上传。")
        return redirect("assessment:submission", round_.pk, unit.pk)
    round_, unit, submission = submission_for_viewer(request.user, round_id, unit_id)
    if not submission.presentation:
        raise Http404("尚未上传现场陈述材料")
    return FileResponse(submission.presentation.open("rb"), as_attachment=True, filename=submission.presentation_name,
                        content_type=CONTENT_TYPES[submission.presentation_kind])
