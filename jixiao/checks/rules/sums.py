"""Sums: the parts add up to the total.

Rounding: documents print 万元 with two decimals, so each summed term may be off
by up to 0.005 and a total by up to 0.01 per term; such a difference is a
warning (a rounding difference the unit may explain), anything more an error.
"""

from decimal import Decimal

from jixiao.checks.registry import Amount, Place, Result, Severity, register
from jixiao.money import fmt_amount

CENT = Decimal("0.01")
ZERO = Decimal("0")

PARTS = register("sum.parts", "分项之和不等于合计", Severity.ERROR, "sums", "核对各分项金额与合计金额，修正录入或抄写错误。")
ROUNDING = register("sum.rounding", "分项之和与合计存在尾差", Severity.WARNING, "sums", "尾差在四舍五入范围内；确认后可填写说明。")
PARTS_SHORT = register("report.parts_short", "“其中”各项之和小于合计", Severity.WARNING, "sums",
                       "若“其中”只列了部分项目可不处理；否则补全分项或核对合计。")
SCORE_SUM = register("report.score_sum", "各项得分之和不等于总分", Severity.ERROR, "sums", "核对各指标得分及执行率得分的加总。")
STAFF_SPLIT = register("accounts.staff_split", "编制或实有人数分项之和不等于合计", Severity.ERROR, "sums",
                       "行政编与事业编之和应等于合计人数。")


def total_of(values) -> Decimal:
    """The sum of the values present (None is not a zero a user typed, it is skipped)."""
    return sum((value for value in values if value is not None), ZERO)


def rounding_tolerance(terms: int) -> Decimal:
    """How far a sum of `terms` printed two-decimal figures may be off by rounding alone."""
    return CENT * terms


def within_rounding(difference: Decimal, terms: int) -> bool:
    """A difference that two-decimal rounding of `terms` printed figures can explain."""
    return abs(difference) <= rounding_tolerance(terms)


def sum_of_parts(total: Amount, parts: list[Amount], what: str, key: str = "", exhaustive: bool = True) -> Result | None:
    """The parts must add up to the total, within 0.01 per summed term.

    exhaustive=False: the parts are a "其中" that may list only some items, so
    parts short of the total are a warning for a person to judge, not an error.
    """
    computed = total_of(part.value for part in parts)
    difference = total.value - computed
    if difference == 0:
        return None
    formula = " + ".join(fmt_amount(part.value) for part in parts)
    places = (total.place, *(part.place for part in parts))
    key = key or f"sum:{total.place.ref}"
    data = {"stated": str(total.value), "computed": str(computed), "difference": str(difference)}
    if within_rounding(difference, len(parts)):
        return ROUNDING.found(
            f"{what}：所列 {fmt_amount(total.value)} ≠ {formula} = {fmt_amount(computed)}，"
            f"差 {fmt_amount(difference)}（在 {len(parts)} 项各 0.01 的尾差范围内）",
            places, key, data,
        )
    if not exhaustive and difference > 0:
        return PARTS_SHORT.found(
            f"{what} {fmt_amount(total.value)}，“其中”所列各项之和 {computed}，少 {fmt_amount(difference)}（若只列了部分项目可忽略）",
            places, key, data,
        )
    return PARTS.found(
        f"{what}：所列 {fmt_amount(total.value)} ≠ {formula} = {fmt_amount(computed)}，差 {fmt_amount(difference)}",
        places, key, data,
    )


def scores_sum(total: Amount, parts: list[Amount], key: str = "score-sum") -> Result | None:
    """Indicator scores (and the execution score) add up to the total score, within 0.01 per term."""
    computed = total_of(part.value for part in parts)
    if within_rounding(computed - total.value, len(parts)):
        return None
    formula = " + ".join(str(part.value) for part in parts)
    return SCORE_SUM.found(
        f"各项得分 {formula} = {computed} 分，总分却为 {total.value} 分",
        (total.place, *(part.place for part in parts)), key,
    )


def headcount_split(total: int | None, admin: int | None, institutional: int | None, what: str, place: Place,
                    key: str) -> Result | None:
    """A headcount equals its administrative plus institutional posts (whole people, no tolerance)."""
    if total is None or admin is None or institutional is None or admin + institutional == total:
        return None
    return STAFF_SPLIT.found(
        f"{what}共 {total} 人 ≠ 行政编 {admin} + 事业编 {institutional} = {admin + institutional}",
        (place,), key,
    )
