"""The one source of a unit-year's figures and derived figures, each with its formula in Chinese.

Pages, monitoring, department indicators, scoring and every document read the
figures through here: `figure(sheet, code)` for a line, the Derived rows for
rates, shares, differences and the balance, `facts(sheet)` for all of them by
code, `execution(sheet, fund_pk)` for the money behind a goal.

Policy where a unit states a total that differs from its parts, decided once here:
- a rounding difference (at most 0.01 per summed figure, the accounts checks'
  warning): the unit's stated figure is the figure, as its final accounts and the
  official tables print it — Yueyang 2017's summary keeps 基本支出 359.39 (its
  sub-units add up to 359.40) and 当年结余 83.62 (1086.91 − 1003.30 = 83.61);
- a larger difference (the checks' error, which blocks submission until fixed):
  the parts' sum is the figure, so a changed part moves every total, rate and
  document at once and a stale stated total never hides it.
Either way a visible note (`notes(sheet)`) gives the other figure, on the page and
in every document alike, and every rate is computed from the figures so chosen.
"""

from dataclasses import dataclass
from decimal import Decimal

from jixiao.accounts.lines import LINES, LINES_BY_CODE
from jixiao.accounts.sheet import Sheet
from jixiao.checks.rules.balances import BALANCE_TERMS, balance
from jixiao.checks.rules.rates import execution_rate
from jixiao.checks.rules.sums import within_rounding
from jixiao.money import fmt_amount, fmt_percent, percent


def _terms(sheet: Sheet, code: str) -> int:
    """How many printed figures a line's computed value adds up (the rounding a stated total may carry)."""
    line = LINES_BY_CODE[code]
    if line.minus:
        return BALANCE_TERMS
    if line.is_total:
        return sum(1 for part in line.parts if sheet.value(part) is not None)
    return sum(1 for child in sheet.children if child.value(code) is not None)


def uses_stated(sheet: Sheet, code: str) -> bool:
    """Whether the unit's stated figure is the figure: stated, and off its parts by rounding only."""
    stated, computed = sheet.stated(code), sheet.computed(code)
    if stated is None:
        return False
    return computed is None or within_rounding(stated - computed, _terms(sheet, code))


def figure(sheet: Sheet, code: str) -> Decimal | None:
    """A line's figure as every page and document shows it (see the policy above)."""
    return sheet.stated(code) if uses_stated(sheet, code) else sheet.value(code)


@dataclass(frozen=True)
class Note:
    """A stated total that differs from what its parts add up to."""

    unit_name: str
    code: str
    stated: Decimal
    computed: Decimal
    stated_used: bool

    @property
    def label(self) -> str:
        return LINES_BY_CODE[self.code].label

    @property
    def text(self) -> str:
        line = LINES_BY_CODE[self.code]
        if line.minus:
            how = "收入合计减支出合计为"
        elif line.is_total:
            how = "各分项合计为"
        else:
            how = "各下属单位合计为"
        difference = fmt_amount(self.stated - self.computed)
        if self.stated_used:
            return (
                f"{self.unit_name}{self.label}按单位所列 {fmt_amount(self.stated)} 万元，"
                f"{how} {fmt_amount(self.computed)} 万元（尾差 {difference}）"
            )
        return (
            f"{self.unit_name}{self.label}按{how.removesuffix('为')} {fmt_amount(self.computed)} 万元，"
            f"单位所列为 {fmt_amount(self.stated)} 万元（差 {difference}，须更正）"
        )


def notes(sheet: Sheet) -> list[Note]:
    """Every stated total of the unit and its sub-units that its parts do not add up to."""
    found = []
    for row in [sheet, *sheet.children]:
        for line in LINES:
            stated, computed = row.stated(line.code), row.computed(line.code)
            if stated is not None and computed is not None and stated != computed:
                found.append(Note(row.unit_name, line.code, stated, computed, uses_stated(row, line.code)))
    return found


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
    value = execution_rate(numerator, denominator)
    if value is None:
        missing = den_label if not denominator else num_label
        return Derived(code, label, None, f"{num_label} ÷ {den_label}：缺少{missing}")
    return Derived(
        code, label, value,
        f"{num_label} ÷ {den_label} × 100% = {fmt_amount(numerator)} ÷ {fmt_amount(denominator)} × 100% = {fmt_percent(value)}",
    )


def line_ratio(sheet: Sheet, code: str, label: str, numerator: str, denominator: str) -> Derived:
    return ratio(code, label, figure(sheet, numerator), figure(sheet, denominator), _label(numerator), _label(denominator))


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
        ratio("execution_overall", "预算执行率（整体）", figure(sheet, "exp_total"), figure(sheet, "income_total"), "支出合计", "收入合计"),
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


def current_balance(sheet: Sheet) -> Derived:
    """当年结余 as shown (see the policy above), with income − expenditure and the stated figure where they differ."""
    income, spent = figure(sheet, "income_total"), figure(sheet, "exp_total")
    computed = balance(income, spent)
    stated = sheet.stated("balance_current")
    if computed is None:
        if stated is None:
            return Derived("balance_current", "当年结余", None, "收入合计 − 支出合计：数据不全", "万元")
        return Derived("balance_current", "当年结余", stated, f"单位所列 {fmt_amount(stated)}（收入或支出未填）", "万元")
    formula = f"收入合计 − 支出合计 = {fmt_amount(income)} − {fmt_amount(spent)} = {fmt_amount(computed)}"
    if stated is not None and stated != computed:
        used = "按单位所列" if uses_stated(sheet, "balance_current") else "单位所列"
        formula += f"（{used} {fmt_amount(stated)}，差 {fmt_amount(stated - computed)}）"
    return Derived("balance_current", "当年结余", figure(sheet, "balance_current"), formula, "万元")


def sangong_figures(sheet: Sheet) -> list[Derived]:
    actual, budget, last_year = figure(sheet, "sangong_actual"), figure(sheet, "sangong_budget"), figure(sheet, "sangong_last_year")
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
        now, before = figure(sheet, code), figure(sheet.previous, code)
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
        current_balance(sheet),
        *structure_ratios(sheet),
        *sangong_figures(sheet),
        *year_on_year(sheet),
        science_popularisation_per_capita(sheet),
    ]


# The lines whose figures the documents' text may name (facts), and the derived figures beside them.
FACT_LINES = (
    "income_total", "income_carry_over", "income_fiscal", "exp_total", "exp_basic", "exp_personnel", "exp_office",
    "exp_project", "balance_current", "sangong_actual", "sangong_budget", "sangong_last_year", "fa_total",
    "fa_in_use", "fa_added", "fa_purchased", "fa_transferred_in",
)


def facts(sheet: Sheet) -> dict[str, Decimal | None]:
    """Every figure by code, as shown: lines in 万元 (figure) and the derived rates, shares and differences."""
    found = {code: figure(sheet, code) for code in FACT_LINES}
    for row in [*execution_rates(sheet), *structure_ratios(sheet), *sangong_figures(sheet)]:
        found[row.code] = row.value
    return found


def execution(sheet: Sheet, fund_pk: int | None = None) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(budget, spent, rate %) of a special fund (by key) or, without one, of the whole unit-year.

    The whole unit-year's budget is the year's available money (income with carry-over), as its
    execution_overall says; a project's is its fund's adjusted, else initial, budget.
    """
    if fund_pk is not None:
        fund = sheet.fund(fund_pk)
        if fund is None:
            return None, None, None
        return fund.budget, fund.spent, fund_execution(fund).value
    overall = execution_rates(sheet)[0]
    return figure(sheet, "income_total"), figure(sheet, "exp_total"), overall.value
