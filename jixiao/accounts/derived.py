"""Derived figures: computed from the stored figures, each with its formula in Chinese."""

from dataclasses import dataclass
from decimal import Decimal

from jixiao.accounts.lines import LINES_BY_CODE
from jixiao.accounts.sheet import Sheet
from jixiao.money import fmt_amount, fmt_percent, percent


@dataclass(frozen=True)
class Derived:
    code: str
    label: str
    value: Decimal | None
    formula: str
    unit: str = "%"

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        return fmt_percent(self.value) if self.unit == "%" else f"{fmt_amount(self.value)} {self.unit}"


def _label(code):
    return LINES_BY_CODE[code].label


def ratio(code: str, label: str, numerator: Decimal | None, denominator: Decimal | None, num_label: str, den_label: str) -> Derived:
    value = percent(numerator, denominator) if numerator is not None and denominator else None
    if value is None:
        missing = den_label if not denominator else num_label
        return Derived(code, label, None, f"{num_label} ÷ {den_label}：缺少{missing}")
    return Derived(
        code, label, value,
        f"{num_label} ÷ {den_label} × 100% = {fmt_amount(numerator)} ÷ {fmt_amount(denominator)} × 100% = {fmt_percent(value)}",
    )


def line_ratio(sheet: Sheet, code: str, label: str, numerator: str, denominator: str) -> Derived:
    return ratio(code, label, sheet.value(numerator), sheet.value(denominator), _label(numerator), _label(denominator))


def difference(code: str, label: str, minuend: Decimal | None, subtrahend: Decimal | None, min_label: str, sub_label: str) -> Derived:
    if minuend is None or subtrahend is None:
        return Derived(code, label, None, f"{min_label} − {sub_label}：数据不全", "万元")
    value = minuend - subtrahend
    return Derived(
        code, label, value,
        f"{min_label} − {sub_label} = {fmt_amount(minuend)} − {fmt_amount(subtrahend)} = {fmt_amount(value)}", "万元",
    )


def execution_rates(sheet: Sheet) -> list[Derived]:
    return [
        # With no separate budget line, the year's available money (income including
        # carry-over) is the budget, as the Zhejiang form does (658.77 ÷ 679.41).
        ratio("execution_overall", "预算执行率（整体）", sheet.value("exp_total"), sheet.value("income_total"), "支出合计", "收入合计"),
        line_ratio(sheet, "execution_basic", "基本支出预算执行率", "exp_basic", "budget_basic"),
        line_ratio(sheet, "execution_project", "项目支出预算执行率", "exp_project", "budget_project"),
    ]


def structure_ratios(sheet: Sheet) -> list[Derived]:
    return [
        line_ratio(sheet, "share_basic", "基本支出占支出合计", "exp_basic", "exp_total"),
        line_ratio(sheet, "share_personnel", "人员支出占基本支出", "exp_personnel", "exp_basic"),
        line_ratio(sheet, "share_office", "公用支出占基本支出", "exp_office", "exp_basic"),
        line_ratio(sheet, "share_project", "项目支出占支出合计", "exp_project", "exp_total"),
    ]


def sangong_figures(sheet: Sheet) -> list[Derived]:
    actual, budget, last_year = sheet.value("sangong_actual"), sheet.value("sangong_budget"), sheet.value("sangong_last_year")
    return [
        difference("sangong_saving_budget", "三公经费比预算节约", budget, actual, "三公经费预算", "三公经费实际"),
        difference("sangong_saving_last_year", "三公经费比上年节约", last_year, actual, "上年三公经费实际", "三公经费实际"),
        ratio("sangong_control_rate", "三公经费控制率", actual, budget, "三公经费实际", "三公经费预算"),
    ]


YEAR_ON_YEAR_LINES = ["income_total", "exp_total", "exp_basic", "exp_project", "sangong_actual"]


def year_on_year(sheet: Sheet) -> list[Derived]:
    if sheet.previous is None:
        return []
    rows = []
    for code in YEAR_ON_YEAR_LINES:
        now, before = sheet.value(code), sheet.previous.value(code)
        label = f"{_label(code)}同比变动"
        if now is None or not before:
            rows.append(Derived(f"yoy_{code}", label, None, f"{label}：缺少上年或本年数据"))
            continue
        value = percent(now - before, before)
        rows.append(Derived(
            f"yoy_{code}", label, value,
            f"（{fmt_amount(now)} − {fmt_amount(before)}）÷ {fmt_amount(before)} × 100% = {fmt_percent(value)}",
        ))
    return rows


def science_popularisation_per_capita(sheet: Sheet) -> Derived:
    funds = [fund for fund in sheet.funds if fund.is_science_popularisation]
    amount = sum((fund.spent if fund.spent is not None else (fund.budget or Decimal(0)) for fund in funds), Decimal(0))
    label = "人均科普经费"
    if not funds:
        return Derived("per_capita_science", label, None, "人均科普经费 = 科普经费 ÷ 常住人口：未标记科普经费专项", "元/人")
    if not sheet.population:
        return Derived("per_capita_science", label, None, f"人均科普经费 = {fmt_amount(amount)} 万元 ÷ 常住人口：缺少常住人口", "元/人")
    value = (amount * 10000 / sheet.population).quantize(Decimal("0.01"))
    return Derived(
        "per_capita_science", label, value,
        f"科普经费 ÷ 常住人口 = {fmt_amount(amount)} 万元 × 10000 ÷ {sheet.population} 人 = {value} 元/人", "元/人",
    )


def fund_execution(fund) -> Derived:
    return ratio("fund_execution", f"{fund.name}执行率", fund.spent, fund.budget, "全年执行数", "预算数")


def all_derived(sheet: Sheet) -> list[Derived]:
    return [
        *execution_rates(sheet),
        *structure_ratios(sheet),
        *sangong_figures(sheet),
        *year_on_year(sheet),
        science_popularisation_per_capita(sheet),
    ]
