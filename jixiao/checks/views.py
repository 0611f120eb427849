from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from jixiao import spreadsheets
from jixiao.checks import domain
from jixiao.checks.links import finding_link
from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.queries import findings_visible_to
from jixiao.checks.registry import Severity
from jixiao.params import fit_filename, parse_id, parse_year
from jixiao.units.queries import visible_units

AREAS = {"accounts": "收支数据", "goals": "绩效目标", "evaluations": "绩效自评", "healthcheck": "报告体检",
         "assessment": "目标考核", "documents": "正式文书"}
PER_PAGE = 50


def _filtered(request):
    """The findings the user covers, narrowed by the query string; (findings, filters, units)."""
    units = list(visible_units(request.user).order_by("path").only("pk", "name", "short_name"))
    findings = findings_visible_to(request.user).select_related("explained_by")
    filters = {key: request.GET.get(key, "") for key in ("unit", "severity", "status", "area", "year")}
    unit_id = parse_id(filters["unit"]) if filters["unit"] else None
    if unit_id is not None and any(unit.pk == unit_id for unit in units):
        findings = findings.filter(unit_id=unit_id)
    else:
        filters["unit"] = ""
    if filters["severity"] in Severity.values:
        findings = findings.filter(severity=filters["severity"])
    if filters["status"] in FindingStatus.values:
        findings = findings.filter(status=filters["status"])
    elif filters["status"] != "all":
        findings = findings.exclude(status=FindingStatus.RESOLVED)
    if filters["area"] in AREAS:
        findings = findings.filter(area=filters["area"])
    if filters["year"]:
        year = parse_year(filters["year"])
        if year is None:
            messages.error(request, f"年度“{filters['year'][:20]}”无法识别，请填写四位数字年份（1900–2100）；已显示全部年度。")
            filters["year"] = ""
        else:
            findings = findings.filter(fiscal_year=year)
    return findings, filters, units


@login_required
def finding_list(request):
    """Every finding of every unit the user covers, filtered by unit, year, severity, status and area, 50 a page."""
    findings, filters, units = _filtered(request)
    if request.GET.get("format") == "xlsx":
        return _xlsx(findings, filters, units)
    page = Paginator(findings, PER_PAGE).get_page(request.GET.get("page"))
    for finding in page:
        finding.area_name = AREAS.get(finding.area, "其他")
        finding.link = finding_link(finding)
    query = {key: value for key, value in filters.items() if value}
    return render(request, "checks/list.html", {
        "page": page, "findings": page.object_list, "filters": filters, "areas": AREAS, "units": units,
        "severities": Severity.choices, "statuses": FindingStatus.choices,
        "query": urlencode(query), "can_explain": _explainable(request.user, page.object_list),
    })


def _explainable(user, findings) -> set[int]:
    """Ids of the findings on the page this user may explain (one permission check per unit, not per finding)."""
    allowed = {}
    for finding in findings:
        if finding.unit_id not in allowed:
            allowed[finding.unit_id] = user.has_perm("units.change_unit_data", finding.unit)
    return {finding.pk for finding in findings if allowed[finding.unit_id]}


def _xlsx(findings, filters, units) -> HttpResponse:
    """The filtered findings as a workbook (through jixiao.spreadsheets), for the unit to answer and file."""
    book = Workbook()
    sheet = book.active
    sheet.title = "检查发现"
    unit_name = next((unit.name for unit in units if str(unit.pk) == filters["unit"]), "全部可见单位")
    year = f"{filters['year']}年度" if filters["year"] else "全部年度"
    spreadsheets.text(sheet, 1, 1, f"{unit_name} {year} 检查发现", bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    header = ["单位", "年度", "类别", "严重程度", "状态", "说明", "修改建议", "情况说明", "说明人"]
    for column, label in enumerate(header, start=1):
        spreadsheets.text(sheet, 2, column, label, bold=True, border=True, align="center")
    for line, finding in enumerate(findings, start=3):
        who = finding.explained_by.get_full_name() or finding.explained_by.username if finding.explained_by else ""
        values = [finding.unit.name, f"{finding.fiscal_year}", AREAS.get(finding.area, "其他"), finding.get_severity_display(),
                  finding.get_status_display(), finding.message, finding.fix, finding.explanation, who]
        for column, value in enumerate(values, start=1):
            spreadsheets.text(sheet, line, column, value, border=True, align="left")
    for column, width in zip("ABCDEFGHI", (22, 8, 10, 10, 8, 48, 36, 30, 12), strict=True):
        sheet.column_dimensions[column].width = width
    spreadsheets.print_landscape(sheet, title_rows="2:2")
    filename = fit_filename(f"{unit_name}{year}检查发现.xlsx", 120)
    response = HttpResponse(spreadsheets.save(book),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
@require_POST
def explain(request, finding_id):
    finding = get_object_or_404(Finding.objects.select_related("unit"), pk=finding_id)
    if not request.user.has_perm("units.view_unit", finding.unit):
        raise Http404("无权访问")
    if not request.user.has_perm("units.change_unit_data", finding.unit):
        raise Http404("无权修改")
    try:
        domain.explain(finding, request.user, request.POST.get("explanation", ""))
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "情况说明已保存。")
    target = request.POST.get("next", "")
    # Only a path on this site: "foo" would be taken for a URL name, "//evil" for another host.
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = "checks:list"
    return redirect(target)
