"""What changed in a unit-year's figures and special funds: who, when, old and new."""

from decimal import Decimal

from jixiao.accounts.lines import LINES_BY_CODE
from jixiao.accounts.models import Figure, SpecialFund, UnitYear
from jixiao.checks.models import Finding
from jixiao.history import Change, who
from jixiao.money import fmt_amount


def _amount(value: Decimal | None) -> str:
    return "（空）" if value is None else fmt_amount(value)


FUND_FIELDS = ("名称", "年初预算数", "调整后预算数", "全年执行数", "计入科普经费", "上级项目")
FUND_SHOW = {"名称": lambda value: value or "（空）", "计入科普经费": lambda value: "（空）" if value is None else ("是" if value else "否")}


def explanation_changes(years: dict[int, str]) -> list[Change]:
    """Every version of the explanations given to the page's findings: each one kept, never overwritten."""
    unit_years = UnitYear.objects.filter(pk__in=years).values_list("unit_id", "fiscal_year", "unit__name")
    result = []
    for unit_id, fiscal_year, unit_name in unit_years:
        last: dict[int, str] = {}
        records = Finding.history.filter(unit_id=unit_id, fiscal_year=fiscal_year).select_related("history_user")
        for record in records.order_by("history_date", "history_id"):
            old, new = last.get(record.id, ""), record.explanation
            last[record.id] = new
            if old != new:
                result.append(Change(record.history_date, who(record), unit_name, f"检查发现 {record.message[:40]}：情况说明",
                                     old or "（空）", new or "（空）"))
    return result


def changes(unit_year: UnitYear) -> list[Change]:
    """Every recorded change of the page's cells (the unit's and its sub-units'), newest first."""
    years = {year.pk: year.unit.name for year in UnitYear.objects.filter(
        unit__path__startswith=unit_year.unit.path, fiscal_year=unit_year.fiscal_year,
    ).select_related("unit")}
    result = []
    last: dict[int, Decimal | None] = {}
    for record in Figure.history.filter(unit_year_id__in=years).select_related("history_user").order_by("history_date", "history_id"):
        old = last.get(record.id)
        new = None if record.history_type == "-" else record.amount
        last[record.id] = new
        label = LINES_BY_CODE[record.line].label if record.line in LINES_BY_CODE else record.line
        result.append(Change(record.history_date, who(record), years[record.unit_year_id], label, _amount(old), _amount(new)))
    fund_state: dict[int, dict] = {}
    fund_names = dict(SpecialFund.history.filter(unit_year_id__in=years).values_list("id", "name"))
    for record in SpecialFund.history.filter(unit_year_id__in=years).select_related("history_user").order_by("history_date", "history_id"):
        before = fund_state.get(record.id, {})
        after = {} if record.history_type == "-" else {
            "名称": record.name, "年初预算数": record.initial_budget,
            "调整后预算数": record.adjusted_budget, "全年执行数": record.actual,
            "计入科普经费": record.is_science_popularisation, "上级项目": record.parent_id,
        }
        fund_state[record.id] = after
        for key in FUND_FIELDS:
            old, new = before.get(key), after.get(key)
            if old == new or (key in ("计入科普经费", "上级项目") and not before and not new):
                continue
            show = FUND_SHOW.get(key, _amount)
            if key == "上级项目":
                show = lambda value: fund_names.get(value, "（无）") if value else "（无）"  # noqa: E731
            result.append(Change(record.history_date, who(record), years[record.unit_year_id], f"专项资金 {record.name}：{key}", show(old), show(new)))
    result.extend(explanation_changes(years))
    result.sort(key=lambda change: change.when, reverse=True)
    return result
