"""The unit-year page: load, call the domain, render. Every unit goes through units.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.accounts import domain, history
from jixiao.accounts.derived import all_derived, fund_execution, notes
from jixiao.accounts.funds import mark_stale_funds, read_funds
from jixiao.accounts.grid import RowSpec, build_tables, read_post, sheets_with
from jixiao.accounts.models import UnitYear, UnitYearStatus
from jixiao.accounts.queries import sheet_for
from jixiao.accounts.rules import frozen_reason
from jixiao.accounts.state import unit_year_bar
from jixiao.checks.models import Finding
from jixiao.checks.queries import active
from jixiao.params import posted_revision
from jixiao.units.access import unit_for


def _unit_year(user, unit_id, year, perm="units.view_unit") -> UnitYear:
    unit = unit_for(user, unit_id, perm)
    return get_object_or_404(UnitYear.objects.select_related("unit"), unit=unit, fiscal_year=year)


def _rows(unit_year: UnitYear) -> list[RowSpec]:
    children = domain.sub_unit_years(unit_year)
    rows = [RowSpec(unit_year.pk, "合计" if children else unit_year.unit.name, True)]
    rows += [RowSpec(child.pk, child.unit.name, False) for child in children]
    return rows


def _findings(unit_year: UnitYear):
    unit = unit_year.unit
    return active(
        Finding.objects.filter(unit__path__startswith=unit.path, fiscal_year=unit_year.fiscal_year, area=domain.AREA)
    ).select_related("unit", "explained_by")


def _excel_links(unit_year, can_edit: bool) -> list[tuple[str, str]]:
    names = [("下载Excel模板", "excel_template"), ("导出Excel", "excel_export")] + ([("导入Excel", "excel_import")] if can_edit else [])
    kwargs = {"unit_id": unit_year.unit_id, "year": unit_year.fiscal_year}
    return [(label, reverse(f"accounts:{name}", kwargs=kwargs)) for label, name in names]


def _page(request, unit_year, rows, sheet, texts=None, errors=None, status=200, revision=None):
    can_edit = request.user.has_perm("units.change_unit_data", unit_year.unit) and unit_year.status == UnitYearStatus.DRAFT
    # Who did each step, in the same query as the steps.
    events = list(unit_year.events.select_related("user"))
    context = {
        "unit_year": unit_year,
        "unit": unit_year.unit,
        "events": events,
        "bar": unit_year_bar(unit_year, request.user, events, form="grid-form" if can_edit else ""),
        "rows": rows,
        "tables": build_tables(sheet, rows, texts, errors, readonly=not can_edit),
        "derived": all_derived(sheet),
        "figure_notes": notes(sheet),
        "funds": [(fund, fund_execution(fund)) for fund in sheet.all_funds()],
        "findings": _findings(unit_year),
        "can_edit": can_edit,
        "can_review": request.user.has_perm("units.review_unit", unit_year.unit),
        "frozen_reason": frozen_reason(unit_year),
        "may": {action: request.user.has_perm(f"accounts.{action}", unit_year) for action in
                ("submit", "return", "approve", "receive", "reopen_approved", "reopen_received")},
        "may_check": request.user.has_perm("units.change_unit_data", unit_year.unit),
        "revision": unit_year.revision if revision is None else revision,
        "error_count": len(errors or {}),
        "excel_links": _excel_links(unit_year, can_edit),
        "other_years": UnitYear.objects.filter(unit=unit_year.unit).values_list("fiscal_year", flat=True),
    }
    return render(request, "accounts/unit_year.html", context, status=status)


@login_required
def unit_year_page(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    rows = _rows(unit_year)
    if request.method != "POST":
        return _page(request, unit_year, rows, sheet_for(unit_year))
    if not request.user.has_perm("units.change_unit_data", unit_year.unit):
        raise Http404("无权修改该单位")
    posted = read_post(request.POST, rows)
    if unit_year.status != UnitYearStatus.DRAFT:
        messages.error(request, frozen_reason(unit_year))
        return _page(request, unit_year, rows, sheets_with(sheet_for(unit_year), rows, posted), posted.texts, posted.errors, 409)
    if not posted.valid:
        messages.error(request, f"有 {len(posted.errors)} 处填写有误，未保存。请按单元格旁的提示修改；其他内容已保留。")
        return _page(request, unit_year, rows, sheets_with(sheet_for(unit_year), rows, posted), posted.texts, posted.errors, 400)
    try:
        expected = int(request.POST.get("revision", ""))
    except ValueError:
        expected = -1
    try:
        changed = domain.save_figures(unit_year, posted.values, request.user, expected)
    except domain.Frozen as frozen:
        messages.error(request, str(frozen))
        return _page(request, unit_year, rows, sheets_with(sheet_for(unit_year), rows, posted), posted.texts, posted.errors, 409)
    except domain.StaleRevision as stale:
        messages.error(request, str(stale))
        current = UnitYear.objects.get(pk=unit_year.pk)
        latest = sheet_for(current)
        return _page(
            request, current, rows, sheets_with(latest, rows, posted), posted.texts,
            domain.stale_cells(latest, rows, posted), 409, revision=current.revision,
        )
    messages.success(request, f"已保存，修改了 {changed} 个单元格。" if changed else "已保存，没有修改。")
    return redirect("accounts:unit_year", unit_id=unit_id, year=year)


@login_required
@require_POST
def derived_cells(request, unit_id, year):
    """Live preview while typing: computed cells, their errors and the derived figures, nothing stored."""
    unit_year = _unit_year(request.user, unit_id, year)
    rows = _rows(unit_year)
    posted = read_post(request.POST, rows)
    sheet = sheets_with(sheet_for(unit_year), rows, posted)
    context = {
        "tables": build_tables(sheet, rows, posted.texts, posted.errors),
        "derived": all_derived(sheet),
        "figure_notes": notes(sheet),
        "error_count": len(posted.errors),
    }
    return render(request, "accounts/_live.html", context)


@login_required
def funds_page(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    can_edit = request.user.has_perm("units.change_unit_data", unit_year.unit) and unit_year.status == UnitYearStatus.DRAFT
    form, status, revision = None, 200, unit_year.revision
    if request.method == "POST":
        if not request.user.has_perm("units.change_unit_data", unit_year.unit):
            raise Http404("无权修改该单位")
        form = read_funds(request.POST, list(unit_year.special_funds.all()))
        try:
            domain.save_funds(unit_year, form, request.user, posted_revision(request.POST))
        except domain.StaleRevision as stale:
            messages.error(request, str(stale))
            unit_year.refresh_from_db()
            revision, status = unit_year.revision, 409
            mark_stale_funds(form, list(unit_year.special_funds.all()))
        except domain.SubmitRefused as refused:
            messages.error(request, str(refused) if isinstance(refused, domain.Frozen)
                           else "有填写错误，未保存。请按提示修改；其他内容已保留。")
            status = 409 if isinstance(refused, domain.Frozen) else 400
        else:
            messages.success(request, "专项资金已保存。")
            return redirect("accounts:funds", unit_id=unit_id, year=year)
    sheet = sheet_for(unit_year)
    rows = domain.fund_rows(unit_year, form)
    executions = {fund.ref: fund_execution(fund) for fund in sheet.all_funds()}
    for row in rows:
        row.execution = executions.get(f"fund:{row.pk}")
    return render(request, "accounts/funds.html", {
        "unit_year": unit_year, "unit": unit_year.unit, "rows": rows, "can_edit": can_edit, "revision": revision,
        "bar": unit_year_bar(unit_year, request.user),
    }, status=status)


@login_required
def history_page(request, unit_id, year):
    unit_year = _unit_year(request.user, unit_id, year)
    return render(request, "accounts/history.html", {
        "unit_year": unit_year, "unit": unit_year.unit, "changes": history.changes(unit_year),
    })


@login_required
@require_POST
def check_now(request, unit_id, year):
    # Re-running the checks rewrites findings: editors only, like every other write here.
    unit_year = _unit_year(request.user, unit_id, year, "units.change_unit_data")
    findings = domain.run_checks(unit_year)
    messages.success(request, f"已重新检查，共 {len(findings)} 条检查发现。")
    return redirect("accounts:unit_year", unit_id=unit_id, year=year)


@login_required
@require_POST
def submit(request, unit_id, year):
    """提交审核 posts the grid with it: cells that are wrong or not saved stop the submit."""
    unit_year = _unit_year(request.user, unit_id, year, "units.change_unit_data")
    rows = _rows(unit_year)
    posted = read_post(request.POST, rows)
    try:
        if not posted.valid:
            raise domain.SubmitRefused(f"未提交：页面上有 {len(posted.errors)} 处填写有误，尚未保存。请改正并保存后再提交。")
        unsaved = domain.stale_cells(sheet_for(unit_year), rows, posted) if posted.values else {}
        if unsaved:
            raise domain.SubmitRefused(f"未提交：页面上有 {len(unsaved)} 处修改尚未保存。请先保存，核对检查结果后再提交。")
        expected = posted_revision(request.POST) if "revision" in request.POST else None
        domain.submit(unit_year, request.user, expected)
    except (domain.SubmitRefused, domain.StaleRevision) as refused:
        messages.error(request, str(refused))
        if posted.values:
            return _page(request, unit_year, rows, sheets_with(sheet_for(unit_year), rows, posted), posted.texts,
                         posted.errors, 409)
    else:
        messages.success(request, "已提交审核。")
    return redirect("accounts:unit_year", unit_id=unit_id, year=year)


def _step(request, unit_id, year, call, done: str):
    unit_year = _unit_year(request.user, unit_id, year)
    try:
        call(unit_year)
    except domain.SubmitRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("accounts:unit_year", unit_id=unit_id, year=year)


@login_required
@require_POST
def reopen(request, unit_id, year):
    return _step(request, unit_id, year, lambda uy: domain.reopen(uy, request.user, request.POST.get("reason", "")),
                 "已退回为草稿，填报人可以修改。")


@login_required
@require_POST
def approve(request, unit_id, year):
    return _step(request, unit_id, year, lambda uy: domain.approve(uy, request.user, request.POST.get("comment", "")),
                 "已审核通过，本年度数据已冻结。")


@login_required
@require_POST
def receive(request, unit_id, year):
    return _step(request, unit_id, year, lambda uy: domain.receive(uy, request.user, request.POST.get("comment", "")),
                 "财政已接收，本年度数据已冻结。")
