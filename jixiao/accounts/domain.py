"""Use cases of the accounts: what views, commands and tasks call."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jixiao.accounts.checks import check_sheet, staff_results
from jixiao.accounts.funds import FundRow, rows_from_funds
from jixiao.accounts.grid import Posted, RowSpec, field_name
from jixiao.accounts.lines import LINES_BY_CODE
from jixiao.accounts.models import Figure, SpecialFund, UnitYear, UnitYearEvent, UnitYearStatus
from jixiao.accounts.queries import sheet_for
from jixiao.accounts.sheet import Sheet
from jixiao.checks.domain import sync_findings
from jixiao.checks.models import Finding
from jixiao.checks.queries import blocking
from jixiao.money import fmt_amount

AREA = "accounts"
EDITABLE_LINES = frozenset(LINES_BY_CODE)


class StaleRevision(Exception):
    """The figures changed after the user loaded them; nothing was saved."""

    message = "保存失败：您打开本页后，其他人已修改了这些数据。您填写的内容仍保留在页面上，请核对最新数据后再保存。"


def run_checks(unit_year: UnitYear):
    """Check a unit-year (with its sub-units) and store the findings on the unit."""
    sheet = sheet_for(unit_year)
    unit = unit_year.unit
    staff = {field: getattr(unit, field) for field in (
        "authorized_staff", "authorized_staff_admin", "authorized_staff_institutional",
        "actual_staff", "actual_staff_admin", "actual_staff_institutional",
    )}
    results = check_sheet(sheet) + staff_results(unit.name, f"unit:{unit.pk}", staff)
    return sync_findings(unit, unit_year.fiscal_year, AREA, results)


def sub_unit_years(unit_year: UnitYear) -> list[UnitYear]:
    """The same year of the unit's direct sub-units, created when missing (a sub-unit's row on the page)."""
    children = list(unit_year.unit.children.filter(level="sub_unit").order_by("sort_order", "pk"))
    existing = {uy.unit_id: uy for uy in UnitYear.objects.filter(unit__in=children, fiscal_year=unit_year.fiscal_year)}
    missing = [UnitYear(unit=child, fiscal_year=unit_year.fiscal_year) for child in children if child.pk not in existing]
    if missing:
        UnitYear.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {uy.unit_id: uy for uy in UnitYear.objects.filter(unit__in=children, fiscal_year=unit_year.fiscal_year)}
    for child in children:
        existing[child.pk].unit = child
    return [existing[child.pk] for child in children]


@transaction.atomic
def save_figures(
    unit_year: UnitYear,
    values: Mapping[tuple[int, str], Decimal | None],
    user,
    expected_revision: int,
) -> int:
    """Store the cells of a unit-year page in one go, or nothing at all.

    `values` maps (unit_year id, line code) to an amount, or None for an empty
    cell; the unit-year ids are the page's own and its sub-units'. A save that
    started from an older revision raises StaleRevision. Every changed cell is
    recorded in the history with the user. Returns how many cells changed.
    """
    locked = UnitYear.objects.select_for_update().get(pk=unit_year.pk)
    if locked.revision != expected_revision:
        raise StaleRevision(StaleRevision.message)
    allowed_years = {locked.pk} | {child.pk for child in sub_unit_years(locked)}
    stored = {
        (figure.unit_year_id, figure.line): figure
        for figure in Figure.objects.filter(unit_year_id__in=allowed_years)
    }
    created, updated = [], []
    deleted = 0
    for (year_id, line), amount in values.items():
        if year_id not in allowed_years or line not in EDITABLE_LINES:
            raise ValueError(f"不属于本页的单元格：{year_id}/{line}")
        figure = stored.get((year_id, line))
        if amount is None:
            if figure is not None:
                figure._history_user = user
                figure.delete()
                deleted += 1
        elif figure is None:
            created.append(Figure(unit_year_id=year_id, line=line, amount=amount))
        elif figure.amount != amount:
            figure.amount = amount
            updated.append(figure)
    # In bulk, each with its history row (who, when, old → new), for a whole workbook at once.
    if created:
        bulk_create_with_history(created, Figure, default_user=user)
    if updated:
        bulk_update_with_history(updated, Figure, ["amount"], default_user=user)
    changed = deleted + len(created) + len(updated)
    locked.revision += 1
    locked.save(update_fields=["revision", "updated_at"])
    unit_year.revision = locked.revision
    run_checks(locked)
    return changed



def stale_cells(latest: Sheet, rows: list[RowSpec], posted: Posted) -> dict[str, str]:
    """Beside each cell where the stored figure now differs from what the user typed: the latest figure."""
    notes = {}
    sheets = {rows[0].unit_year_id: latest} | {row.unit_year_id: child for row, child in zip(rows[1:], latest.children, strict=True)}
    for (year_id, code), typed in posted.values.items():
        stored = sheets[year_id].stated(code)
        if stored != typed:
            notes[field_name(year_id, code)] = f"他人已改为：{'（空）' if stored is None else fmt_amount(stored)}"
    return notes


class SubmitRefused(Exception):
    pass


def _log(unit_year: UnitYear, user, action: str, comment: str = "") -> None:
    UnitYearEvent.objects.create(unit_year=unit_year, user=user, action=action, comment=comment)


@transaction.atomic
def submit(unit_year: UnitYear, user) -> None:
    """Submit for review: refused while any error finding of the page is open or explained."""
    locked = UnitYear.objects.select_for_update().get(pk=unit_year.pk)
    if locked.status != UnitYearStatus.DRAFT:
        raise SubmitRefused("本年度数据已提交。")
    run_checks(locked)
    errors = blocking(Finding.objects.filter(
        unit__path__startswith=locked.unit.path, fiscal_year=locked.fiscal_year, area=AREA,
    ))
    if errors.exists():
        raise SubmitRefused(f"有 {errors.count()} 项错误未修正，不能提交：{errors.first().message}")
    locked.status = UnitYearStatus.SUBMITTED
    locked.save(update_fields=["status", "updated_at"])
    unit_year.status = locked.status
    _log(locked, user, "submit")


@transaction.atomic
def reopen(unit_year: UnitYear, user, reason: str) -> None:
    if not reason.strip():
        raise SubmitRefused("退回时请填写原因。")
    locked = UnitYear.objects.select_for_update().get(pk=unit_year.pk)
    if locked.status != UnitYearStatus.SUBMITTED:
        raise SubmitRefused("本年度数据尚未提交，无需退回。")
    locked.status = UnitYearStatus.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    unit_year.status = locked.status
    _log(locked, user, "reopen", reason.strip())


def fund_rows(unit_year: UnitYear, posted_rows=None) -> list[FundRow]:
    return posted_rows if posted_rows is not None else rows_from_funds(list(unit_year.special_funds.all()))


@transaction.atomic
def save_funds(unit_year: UnitYear, rows: list[FundRow], user) -> int:
    """Store the special-funds table whole, or nothing when any row has an error."""
    if any(row.errors for row in rows):
        raise SubmitRefused("有填写错误，未保存。")
    existing = {fund.pk: fund for fund in SpecialFund.objects.select_for_update().filter(unit_year=unit_year)}
    changed = 0
    for order, row in enumerate(rows, start=1):
        if row.is_blank:
            continue
        fund = existing.get(row.pk) if row.pk else SpecialFund(unit_year=unit_year)
        fund._history_user = user
        if row.delete:
            fund.delete()
            changed += 1
            continue
        values = {
            "name": row.name, "sort_order": order, "is_science_popularisation": row.science,
            "parent_id": int(row.parent) if row.parent else None, **row.amounts,
        }
        if fund.pk and all(getattr(fund, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(fund, key, value)
        fund.save()
        changed += 1
    run_checks(unit_year)
    return changed


def open_year(unit, fiscal_year: int) -> UnitYear:
    """The unit-year, created (with its sub-units' rows) when it does not exist yet."""
    unit_year, _ = UnitYear.objects.get_or_create(unit=unit, fiscal_year=fiscal_year)
    sub_unit_years(unit_year)
    return unit_year
