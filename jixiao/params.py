"""Reading ids and years from query strings and forms: ASCII digits only, within range.

str.isdigit() accepts "¹" and "٣", which int() then refuses; these readers answer None for
anything that is not a plain id or year, and the view says so in Chinese.
"""

import re

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
