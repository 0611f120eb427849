"""Loading unit-years from the database into plain Sheets."""

from collections import defaultdict

from jixiao.accounts.models import Figure, SpecialFund, UnitYear
from jixiao.accounts.sheet import FundLine, Sheet


def _fund_tree(funds) -> list[FundLine]:
    lines = {}
    roots = []
    for fund in funds:
        lines[fund.pk] = FundLine(
            name=fund.name,
            initial_budget=fund.initial_budget,
            adjusted_budget=fund.adjusted_budget,
            actual=fund.actual,
            is_science_popularisation=fund.is_science_popularisation,
            ref=f"fund:{fund.pk}",
            pk=fund.pk,
        )
    for fund in funds:
        (lines[fund.parent_id].children if fund.parent_id else roots).append(lines[fund.pk])
    return roots


def load_sheets(unit_years: list[UnitYear]) -> dict[int, Sheet]:
    """Sheets (without children or previous year) for many unit-years in three queries."""
    ids = [unit_year.pk for unit_year in unit_years]
    own = defaultdict(dict)
    for unit_year_id, line, amount in Figure.objects.filter(unit_year_id__in=ids).values_list("unit_year_id", "line", "amount"):
        own[unit_year_id][line] = amount
    funds = defaultdict(list)
    for fund in SpecialFund.objects.filter(unit_year_id__in=ids).order_by("sort_order", "pk"):
        funds[fund.unit_year_id].append(fund)
    return {
        unit_year.pk: Sheet(
            unit_name=unit_year.unit.display_name if unit_year.unit.level != "sub_unit" else unit_year.unit.name,
            fiscal_year=unit_year.fiscal_year,
            own=own[unit_year.pk],
            funds=_fund_tree(funds[unit_year.pk]),
            population=unit_year.unit.population,
            ref=f"uy:{unit_year.pk}",
        )
        for unit_year in unit_years
    }


def sheet_for(unit_year: UnitYear, with_previous: bool = True) -> Sheet:
    """The unit-year with its direct sub-units' same-year figures and, if stored, the previous year."""
    children = list(
        UnitYear.objects.filter(unit__parent=unit_year.unit, unit__level="sub_unit", fiscal_year=unit_year.fiscal_year)
        .select_related("unit")
        .order_by("unit__sort_order", "unit__pk")
    )
    sheets = load_sheets([unit_year, *children])
    sheet = sheets[unit_year.pk]
    sheet.children = [sheets[child.pk] for child in children]
    if with_previous:
        previous = UnitYear.objects.filter(unit=unit_year.unit, fiscal_year=unit_year.fiscal_year - 1).select_related("unit").first()
        if previous is not None:
            sheet.previous = sheet_for(previous, with_previous=False)
    return sheet


def region_sheet(unit, fiscal_year: int) -> Sheet:
    """Every association at or under `unit` for a year, rolled up: a Sheet whose children are the associations.

    Each association's own Sheet has its sub-units as children, so a unit with
    sub-units counts as their sum, as on its page. Two queries whatever the
    number of units (a province's thousands included); figures only, without
    special funds or the previous year.
    """
    years = list(
        UnitYear.objects.filter(unit__path__startswith=unit.path, fiscal_year=fiscal_year)
        .order_by("unit__path", "unit__sort_order")
        .values_list("pk", "unit_id", "unit__parent_id", "unit__level", "unit__name", "unit__short_name", "unit__population")
    )
    own = defaultdict(dict)
    figures = Figure.objects.filter(unit_year__unit__path__startswith=unit.path, unit_year__fiscal_year=fiscal_year)
    for unit_year_id, line, amount in figures.values_list("unit_year_id", "line", "amount"):
        own[unit_year_id][line] = amount
    by_unit: dict[int, Sheet] = {}
    associations: list[Sheet] = []
    sub_units = []
    for pk, unit_id, parent_id, level, name, short_name, population in years:
        sheet = Sheet(
            unit_name=name if level == "sub_unit" else (short_name or name), fiscal_year=fiscal_year,
            own=own[pk], population=population, ref=f"uy:{pk}",
        )
        by_unit[unit_id] = sheet
        if level == "sub_unit":
            sub_units.append((parent_id, sheet))
        else:
            associations.append(sheet)
    for parent_id, sheet in sub_units:
        # A sub-unit whose parent has no accounts that year still counts, on its own.
        (by_unit[parent_id].children if parent_id in by_unit else associations).append(sheet)
    return Sheet(unit_name=f"{unit.display_name}（全辖汇总）", fiscal_year=fiscal_year, children=associations)
