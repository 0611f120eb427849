"""Money and rates: Decimal 万元 with two decimals, never floats."""

from decimal import ROUND_HALF_UP, Decimal

from jixiao.numbers import NumberError, read_decimal

CENT = Decimal("0.01")
# Largest amount anyone may type, in 万元: far above any association's budget,
# small enough to catch a slipped key (10^13 is refused).
MAX_AMOUNT = Decimal("9999999999.99")


class AmountError(NumberError):
    """An amount that cannot be accepted; the message is for the user, in Chinese."""


def parse_amount(text, allow_negative: bool = False) -> Decimal | None:
    """Read an amount as a clerk types it: "1086.91", "1,086.91", "１０８６．９１", "" (empty); "12,34" is refused."""
    value = read_decimal(
        text, example="1086.91", noun="金额（万元）", subject="金额", allow_negative=allow_negative,
        max_abs=MAX_AMOUNT, too_large="金额过大，上限为 9,999,999,999.99 万元，请检查单位是否为万元", error=AmountError,
    )
    if value is None:
        return None
    if value.as_tuple().exponent < -2 and value != value.quantize(CENT):
        raise AmountError("金额最多保留两位小数（万元）")
    return value.quantize(CENT)


def percent(numerator: Decimal, denominator: Decimal, decimals: int = 2) -> Decimal | None:
    """numerator ÷ denominator × 100, rounded half up; None when the denominator is 0."""
    if denominator is None or numerator is None or denominator == 0:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    return (numerator * 100 / denominator).quantize(quantum, rounding=ROUND_HALF_UP)


def fmt_amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


def fmt_plain(value: Decimal | None) -> str:
    """A typed quantity as people write it: 43.0000 → "43", 95.50 → "95.5"; "" when empty."""
    return "" if value is None else f"{value.normalize():f}"


def fmt_percent(value: Decimal | None, decimals: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:.{decimals}f}%"
