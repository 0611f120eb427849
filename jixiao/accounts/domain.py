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
from jixiao.accounts.rules import ROLES, conflict, frozen_reason
from jixiao.accounts.sheet import Sheet
from jixiao.bulk import update_rows
from jixiao.checks.domain import sync_findings
from jixiao.checks.queries import open_errors, where_to_fix
from jixiao.money import fmt_amount

AREA = "accounts"
EDITABLE_LINES = frozenset(LINES_BY_CODE)


class StaleRevision(Exception):
    """The figures changed after the user loaded them; nothing was saved."""

    message = "保存失败：您打开本页后，其他人已修改了这些数据。您填写的内容仍保留在页面上，请核对最新数据后再保存。"


class SubmitRefused(Exception):
    """A step or save of the accounts that may not happen; the message says why, in Chinese."""


class Frozen(SubmitRefused):
    """The unit-year is submitted, approved or received: nothing of it may change until it is reopened."""


def lock_draft(unit_year: UnitYear) -> UnitYear:
    """The unit-year's row, locked for this transaction; Frozen (naming who can reopen) unless it is a draft.

    Every change of a unit-year's figures and funds goes through here, so a save
    racing an approval either lands before it or is refused after it.
    """
    locked = UnitYear.objects.select_for_update().select_related("unit").get(pk=unit_year.pk)
    reason = frozen_reason(locked)
    if reason:
        raise Frozen(reason)
    return locked


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
    # By the parent rather than `unit__in=children`: the same one query with or without sub-units.
    existing = {uy.unit_id: uy for uy in UnitYear.objects.filter(
        unit__parent=unit_year.unit, unit__level="sub_unit", fiscal_year=unit_year.fiscal_year)}
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
    locked = lock_draft(unit_year)
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
        update_rows(updated, ["amount"])
        bulk_update_with_history(updated, Figure, [], default_user=user)  # the history rows only
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


def _log(unit_year: UnitYear, user, action: str, from_status: str, comment: str = "", snapshot=None) -> None:
    UnitYearEvent.objects.create(unit_year=unit_year, user=user, action=action, comment=comment,
                                 from_status=from_status, to_status=unit_year.status, snapshot=snapshot)


def _move(locked: UnitYear, unit_year: UnitYear, user, action: str, target: str, comment: str = "", freeze=False) -> None:
    before = locked.status
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    unit_year.status = locked.status
    _log(locked, user, action, before, comment, figures_snapshot(locked) if freeze else None)


def figures_snapshot(unit_year: UnitYear) -> dict:
    """The figures and funds of the unit-year and its sub-units as they are now (kept on approve/receive)."""
    years = [unit_year, *sub_unit_years(unit_year)]
    figures = {uy.unit.name: {} for uy in years}
    names = {uy.pk: uy.unit.name for uy in years}
    for year_id, line, amount in Figure.objects.filter(unit_year__in=years).values_list("unit_year_id", "line", "amount"):
        figures[names[year_id]][line] = str(amount)
    funds = [
        {"name": fund.name, "parent": fund.parent.name if fund.parent_id else "",
         **{key: None if getattr(fund, key) is None else str(getattr(fund, key))
            for key in ("initial_budget", "adjusted_budget", "actual")}}
        for fund in SpecialFund.objects.filter(unit_year=unit_year).select_related("parent")
    ]
    return {"revision": unit_year.revision, "figures": figures, "funds": funds}


def refuse_open_errors(unit, fiscal_year: int, what: str) -> None:
    """SubmitRefused listing the open errors of the unit-year (with where to fix each), if there are any."""
    errors = list(open_errors(unit, fiscal_year))
    if errors:
        raise SubmitRefused(f"{unit.display_name}{fiscal_year}年度还有 {len(errors)} 项错误未修正，不能{what}："
                            f"{where_to_fix(errors)}。错误须修正（四舍五入尾差可填写说明）。")


def _require(user, action: str, locked: UnitYear, label: str) -> None:
    if not user.has_perm(f"accounts.{action}", locked):
        reason = conflict(user, action, locked) if ROLES[action](user, locked) else ""
        raise SubmitRefused(reason or f"您没有权限{label}。")


@transaction.atomic
def submit(unit_year: UnitYear, user, expected_revision: int | None = None) -> None:
    """Submit for review: refused while any error of the unit-year is open, or when the page shown is out of date."""
    locked = lock_draft(unit_year)
    _require(user, "submit", locked, "提交本年度数据")
    if expected_revision is not None and locked.revision != expected_revision:
        raise StaleRevision("未提交：您打开本页后，其他人已修改了这些数据。请核对最新数据后再提交。")
    run_checks(locked)
    refuse_open_errors(locked.unit, locked.fiscal_year, "提交")
    _move(locked, unit_year, user, "submit", UnitYearStatus.SUBMITTED)


