"""Report health check pages: upload, batch result with progress, one report, take figures into accounts.

Any logged-in user may check files (reports are not unit data), but a batch
and its results are visible only to the user who uploaded them: anyone else
gets 404. The highlighted report text is built here from the stored result,
every piece of report text escaped on its way into the HTML.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from jixiao.accounts import domain as accounts_domain
from jixiao.accounts.models import Figure, UnitYear, UnitYearStatus
from jixiao.checks.registry import Severity
from jixiao.healthcheck.import_figures import Targets, draft
from jixiao.healthcheck.models import HealthcheckBatch, HealthcheckReport, ReportStatus
from jixiao.healthcheck.reading import MAX_BYTES, display_name
from jixiao.healthcheck.tasks import enqueue_batch
from jixiao.units.access import unit_for
from jixiao.units.queries import EDITING_ROLES, visible_units

MAX_FILES = 100
# A batch this small is shown whole on one page; a larger one links to each report's page.
INLINE_REPORTS = 20
SEVERITY_RANK = {"error": 3, "warning": 2, "hint": 1}
MAX_MB = MAX_BYTES // 1024 // 1024


def too_large(filename: str) -> str:
    return f"“{display_name(filename)}”超过单个文件上限 {MAX_MB} MB，未予检查。请压缩图片或拆分后再上传。"


# --- The report text with its findings marked ------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    severity: str
    message: str
    anchor: str


def highlighted(text: str, spans: list[Span]):
    """The text with each span wrapped in <mark>; overlapping spans split into segments.

    A segment covered by several findings takes the most severe one's colour
    and lists every message in its title. Each span's start carries an empty
    anchor element, so the findings list can link to it.
    """
    length = len(text)
    spans = [
        Span(max(0, s.start), min(length, s.end), s.severity, s.message, s.anchor)
        for s in spans
        if s.start < s.end and s.start < length
    ]
    points = sorted({0, length} | {s.start for s in spans} | {s.end for s in spans})
    pieces = []
    for start, end in zip(points, points[1:], strict=False):
        anchors = [span.anchor for span in spans if span.start == start]
        if anchors:
            # Grouped, so that the mark right after the group can show which anchor is the target.
            pieces.append(format_html(
                '<span class="anchors">{}</span>',
                format_html_join("", '<span class="anchor" id="{}"></span>', ((anchor,) for anchor in anchors)),
            ))
        covering = [s for s in spans if s.start <= start and end <= s.end]
        segment = text[start:end]
        if not covering:
            pieces.append(escape(segment))
            continue
        top = max(covering, key=lambda s: SEVERITY_RANK.get(s.severity, 0))
        title = "\n".join(dict.fromkeys(s.message for s in covering))
        pieces.append(format_html('<mark class="sev-{}" title="{}">{}</mark>', top.severity, title, segment))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


@dataclass
class PlaceView:
    label: str
    quote: str
    anchor: str = ""


@dataclass
class FindingView:
    number: int
    code: str
    severity: str
    severity_label: str
    title: str
    message: str
    fix: str
    anchor: str
    places: list[PlaceView] = field(default_factory=list)


@dataclass
class Segment:
    """A paragraph, or a table (consecutive cells of one table) as rows of cells."""

    kind: str
    block: int = 0
    html: str = ""
    rows: list = field(default_factory=list)


def _ref(ref: str) -> tuple[int, int, int] | None:
    try:
        block, span = ref.split(":", 1)
        start, end = span.split("-", 1)
        return int(block), int(start), int(end)
    except (ValueError, AttributeError):
        return None


def report_view(report: HealthcheckReport) -> dict:
    """What the page shows of one checked report: findings with anchors, and the marked text."""
    result = report.result or {}
    blocks = result.get("blocks", [])
    prefix = f"r{report.pk}"
    spans: dict[int, list[Span]] = {}
    findings = []
    for number, data in enumerate(result.get("findings", []), start=1):
        severity = data.get("severity", "hint")
        label = Severity(severity).label if severity in Severity.values else severity
        view = FindingView(
            number, data.get("code", ""), severity, label, data.get("title", ""), data.get("message", ""),
            data.get("fix", ""), f"{prefix}-f{number}",
        )
        seen = {}
        for place in data.get("places", []):
            ref = _ref(place.get("ref", ""))
            anchor = ""
            if ref is not None and 0 <= ref[0] < len(blocks):
                anchor = seen.get(ref)
                if anchor is None:
                    anchor = seen[ref] = f"{prefix}-f{number}-m{len(seen) + 1}"
                    spans.setdefault(ref[0], []).append(Span(ref[1], ref[2], severity, view.message, anchor))
            view.places.append(PlaceView(place.get("label", ""), place.get("quote", ""), anchor))
        if seen:
            view.anchor = next(iter(seen.values()))
        findings.append(view)
    segments: list[Segment] = []
    for block in blocks:
        index = block.get("index", 0)
        html = highlighted(block.get("text", ""), spans.get(index, []))
        if block.get("kind") == "cell":
            table = block.get("table")
            if not segments or segments[-1].kind != "table" or segments[-1].block != table:
                segments.append(Segment("table", table))
            rows = segments[-1].rows
            if not rows or rows[-1]["row"] != block.get("row"):
                rows.append({"row": block.get("row"), "cells": []})
            rows[-1]["cells"].append({"index": index, "html": html, "position": block.get("position", "")})
        else:
            segments.append(Segment("paragraph", index, html))
    return {"report": report, "findings": findings, "segments": segments, "result": result}


# --- Upload ------------------------------------------------------------------------------------


class PerFileLimit(FileUploadHandler):
    """Drops a file once it passes the size limit, so a huge upload is never stored, not even on disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_BYTES:
            self.request.healthcheck_too_large.append(self.file_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def _my_batch(user, batch_id) -> HealthcheckBatch:
    return get_object_or_404(HealthcheckBatch, pk=batch_id, owner=user)


def _upload_context(request, errors=()):
    batches = HealthcheckBatch.objects.filter(owner=request.user)[:20]
    return {"errors": list(errors), "batches": batches, "max_mb": MAX_MB, "max_files": MAX_FILES}


@login_required
@csrf_exempt
def upload(request):
    if request.method != "POST":
        return render(request, "healthcheck/upload.html", _upload_context(request))
    # The size limit must be in place before anything reads the body; the CSRF
    # check reads it, so it runs after, in _upload.
    request.healthcheck_too_large = []
    request.upload_handlers.insert(0, PerFileLimit(request))
    try:
        request.FILES  # noqa: B018 - parse the body here, where its refusals can be answered
    except TooManyFilesSent:
        return render(request, "healthcheck/upload.html", _upload_context(
            request, [f"一次最多上传 {MAX_FILES} 个文件，请分批上传。"]), status=400)
    except RequestDataTooBig:
        return render(request, "healthcheck/upload.html", _upload_context(request, ["上传的内容过大。"]), status=413)
    return _upload(request)


@csrf_protect
def _upload(request):
    files = request.FILES.getlist("reports")
    skipped = request.healthcheck_too_large
    if not files and not skipped:
        return render(request, "healthcheck/upload.html", _upload_context(request, ["请选择要检查的报告文件。"]), status=400)
    if len(files) + len(skipped) > MAX_FILES:
        return render(request, "healthcheck/upload.html", _upload_context(
            request, [f"一次最多上传 {MAX_FILES} 个文件，请分批上传。"]), status=400)
    now = timezone.now()
    with transaction.atomic():
        batch = HealthcheckBatch.objects.create(owner=request.user, total=len(files) + len(skipped), done=len(skipped))
        # One row at a time, so that only one file's bytes are in memory at once.
        for position, upload_file in enumerate(files, start=1):
            name = display_name(upload_file.name)[:255]
            if upload_file.size > MAX_BYTES:
                HealthcheckReport.objects.create(
                    batch=batch, position=position, filename=name, size=upload_file.size,
                    status=ReportStatus.REFUSED, message=too_large(name), checked_at=now,
                )
                batch.done += 1
                continue
            HealthcheckReport.objects.create(
                batch=batch, position=position, filename=name, size=upload_file.size, data=upload_file.read(),
            )
        for offset, name in enumerate(skipped, start=len(files) + 1):
            HealthcheckReport.objects.create(
                batch=batch, position=offset, filename=display_name(name)[:255],
                status=ReportStatus.REFUSED, message=too_large(name), checked_at=now,
            )
        batch.save(update_fields=["done"])
    # Enqueued once the rows are committed, so a worker on another connection finds them.
    enqueue_batch(batch)
    return redirect("healthcheck:batch", batch_id=batch.pk)


# --- Results -----------------------------------------------------------------------------------


def _summary_reports(batch):
    return list(batch.reports.defer("data", "result"))


@login_required
def batch_page(request, batch_id):
    batch = _my_batch(request.user, batch_id)
    reports = _summary_reports(batch)
    inline = batch.finished and len(reports) <= INLINE_REPORTS
    details = []
    if inline:
        details = [report_view(report) for report in batch.reports.filter(status=ReportStatus.DONE)]
    return render(request, "healthcheck/batch.html", {
        "batch": batch, "reports": reports, "details": details, "inline": inline,
        "refused": [r for r in reports if r.status == ReportStatus.REFUSED],
    })


@login_required
def progress(request, batch_id):
    batch = _my_batch(request.user, batch_id)
    response = render(request, "healthcheck/_progress.html", {"batch": batch, "reports": _summary_reports(batch)})
    if batch.finished:
        # The finished page shows each report's text: reload it whole, once.
        response["HX-Refresh"] = "true"
    return response


@login_required
def report_page(request, batch_id, report_id):
    batch = _my_batch(request.user, batch_id)
    report = get_object_or_404(HealthcheckReport, pk=report_id, batch=batch)
    context = {"batch": batch, "report": report}
    if report.status == ReportStatus.DONE:
        context["detail"] = report_view(report)
    return render(request, "healthcheck/report.html", context)


# --- Take the extracted figures into a unit-year's accounts ------------------------------------

STALE = "保存失败：您打开本页后，其他人已修改了该年度的收支数据，未保存任何数据。请核对下方的最新数据后重新勾选。"
SUBMITTED = "该年度数据已提交，不能录入；如需修改，请审核人退回后再录入。"


def editable_unit_years(user):
    """Unit-years whose figures the user may change; a sub-unit's row is taken in through its parent's page."""
    return (
        UnitYear.objects.filter(unit__in=visible_units(user, EDITING_ROLES))
        .exclude(unit__level="sub_unit")
        .select_related("unit")
        .order_by("unit__path", "-fiscal_year")
    )


@login_required
def take_into_accounts(request, batch_id, report_id):
    batch = _my_batch(request.user, batch_id)
    report = get_object_or_404(HealthcheckReport, pk=report_id, batch=batch, status=ReportStatus.DONE)
    choices = list(editable_unit_years(request.user))
    context = {"batch": batch, "report": report, "choices": choices, "errors": []}
    chosen = request.POST.get("unit_year") or request.GET.get("unit_year")
    if not chosen or not str(chosen).isdigit():
        return render(request, "healthcheck/take.html", context)
    unit_year = get_object_or_404(UnitYear.objects.select_related("unit"), pk=int(chosen))
    unit_for(request.user, unit_year.unit_id, "units.change_unit_data")
    sub_years = accounts_domain.sub_unit_years(unit_year)
    targets = Targets(unit_year.pk, unit_year.unit.name, {child.unit.name: child.pk for child in sub_years})

    def current():
        years = [unit_year.pk] + [child.pk for child in sub_years]
        return {(f.unit_year_id, f.line): f.amount for f in Figure.objects.filter(unit_year_id__in=years)}

    proposal = draft(report.result or {}, targets, current())
    context |= {
        "unit_year": unit_year, "draft": proposal, "is_draft": unit_year.status == UnitYearStatus.DRAFT,
        "differing": sum(not offer.unchanged for offer in proposal.offers),
    }
    if request.method == "POST":
        offers = proposal.by_key()
        picked = [offers[key] for key in request.POST.getlist("take") if key in offers]
        values = {(offer.target, offer.code): offer.value for offer in picked if not offer.unchanged}
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = -1
        if unit_year.status != UnitYearStatus.DRAFT:
            context["errors"].append(SUBMITTED)
        elif not values:
            context["errors"].append("请勾选要录入的金额（与目前数据相同的不必勾选）。")
        else:
            try:
                changed = accounts_domain.save_figures(unit_year, values, request.user, revision)
            except accounts_domain.Frozen as frozen:
                context["errors"].append(str(frozen))
            except accounts_domain.StaleRevision:
                context["errors"].append(STALE)
                context["draft"] = fresh = draft(report.result or {}, targets, current())
                context["differing"] = sum(not offer.unchanged for offer in fresh.offers)
            else:
                messages.success(request, f"已从“{report.filename}”录入 {changed} 个单元格，请核对。")
                return redirect("accounts:unit_year", unit_id=unit_year.unit_id, year=unit_year.fiscal_year)
        unit_year.refresh_from_db()
        return render(request, "healthcheck/take.html", context, status=409 if context["errors"] else 200)
    return render(request, "healthcheck/take.html", context)
