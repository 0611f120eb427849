"""Department-wide indicators computed from a unit-year's accounts.

The common framework of 财预〔2013〕53号 (部门整体支出绩效评价共性指标体系框架)
defines these ratios for every department: 投入 (在职人员控制率, 三公经费变动率)
and 过程 (预算完成率 ... 固定资产利用率). Each value comes from the stored
figures, never retyped; where the accounts have no place for an input the value
stays empty and says so, instead of being guessed.
"""

from dataclasses import dataclass
from decimal import Decimal

from jixiao.accounts.derived import execution_rates, figure, sangong_figures
from jixiao.accounts.sheet import Sheet
from jixiao.money import fmt_amount, fmt_percent, percent

INPUT, PROCESS, OUTPUT, OUTCOME = "投入", "过程", "产出", "效果"
CATEGORIES = (INPUT, PROCESS, OUTPUT, OUTCOME)


@dataclass(frozen=True)
class DepartmentIndicator:
    code: str
    category: str
    name: str
    # Percent with two decimals; None when an input is missing (see `missing`).
    value: Decimal | None
    # The formula with its numbers, e.g. "三公经费实际 15.25 ÷ 预算 36.75 × 100% = 41.50%".
    formula_text: str
    # Why there is no value, in Chinese; "" when there is one.
    missing: str = ""
    # The framework's definition in words, for the documents' 指标解释.
    definition: str = ""

    @property
    def display(self) -> str:
        return fmt_percent(self.value)


@dataclass(frozen=True)
class Staff:
    """Headcount quota and actual headcount, with the 行政编 / 事业编 split where known."""

    authorized: int | None = None
    actual: int | None = None
    authorized_admin: int | None = None
    authorized_institutional: int | None = None
    actual_admin: int | None = None
    actual_institutional: int | None = None

    @classmethod
    def of(cls, unit) -> "Staff":
        return cls(
            authorized=unit.authorized_staff,
            actual=unit.actual_staff,
            authorized_admin=unit.authorized_staff_admin,
            authorized_institutional=unit.authorized_staff_institutional,
            actual_admin=unit.actual_staff_admin,
            actual_institutional=unit.actual_staff_institutional,
        )

    @staticmethod
    def _total(total, admin, institutional):
        if total is not None:
            return total
        if admin is not None and institutional is not None:
            return admin + institutional
        return None

    @property
    def authorized_total(self) -> int | None:
        return self._total(self.authorized, self.authorized_admin, self.authorized_institutional)

    @property
    def actual_total(self) -> int | None:
        return self._total(self.actual, self.actual_admin, self.actual_institutional)


DEFINITIONS = {
    "staff_control_rate": "在职人员数 ÷ 编制数 × 100%",
    "sangong_change_rate": "（本年度三公经费总额 − 上年度三公经费总额）÷ 上年度三公经费总额 × 100%",
    "budget_completion_rate": "预算完成数 ÷ 预算数 × 100%",
    "budget_adjustment_rate": "预算调整数 ÷ 预算数 × 100%",
    "carry_over_rate": "结转结余总额 ÷ 支出预算数 × 100%",
    "carry_over_change_rate": "（本年度累计结转结余资金总额 − 上年度累计结转结余资金总额）÷ 上年度累计结转结余资金总额 × 100%",
    "office_expense_control_rate": "实际支出公用经费总额 ÷ 预算安排公用经费总额 × 100%",
    "sangong_control_rate": "三公经费实际支出数 ÷ 三公经费预算安排数 × 100%",
    "procurement_execution_rate": "实际政府采购金额 ÷ 政府采购预算数 × 100%",
    "fixed_asset_use_rate": "实际在用固定资产总额 ÷ 所有固定资产总额 × 100%",
}


def _indicator(code, category, name, value, formula_text, missing=""):
    return DepartmentIndicator(code, category, name, value, formula_text, missing, DEFINITIONS[code])


def _missing(code, category, name, reason):
    return _indicator(code, category, name, None, f"{DEFINITIONS[code]}：{reason}", reason)


def _ratio(code, category, name, numerator, denominator, num_label, den_label, value=None, den_full=None):
    """numerator ÷ denominator as a percent; `value` is passed when a derived figure already holds it.

    `den_full` names the denominator in messages where its short label in the formula is too terse.
    """
    den_full = den_full or den_label
    if denominator is not None and denominator == 0:
        return _missing(code, category, name, f"{den_full}为 0，无法计算")
    if numerator is None or denominator is None:
        lacking = [label for label, figure in ((num_label, numerator), (den_full, denominator)) if figure is None]
        return _missing(code, category, name, "缺少" + "、".join(lacking) + "，请在账目中填写")
    if value is None:
        value = percent(numerator, denominator)
    return _indicator(
        code, category, name, value,
        f"{num_label} {fmt_amount(numerator)} ÷ {den_label} {fmt_amount(denominator)} × 100% = {fmt_percent(value)}",
    )


def _change(code, category, name, now, before, now_label, before_label):
    if now is None or before is None:
        lacking = [label for label, figure in ((now_label, now), (before_label, before)) if figure is None]
        return _missing(code, category, name, "缺少" + "、".join(lacking) + "，请在账目中填写")
    if before == 0:
        return _missing(code, category, name, f"{before_label}为 0，无法计算变动率")
    value = percent(now - before, before)
    return _indicator(
        code, category, name, value,
        f"（{now_label} {fmt_amount(now)} − {before_label} {fmt_amount(before)}）÷ {before_label} {fmt_amount(before)}"
        f" × 100% = {fmt_percent(value)}",
    )


