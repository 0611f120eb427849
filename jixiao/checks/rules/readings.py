"""Rules whose verdict depends on how a sentence is read: they warn and say which reading.

- Parts of a "其中" whose total was taken from a neighbouring sentence or paragraph.
- A rate between amounts written in different units (元 / 万元): compared in one
  unit; when the rate only fits if both are read in the same unit, the unit is
  suspect.
- A stated rate against a whole taken from outside its sentence.
- Spending above income: not wrong (a carry-over may be spent) but worth a hint.
"""

from decimal import Decimal

from jixiao.checks.registry import Amount, Result, Severity, register
from jixiao.checks.rules import sums
from jixiao.money import fmt_amount, fmt_percent, percent

SUM_READING = register("sum.reading", "分项与合计在当前读法下不符", Severity.WARNING, "readings",
         "合计取自相邻的句子；核对“其中”所指的合计及各分项。")
UNIT_MISMATCH = register("rate.unit_mismatch", "比率两端的计量单位不一致", Severity.WARNING, "readings",
         "分子与分母一个写“元”、一个写“万元”；核对单位。")
RATE_READING = register("rate.reading", "比率只在另一种读法下与分子分母不符", Severity.WARNING, "readings",
                        "比率的分母取自相邻的句子；核对比率所指的合计。")
SCORE_SUM_READING = register("score.sum_reading", "各项得分之和只在总分不计执行率得分时相符", Severity.WARNING, "readings",
                             "核对总分是否包含预算执行率得分，以及各类指标的分值是否按评分办法设置。")
SPENDING_ABOVE_INCOME = register("balance.spending_above_income", "支出大于收入", Severity.HINT, "readings",
         "支出大于当年收入时，说明是否动用了上年结转结余。")


def sum_by_reading(total: Amount, parts: list[Amount], what: str, reading: str, key: str = "") -> Result | None:
    computed = sum((part.value for part in parts), Decimal(0))
    difference = total.value - computed
    if difference == 0:
        return None
    formula = " + ".join(fmt_amount(part.value) for part in parts)
    if sums.within_rounding(difference, len(parts)):
        return sums.ROUNDING.found(
            f"{what}：所列 {fmt_amount(total.value)} ≠ {formula} = {fmt_amount(computed)}，差 {fmt_amount(difference)}"
            f"（在 {len(parts)} 项各 0.01 的尾差范围内；按{reading}）",
            (total.place, *(part.place for part in parts)), key or f"sum-reading:{total.place.ref}",
            {"stated": str(total.value), "computed": str(computed)},
        )
    return SUM_READING.found(
        f"{what}：按{reading}，合计 {fmt_amount(total.value)} ≠ {formula} = {fmt_amount(computed)}，差 {fmt_amount(difference)}",
        (total.place, *(part.place for part in parts)), key or f"sum-reading:{total.place.ref}",
        {"stated": str(total.value), "computed": str(computed)},
    )


def rate_unit_mismatch(stated: Amount, numerator: Amount, denominator: Amount, units: tuple[str, str],
                       what: str, key: str = "") -> Result | None:
    """Numerator and denominator in different units: warn when the rate fits only the same-unit reading."""
    if denominator.value == 0 or units[0] == units[1]:
        return None
    exponent = stated.value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 2
    same_unit = percent(numerator.value, denominator.value, decimals)
    if abs(same_unit - stated.value) > 1:
        return None
    return UNIT_MISMATCH.found(
        f"{what}：分子写“{units[0]}”、分母写“{units[1]}”；按所写单位比率不到 {fmt_percent(stated.value, decimals)}，"
        f"只有两者同为“{units[0]}”时才约为 {fmt_percent(same_unit, decimals)}，单位可能写错",
        (stated.place, numerator.place, denominator.place), key or f"rate-unit:{stated.place.ref}",
    )


def spending_above_income(income: Amount, spending: Amount, key: str = "spending-income") -> Result | None:
    if spending.value <= income.value:
        return None
    return SPENDING_ABOVE_INCOME.found(
        f"支出 {fmt_amount(spending.value)} 大于收入 {fmt_amount(income.value)}，"
        f"多 {fmt_amount(spending.value - income.value)}：是否动用了上年结转结余？",
        (spending.place, income.place), key,
    )


def rate_by_reading(mismatch: Result, reading: str) -> Result:
    """A stated rate that does not fit its figures when its whole was found outside the rate's sentence: a warning naming the reading."""
    return RATE_READING.found(f"{mismatch.message}（{reading}）", mismatch.places, mismatch.key, mismatch.data)


def scores_sum_by_reading(total: Amount, indicator_scores: list[Amount], execution_score: Amount,
                          key: str = "score-sum") -> Result | None:
    """Called when the indicator scores plus the execution score miss the total: when the indicator
    scores alone make it, the form's 总分 may leave execution out (a reading, so a warning)."""
    computed = sum((part.value for part in indicator_scores), Decimal(0))
    if not sums.within_rounding(computed - total.value, len(indicator_scores)):
        return None
    return SCORE_SUM_READING.found(
        f"各项指标得分 {fmt_amount(computed)} 分加执行率得分 {fmt_amount(execution_score.value)} 分 = "
        f"{fmt_amount(computed + execution_score.value)} 分，总分为 {fmt_amount(total.value)} 分；"
        f"只有把总分读作不含执行率得分时才相符",
        (total.place, execution_score.place, *(part.place for part in indicator_scores)), key,
    )
