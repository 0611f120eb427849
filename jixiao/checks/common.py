"""Rules shared by every area: sums, differences, rates, budgets, grades.

Each takes values with their places and returns a Result or None. Rounding:
documents print 万元 with two decimals, so each summed term may be off by up to
0.005 and a total by up to 0.01 per term; such a difference is a warning.
"""

from decimal import Decimal

from jixiao.checks.registry import Amount, Place, Result, Severity, register
from jixiao.money import fmt_amount, fmt_percent, percent

CENT = Decimal("0.01")

register("sum.parts", "分项之和不等于合计", Severity.ERROR, "common", "核对各分项金额与合计金额，修正录入或抄写错误。")
register("sum.rounding", "分项之和与合计存在尾差", Severity.WARNING, "common", "尾差在四舍五入范围内；确认后可填写说明。")
register("balance.mismatch", "结余不等于收入减支出", Severity.ERROR, "common", "当年结余应等于收入合计减支出合计。")
register("balance.rounding", "结余与收入减支出存在尾差", Severity.WARNING, "common", "尾差在四舍五入范围内；确认后可填写说明。")
register("rate.mismatch", "比率与分子分母不符", Severity.ERROR, "common", "按 分子 ÷ 分母 重新计算比率。")
register("rate.over_100", "执行率超过100%", Severity.WARNING, "common", "执行数大于预算数，请说明原因（如追加预算未调整）。")
register("budget.exceeded", "实际支出超过预算", Severity.WARNING, "common", "实际支出超过预算，请说明原因。")
register("grade.band", "评价等次与得分不符", Severity.ERROR, "common", "按 优≥90、良≥80、中≥60、差<60 确定等次。")


def sum_of_parts(total: Amount, parts: list[Amount], what: str, key: str = "") -> Result | None:
    """The parts must add up to the total, within 0.01 per summed term."""
    computed = sum((part.value for part in parts), Decimal("0"))
    difference = total.value - computed
    if difference == 0:
        return None
    tolerance = CENT * len(parts)
    formula = " + ".join(fmt_amount(part.value) for part in parts)
    places = (total.place, *(part.place for part in parts))
    data = {"stated": str(total.value), "computed": str(computed), "difference": str(difference)}
    if abs(difference) <= tolerance:
        return Result(
            "sum.rounding",
            Severity.WARNING,
            f"{what}：所列 {fmt_amount(total.value)} ≠ {formula} = {fmt_amount(computed)}，"
            f"差 {fmt_amount(difference)}（在 {len(parts)} 项各 0.01 的尾差范围内）",
            places,
            key or f"sum:{total.place.ref}",
            data=data,
        )
    return Result(
        "sum.parts",
        Severity.ERROR,
        f"{what}：所列 {fmt_amount(total.value)} ≠ {formula} = {fmt_amount(computed)}，差 {fmt_amount(difference)}",
        places,
        key or f"sum:{total.place.ref}",
        data=data,
    )


def balance_of(balance: Amount, income: Amount, expenditure: Amount, what: str = "当年结余", key: str = "") -> Result | None:
    """Balance = income − expenditure, within 0.01 per term."""
    computed = income.value - expenditure.value
    difference = balance.value - computed
    if difference == 0:
        return None
    places = (balance.place, income.place, expenditure.place)
    message = (
        f"{what} {fmt_amount(balance.value)} ≠ {fmt_amount(income.value)} − {fmt_amount(expenditure.value)}"
        f" = {fmt_amount(computed)}，差 {fmt_amount(difference)}"
    )
    data = {"stated": str(balance.value), "computed": str(computed), "difference": str(difference)}
    if abs(difference) <= CENT * 2:
        return Result("balance.rounding", Severity.WARNING, message + "（尾差）", places, key or f"balance:{balance.place.ref}", data=data)
    return Result("balance.mismatch", Severity.ERROR, message, places, key or f"balance:{balance.place.ref}", data=data)


def rate_matches(stated_percent: Amount, numerator: Amount, denominator: Amount, what: str, key: str = "") -> Result | None:
    """A stated percentage must equal numerator ÷ denominator.

    The stated figure is compared at the precision it was written with: "96.96%"
    is checked to two decimals, "36%" to whole percent.
    """
    if denominator.value == 0:
        return None
    exponent = stated_percent.value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 2
    computed = percent(numerator.value, denominator.value, decimals)
    if computed == stated_percent.value:
        return None
    return Result(
        "rate.mismatch",
        Severity.ERROR,
        f"{what}：所列 {fmt_percent(stated_percent.value, decimals)} ≠ {fmt_amount(numerator.value)} ÷ "
        f"{fmt_amount(denominator.value)} = {fmt_percent(computed, decimals)}",
        (stated_percent.place, numerator.place, denominator.place),
        key or f"rate:{stated_percent.place.ref}",
        data={"stated": str(stated_percent.value), "computed": str(computed)},
    )


def execution_over_100(actual: Amount, budget: Amount, what: str, key: str = "") -> Result | None:
    if budget.value <= 0 or actual.value <= budget.value:
        return None
    rate = percent(actual.value, budget.value)
    return Result(
        "rate.over_100",
        Severity.WARNING,
        f"{what}执行率 {fmt_percent(rate)}（{fmt_amount(actual.value)} ÷ {fmt_amount(budget.value)}）超过100%，需说明原因",
        (actual.place, budget.place),
        key or f"over100:{actual.place.ref}",
    )


def within_budget(actual: Amount, budget: Amount, what: str, key: str = "") -> Result | None:
    if actual.value <= budget.value:
        return None
    return Result(
        "budget.exceeded",
        Severity.WARNING,
        f"{what}实际 {fmt_amount(actual.value)} 超过预算 {fmt_amount(budget.value)}，超出 {fmt_amount(actual.value - budget.value)}",
        (actual.place, budget.place),
        key or f"budget:{actual.place.ref}",
    )


GRADE_BANDS = ((Decimal("90"), "优"), (Decimal("80"), "良"), (Decimal("60"), "中"), (Decimal("0"), "差"))
GRADE_ALIASES = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "较差": "差", "不合格": "差"}


def grade_for(score: Decimal, bands=GRADE_BANDS) -> str:
    for floor, grade in bands:
        if score >= floor:
            return grade
    return bands[-1][1]


def grade_in_band(score: Amount, grade: str, grade_place: Place, bands=GRADE_BANDS, key: str = "") -> Result | None:
    normalised = GRADE_ALIASES.get(grade, grade)
    expected = grade_for(score.value, bands)
    if normalised == expected:
        return None
    return Result(
        "grade.band",
        Severity.ERROR,
        f"得分 {score.value} 对应等次为“{expected}”，所列为“{grade}”",
        (score.place, grade_place),
        key or f"grade:{grade_place.ref}",
    )