def _derived(rows, code):
    return next(row for row in rows if row.code == code)


def staff_control_rate(staff: Staff) -> DepartmentIndicator:
    code, name = "staff_control_rate", "在职人员控制率"
    authorized, actual = staff.authorized_total, staff.actual_total
    if authorized is None or actual is None:
        lacking = [label for label, figure in (("实有人数", actual), ("人员编制数", authorized)) if figure is None]
        return _missing(code, INPUT, name, "单位信息中缺少" + "、".join(lacking) + "，请在单位信息中填写")
    if authorized == 0:
        return _missing(code, INPUT, name, "人员编制数为 0，无法计算")
    value = percent(Decimal(actual), Decimal(authorized))

    def split(admin, institutional):
        if admin is None or institutional is None:
            return ""
        return f"（行政编 {admin}，事业编 {institutional}）"

    return _indicator(
        code, INPUT, name, value,
        f"在职人员数 {actual}{split(staff.actual_admin, staff.actual_institutional)} ÷ "
        f"编制数 {authorized}{split(staff.authorized_admin, staff.authorized_institutional)} × 100% = {fmt_percent(value)}",
    )


def sangong_change_rate(sheet: Sheet) -> DepartmentIndicator:
    # The accounts keep last year's actual on this year's sheet (as the Hunan form
    # states it); a stored previous year is the fallback, never a retyped figure.
    before = figure(sheet, "sangong_last_year")
    if before is None and sheet.previous is not None:
        before = figure(sheet.previous, "sangong_actual")
    return _change(
        "sangong_change_rate", INPUT, "三公经费变动率",
        figure(sheet, "sangong_actual"), before, "本年三公经费", "上年三公经费",
    )


def budget_completion_rate(sheet: Sheet) -> DepartmentIndicator:
    # The accounts' overall execution rate: with no separate department budget line,
    # the year's available money (income including carry-over) is the budget.
    overall = _derived(execution_rates(sheet), "execution_overall")
    return _ratio(
        "budget_completion_rate", PROCESS, "预算完成率",
        figure(sheet, "exp_total"), figure(sheet, "income_total"), "支出合计", "预算数（收入合计）", overall.value,
    )


def budget_adjustment_rate(sheet: Sheet) -> DepartmentIndicator:
    return _missing(
        "budget_adjustment_rate", PROCESS, "预算调整率",
        "账目中没有预算调整数（年内追加、追减或结构调整的资金总额），无法计算",
    )


def carry_over_rate(sheet: Sheet) -> DepartmentIndicator:
    # Income includes last year's carry-over, so income − expenditure (the 当年结余
    # line) is the balance carried into next year.
    return _ratio(
        "carry_over_rate", PROCESS, "结转结余率",
        figure(sheet, "balance_current"), figure(sheet, "income_total"), "年末结转结余", "支出预算数（收入合计）",
    )


def carry_over_change_rate(sheet: Sheet) -> DepartmentIndicator:
    # Last year's closing balance is this year's 上年结转（结余）.
    before = figure(sheet, "income_carry_over")
    if before is None and sheet.previous is not None:
        before = figure(sheet.previous, "balance_current")
    return _change(
        "carry_over_change_rate", PROCESS, "结转结余变动率",
        figure(sheet, "balance_current"), before, "本年结转结余", "上年结转结余",
    )


def office_expense_control_rate(sheet: Sheet) -> DepartmentIndicator:
    actual = figure(sheet, "exp_office")
    shown = f"（实际公用经费 {fmt_amount(actual)}）" if actual is not None else ""
    return _missing(
        "office_expense_control_rate", PROCESS, "公用经费控制率",
        f"账目中没有公用经费预算数{shown}，无法计算",
    )


def sangong_control_rate(sheet: Sheet) -> DepartmentIndicator:
    control = _derived(sangong_figures(sheet), "sangong_control_rate")
    return _ratio(
        "sangong_control_rate", PROCESS, "三公经费控制率",
        figure(sheet, "sangong_actual"), figure(sheet, "sangong_budget"), "三公经费实际", "预算", control.value, den_full="三公经费预算",
    )


def procurement_execution_rate(sheet: Sheet) -> DepartmentIndicator:
    return _missing(
        "procurement_execution_rate", PROCESS, "政府采购执行率",
        "账目中没有政府采购预算数和实际政府采购金额，无法计算",
    )


def fixed_asset_use_rate(sheet: Sheet) -> DepartmentIndicator:
    return _ratio(
        "fixed_asset_use_rate", PROCESS, "固定资产利用率",
        figure(sheet, "fa_in_use"), figure(sheet, "fa_total"), "在用固定资产", "固定资产合计",
    )


def indicators_for(sheet: Sheet, staff: Staff) -> list[DepartmentIndicator]:
    """The department-wide indicators of one sheet, in the framework's order (pure)."""
    return [
        staff_control_rate(staff),
        sangong_change_rate(sheet),
        budget_completion_rate(sheet),
        budget_adjustment_rate(sheet),
        carry_over_rate(sheet),
        carry_over_change_rate(sheet),
        office_expense_control_rate(sheet),
        sangong_control_rate(sheet),
        procurement_execution_rate(sheet),
        fixed_asset_use_rate(sheet),
    ]


def department_indicators(unit_year) -> list[DepartmentIndicator]:
    """The department-wide indicators of a stored unit-year (its figures rolled up, and its unit's staff)."""
    from jixiao.accounts.queries import sheet_for

    return indicators_for(sheet_for(unit_year), Staff.of(unit_year.unit))
