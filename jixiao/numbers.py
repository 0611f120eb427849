"""The one reader of a plain number as people type it, for every form, import and the health check.

`read_decimal(text)` accepts "1086.91", "1,086.91", "-3.5", full-width "１０８６．９１"
(and the full-width comma and minus), with spaces around; it refuses "12,34" (a
comma that is not a thousands separator: 12.34 typed with a European comma, or a
slip), "1_000", "1e3", "NaN", "Infinity", "0x10" and anything else, with a
Chinese message. The value is a Decimal bounded by `max_abs`, never a float.
Chinese numerals (万, 余, 多, ranges) are read by jixiao.healthcheck.numbers,
which calls this for the digits.
"""

import re
from decimal import Decimal, InvalidOperation

# Full-width digits and signs become ASCII one character for one character.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
SPACES = re.compile(r"[\s\u3000]+")
# Digits with an optional decimal part; the whole part either plain or grouped by three.
PLAIN = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)")
# Far above any figure a user types (万元, points, counts), small enough to refuse a slipped key.
MAX_ABS = Decimal("1e12")


class NumberError(ValueError):
    """Text that is not a number anyone should accept; the message is for the user, in Chinese."""


def normalise(text: str) -> str:
    """Full-width digits and signs as ASCII, spaces removed."""
    return SPACES.sub("", str(text).translate(FULL_WIDTH))


def read_decimal(text, *, example: str = "12.5", noun: str = "", subject: str = "", allow_negative: bool = False,
                 max_abs: Decimal = MAX_ABS, too_large: str = "数值过大，请检查单位和位数", percent: bool = False,
                 error: type[NumberError] = NumberError) -> Decimal | None:
    """A plain number as a Decimal; None for empty text; `error` (a NumberError, in Chinese) when it is not one.

    noun / subject word the messages: "请输入数字{noun}，如 {example}", "{subject}不能为负数".
    percent=True also accepts a trailing "%" ("95%" → 95).
    """
    if text is None:
        return None
    if isinstance(text, float):
        raise TypeError("numbers are never floats")
    not_a_number = f"请输入数字{noun}，如 {example}"
    if isinstance(text, int | Decimal):
        value = Decimal(text)
    else:
        cleaned = normalise(text)
        if percent:
            cleaned = cleaned.removesuffix("%")
        if cleaned == "":
            return None
        if not PLAIN.fullmatch(cleaned):
            if "," in cleaned and re.fullmatch(r"[+-]?[\d,]*(?:\.\d*)?", cleaned):
                raise error("千分位逗号位置不对，请写成 1,086.91 或 1086.91")
            if cleaned.count(".") > 1 and re.fullmatch(r"[+-]?[\d.,]+", cleaned):
                raise error(f"{subject}只能有一个小数点")
            raise error(not_a_number)
        try:
            value = Decimal(cleaned.replace(",", ""))
        except InvalidOperation as raised:  # the pattern admits only plain decimals; kept for safety
            raise error(not_a_number) from raised
    if not value.is_finite():
        raise error(not_a_number)
    if value < 0 and not allow_negative:
        raise error(f"{subject}不能为负数")
    if abs(value) > max_abs:
        raise error(too_large)
    return value


def decimal_or_none(text) -> Decimal | None:
    """The number in `text`, or None when it is empty or not a plain number (for readers that never raise)."""
    try:
        return read_decimal(text, allow_negative=True)
    except NumberError:
        return None


def is_number(text) -> bool:
    return decimal_or_none(text) is not None
