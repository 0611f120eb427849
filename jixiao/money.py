"""Money and rates: Decimal 万元 with two decimals, never floats."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
# Largest amount anyone may type, in 万元: far above any association's budget,
# small enough to catch a slipped key (10^13 is refused).
MAX_AMOUNT = Decimal("9999999999.99")


class AmountError(ValueError):
    """An amount that cannot be accepted; the message is for the user, in Chinese."""


def parse_amount(text, allow_negative: bool = False) -> Decimal | None:
    """Read an amount as a clerk types it: "1086.91", "1,086.91", "" (empty)."""
    if text is None:
        return None
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        raise TypeError("amounts are never floats")
    else:
        cleaned = str(text).strip().replace("，", ",").replace(" ", "").replace("\u3000", "")
        if cleaned == "":
            return None
        if "," in cleaned:
            whole = cleaned.split(".")[0].lstrip("-")
            groups = whole.split(",")
            if any(len(group) != 3 for group in groups[1:]) or not groups[0] or len(groups[0]) > 3:
                raise AmountError("千分位逗号位置不对，请写成 1,086.91 或 1086.91")
            cleaned = cleaned.replace(",", "")
        if cleaned.count(".") > 1:
            raise AmountError("金额只能有一个小数点")
        if not all(ch.isdigit() or ch in ".-" for ch in cleaned) or cleaned in {".", "-", "-."}:
            raise AmountError("请输入数字金额（万元），如 1086.91")
        if "-" in cleaned[1:]:
            raise AmountError("请输入数字金额（万元），如 1086.91")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as error:
            raise AmountError("请输入数字金额（万元），如 1086.91") from error
    if not value.is_finite():
        raise AmountError("请输入数字金额（万元），如 1086.91")
    if value < 0 and not allow_negative:
        raise AmountError("金额不能为负数")
    # The bound first: quantizing a 30-digit value overflows the decimal context.
    if abs(value) > MAX_AMOUNT:
        raise AmountError("金额过大，上限为 9,999,999,999.99 万元，请检查单位是否为万元")
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
