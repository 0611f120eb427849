"""Growth rates: "较上年增加50.00万元，增长16.67%" must follow from the figures.

The rate of a change is change ÷ the earlier year's figure. The earlier figure
is stated ("比2013年度决算数8750.27万元减少824.13万元") or follows from the
current one (current − change for an increase, current + change for a
decrease). The stated rate is compared at the precision it is written with,
half-up. A rate that only fits another reading (change ÷ this year's figure) is
a warning naming that reading; one that fits no reading is an error — unless
the current figure itself was taken from a neighbouring sentence, which is a
reading choice too, so then it is a warning.
"""

from decimal import Decimal

from jixiao.checks.registry import Amount, Result, Severity, register
from jixiao.money import fmt_amount, fmt_percent, percent

RATE = register("growth.rate", "增长率与增减额不符", Severity.ERROR, "growth",
         "增长率 = 增减额 ÷ 上年数；核对增减额、本年数和增长率。")
READING = register("growth.reading", "增长率只在另一种读法下成立", Severity.WARNING, "growth",
         "增长率应以上年数为分母；请确认口径或改正。")


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


def growth_rate(rate: Amount, change: Amount, *, current: Amount | None = None, prior: Amount | None = None,
                falling: bool = False, certain: bool = True, what: str = "", key: str = "") -> Result | None:
    """Check a stated growth rate (percent, positive) against the change and the year's figures."""
    if prior is not None:
        base = prior.value
    elif current is not None:
        base = current.value + change.value if falling else current.value - change.value
    else:
        return None
    if base <= 0:
        return None
    decimals = _decimals(rate.value)
    stated = abs(rate.value)
    computed = percent(abs(change.value), base, decimals)
    if computed == stated:
        return None
    places = tuple(a.place for a in (rate, change, prior or current) if a is not None)
    data = {"stated": str(stated), "computed": str(computed), "base": str(base)}
    word = "下降" if falling else "增长"
    formula = f"{fmt_amount(abs(change.value))} ÷ {fmt_amount(base)}"
    if prior is None and current is not None:
        sign = "+" if falling else "−"
        formula += f"（{fmt_amount(current.value)} {sign} {fmt_amount(abs(change.value))}）"
    alternative = percent(abs(change.value), current.value, decimals) if current is not None and current.value else None
    if alternative is not None and alternative == stated:
        return READING.found(
            f"{what}{word} {fmt_percent(stated, decimals)}：按上年数计算应为 {formula} = {fmt_percent(computed, decimals)}；"
            f"所列数值只在以本年数 {fmt_amount(current.value)} 为分母的读法下成立",
            places, key or f"growth:{rate.place.ref}", data,
        )
    message = f"{what}{word} {fmt_percent(stated, decimals)} ≠ {formula} = {fmt_percent(computed, decimals)}"
    if not certain:
        # This year's figure came from another sentence (the one before, or one naming the same item): a reading.
        return READING.found(message + "（本年数取自另一句，按此读法）", places, key or f"growth:{rate.place.ref}", data)
    return RATE.found(message, places, key or f"growth:{rate.place.ref}", data)
