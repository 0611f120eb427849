"""Use cases of the accounts: what views, commands and tasks call."""

from jixiao.accounts.checks import check_sheet, staff_results
from jixiao.accounts.models import UnitYear
from jixiao.accounts.queries import sheet_for
from jixiao.checks.domain import sync_findings

AREA = "accounts"


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
