"""Use cases of the accounts: what views, commands and tasks call."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from jixiao.accounts.checks import check_sheet, staff_results
from jixiao.accounts.lines import LINES_BY_CODE
from jixiao.accounts.models import Figure, UnitYear
from jixiao.accounts.queries import sheet_for
from jixiao.checks.domain import sync_findings

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
    children = unit_year.unit.children.filter(level="sub_unit").order_by("sort_order", "pk")
    return [UnitYear.objects.get_or_create(unit=child, fiscal_year=unit_year.fiscal_year)[0] for child in children]


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
    changed = 0
    for (year_id, line), amount in values.items():
        if year_id not in allowed_years or line not in EDITABLE_LINES:
            raise ValueError(f"不属于本页的单元格：{year_id}/{line}")
        figure = stored.get((year_id, line))
        if amount is None:
            if figure is not None:
                figure._history_user = user
                figure.delete()
                changed += 1
        elif figure is None:
            figure = Figure(unit_year_id=year_id, line=line, amount=amount)
            figure._history_user = user
            figure.save()
            changed += 1
        elif figure.amount != amount:
            figure.amount = amount
            figure._history_user = user
            figure.save()
            changed += 1
    locked.revision += 1
    locked.save(update_fields=["revision", "updated_at"])
    unit_year.revision = locked.revision
    run_checks(locked)
    return changed