@transaction.atomic
def approve(unit_year: UnitYear, user, comment: str = "") -> None:
    """The unit's reviewer approves the submitted figures; they are kept as they are now."""
    locked = UnitYear.objects.select_for_update().select_related("unit").get(pk=unit_year.pk)
    if locked.status != UnitYearStatus.SUBMITTED:
        raise SubmitRefused(f"当前状态为“{locked.get_status_display()}”，不能审核通过。")
    _require(user, "approve", locked, "审核本年度数据")
    refuse_open_errors(locked.unit, locked.fiscal_year, "审核通过")
    _move(locked, unit_year, user, "approve", UnitYearStatus.APPROVED, comment.strip(), freeze=True)


@transaction.atomic
def receive(unit_year: UnitYear, user, comment: str = "") -> None:
    """The finance bureau receives the approved figures; they are kept as they are now."""
    locked = UnitYear.objects.select_for_update().select_related("unit").get(pk=unit_year.pk)
    if locked.status != UnitYearStatus.APPROVED:
        raise SubmitRefused(f"当前状态为“{locked.get_status_display()}”，须先经本单位审核通过才能接收。")
    _require(user, "receive", locked, "接收本年度数据")
    _move(locked, unit_year, user, "receive", UnitYearStatus.RECEIVED, comment.strip(), freeze=True)


# status → (permission, what the step is called)
REOPEN_BY = {
    UnitYearStatus.SUBMITTED: ("return", "退回本年度数据"),
    UnitYearStatus.APPROVED: ("reopen_approved", "撤销审核"),
    UnitYearStatus.RECEIVED: ("reopen_received", "撤销财政接收"),
}


@transaction.atomic
def reopen(unit_year: UnitYear, user, reason: str) -> None:
    """Back to draft, by the role above the state (reviewer; finance bureau once received), with a logged reason."""
    if not reason.strip():
        raise SubmitRefused("退回或重新打开时请填写原因。")
    locked = UnitYear.objects.select_for_update().select_related("unit").get(pk=unit_year.pk)
    if locked.status not in REOPEN_BY:
        raise SubmitRefused("本年度数据是草稿，无需退回。")
    action, label = REOPEN_BY[locked.status]
    _require(user, action, locked, label)
    _move(locked, unit_year, user, "reopen", UnitYearStatus.DRAFT, reason.strip())


def follow_evaluation(unit_year: UnitYear, user, target: str, comment: str) -> None:
    """Move the unit-year with a self-evaluation resting on its figures (called by evaluations.domain under its lock).

    Approving an evaluation approves the figures it rests on; finance accepting it
    receives them; reopening it returns them to draft. Separation of duties was
    checked on the evaluation step itself.
    """
    locked = UnitYear.objects.select_for_update().select_related("unit").get(pk=unit_year.pk)
    if locked.status == target:
        return
    action = {UnitYearStatus.APPROVED: "approve", UnitYearStatus.RECEIVED: "receive", UnitYearStatus.DRAFT: "reopen"}[target]
    _move(locked, unit_year, user, action, target, comment, freeze=target != UnitYearStatus.DRAFT)


def fund_rows(unit_year: UnitYear, posted_rows=None) -> list[FundRow]:
    return posted_rows if posted_rows is not None else rows_from_funds(list(unit_year.special_funds.all()))


@transaction.atomic
def save_funds(unit_year: UnitYear, rows: list[FundRow], user, expected_revision: int) -> int:
    """Store the special-funds table whole, or nothing when any row has an error or the table shown is out of date.

    Shares the unit-year's revision with the figures: both are the year's accounts.
    """
    locked = lock_draft(unit_year)
    if any(row.errors for row in rows):
        raise SubmitRefused("有填写错误，未保存。")
    if locked.revision != expected_revision:
        raise StaleRevision("保存失败：您打开本页后，其他人已修改了本年度的账目。您填写的内容仍保留在页面上，"
                            "旁边注明了他人保存的值；请核对后再保存。")
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
    locked.revision += 1
    locked.save(update_fields=["revision", "updated_at"])
    unit_year.revision = locked.revision
    run_checks(locked)
    return changed


def open_year(unit, fiscal_year: int) -> UnitYear:
    """The unit-year, created (with its sub-units' rows) when it does not exist yet."""
    unit_year, _ = UnitYear.objects.get_or_create(unit=unit, fiscal_year=fiscal_year)
    sub_unit_years(unit_year)
    return unit_year
