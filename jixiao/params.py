"""Reading ids and years from query strings and forms: ASCII digits only, within range.

str.isdigit() accepts "¹" and "٣", which int() then refuses; these readers answer None for
anything that is not a plain id or year, and the view says so in Chinese.
"""

import re
from datetime import date, datetime

MAX_ID = 2**63 - 1
YEAR_RANGE = (1900, 2100)
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(text) -> int | None:
    text = str(text or "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_year(text) -> int | None:
    text = str(text or "").strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        return None
    value = int(text)
    return value if YEAR_RANGE[0] <= value <= YEAR_RANGE[1] else None


# Dates people type (deadlines, due dates): a fiscal-year product has no business before
# 2000 or after 2099, and 0001-01-01 overflows the time-zone arithmetic.
DATE_RANGE = (date(2000, 1, 1), date(2099, 12, 31))
DATE_RANGE_TEXT = "2000-01-01 至 2099-12-31"


class DateOutOfRange(ValueError):
    """A date that reads but lies outside DATE_RANGE; the message is for the user."""


def check_date_range(value: date) -> date:
    day = value.date() if isinstance(value, datetime) else value
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise DateOutOfRange(f"须在 {DATE_RANGE_TEXT} 之间（填写的是 {day.isoformat()}）。")
    return value


def parse_date(text) -> date | None:
    """An ISO date (2021-06-30) within DATE_RANGE; None when empty. Raises ValueError with a Chinese message."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        value = date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else None
    except ValueError:
        value = None
    if value is None:
        raise ValueError(f"“{text[:20]}”不是有效日期，请写成 2021-06-30。")
    return check_date_range(value)


def fit_filename(name: str, limit: int) -> str:
    """A file name shortened to `limit` characters, keeping its extension (报告……很长.pdf → 报告….pdf)."""
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:limit]
    return stem[: limit - len(extension) - 2] + "…." + extension


def posted_revision(post, name: str = "revision") -> int:
    """The revision a page was shown at; -1 (never current) when it is missing or garbled."""
    try:
        return int(post.get(name, ""))
    except ValueError:
        return -1
