"""Reading the numbers of Chinese report prose: "1,086.91万元", "超1200万人次", "一至二次".

`read_numbers(text)` returns every number with its unit and how exact it is.
It never raises: text it cannot read as a number is simply not returned.

An approximate number keeps its qualifier ("超", "多", "余", "近", "约",
"以上", "左右" ...), a threshold keeps its bound ("不低于", "不少于", "至少"),
and a range keeps both ends; `exact` is True only for a plain figure, so a
rule can never mistake "90多万次" for 900,000.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

from jixiao.numbers import NumberError, read_decimal

# Full-width digits and signs become ASCII one character for one character,
# so spans found in the translated text are spans in the original. The Chinese
# comma "，" stays: it separates the items of "分别支出120，135，150万元", it is
# never a thousands separator.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％－～",
    "0123456789.%-~",
)

# Qualifiers before the number.
APPROX_BEFORE = ("超过", "超", "近", "约", "逾", "将近", "大约", "接近")
BOUND_BEFORE = ("不低于", "不少于", "不超过", "不多于", "至少", "最高", "最多", "高于", "低于", "达到", "达", "≥", "≤", ">", "<", "＞", "＜")
# Qualifiers after the unit.
AFTER = ("以上", "以下", "以内", "左右", "多")
APPROXIMATE = {"超过", "超", "近", "约", "逾", "将近", "大约", "接近", "多", "余", "左右", "以上", "以下", "以内", "range"}

# Counting units, longest first so "人次" wins over "人".
BASE_UNITS = (
    "平方米", "条次", "人次", "场次", "课时", "学时", "公里", "小时", "分钟", "季度",
    "元", "%", "‰", "个", "家", "人", "名", "位", "次", "场", "篇", "件", "项", "期", "册", "份",
    "部", "堂", "块", "种", "所", "条", "台", "本", "则", "天", "年", "月", "日", "分", "批",
    "轮", "届", "户", "座", "处", "套", "类", "门", "组", "亩", "米", "周", "页", "张", "枚",
    "例", "辆", "间", "站", "倍", "岁", "号", "节", "集", "多", "余",
)
_BASE = "|".join(re.escape(unit) for unit in BASE_UNITS if unit not in {"多", "余"})
# Thousands separated by commas or by spaces ("1 500 000.00元"); a space after
# the decimal point of an amount ("575. 48万元", a typesetting slip) is read through.
_ARABIC = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?:\.\d+)?(?=\s?[万亿千]?元)"
    r"|\d{1,30}\.\s(?=\d{1,2}\s?[万亿千]?元)\d{1,2}"
    r"|\d{1,30}(?:\.\d{1,12})?"
)
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]{1,14}"
# "百分之九十六点八五": a percentage in words.
PERCENT_WORDS_RE = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
# Items of a list share the unit written after the last one: "120、135、150万元".
LIST_SEPARATORS = {"、", "，", ",", "和", "及", "与", "、 ", "， "}
_RANGE_SEP = r"\s?[-~—至到]\s?"
_PREFIX = "|".join(sorted(APPROX_BEFORE + BOUND_BEFORE, key=len, reverse=True))

NUMBER_RE = re.compile(
    rf"(?P<prefix>{_PREFIX})?\s?"
    rf"(?:(?P<low>{_ARABIC}){_RANGE_SEP}(?P<high>{_ARABIC})|(?P<value>{_ARABIC}))"
    rf"\s?(?P<fuzz1>多|余)?\s?(?P<mag>万|亿|千)?(?P<fuzz2>多|余)?\s?(?P<unit>{_BASE})?"
    rf"(?P<after>以上|以下|以内|左右|多)?"
)
CHINESE_RE = re.compile(
    rf"(?P<prefix>{_PREFIX})?"
    rf"(?:(?P<low>{_CHINESE})[至到](?P<high>{_CHINESE})|(?P<value>{_CHINESE}))"
    rf"(?P<fuzz1>多|余)?(?P<unit>{_BASE})"
    rf"(?P<after>以上|以下|以内|左右|多)?"
)
# Chinese numerals are only read before a counting unit: "一是", "三公" and
# "十九大" are words, not numbers.
CHINESE_UNITS = {
    "条次", "人次", "场次", "个", "家", "人", "名", "位", "次", "场", "篇", "件", "项", "期", "册", "份",
    "部", "堂", "块", "种", "所", "条", "台", "本", "则", "天", "年", "批", "轮", "户", "座", "处", "套",
    "万", "周", "页", "张", "例", "辆", "间", "倍", "%", "元",
}
MAX_VALUE = Decimal("1e15")


@dataclass(frozen=True)
class Quantity:
    """One number as written. `value` is the figure as printed (1.3 in "1.3万册");
    `unit` keeps its magnitude ("万册", "万元", "万人次"); `high` is set for ranges."""

    value: Decimal
    unit: str
    start: int
    end: int
    text: str
    qualifier: str = ""
    high: Decimal | None = None
    bound: str = ""  # "不低于", "不少于", "至少" ... written before the number

    @property
    def exact(self) -> bool:
        return not self.qualifier and self.high is None

    @property
    def approximate(self) -> bool:
        return self.qualifier in APPROXIMATE or self.high is not None

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def is_money(self) -> bool:
        return self.unit in {"元", "万元", "亿元", "千元"}

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def base_unit(self) -> str:
        """The unit without its magnitude: "万人次" → "人次"."""
        if self.unit in {"万", "亿", "千"}:
            return ""
        return self.unit.lstrip("万亿千") if len(self.unit) > 1 else self.unit

    @property
    def scaled(self) -> Decimal:
        """The figure counted in its base unit: 1.3万册 → 13000 (册)."""
        return self.value * _magnitude(self.unit)

    @property
    def scaled_high(self) -> Decimal | None:
        return None if self.high is None else self.high * _magnitude(self.unit)

    @property
    def wan_yuan(self) -> Decimal | None:
        """A money figure in 万元."""
        if self.unit == "万元":
            return self.value
        if self.unit == "元":
            return self.value / 10000
        if self.unit == "千元":
            return self.value / 10
        if self.unit == "亿元":
            return self.value * 10000
        return None

    def describe(self) -> str:
        return self.text.strip()

    def as_dict(self) -> dict:
        return {
            "value": str(self.value),
            "high": None if self.high is None else str(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "bound": self.bound,
            "exact": self.exact,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


def _magnitude(unit: str) -> Decimal:
    if unit.startswith("万") or unit == "万":
        return Decimal(10000)
    if unit.startswith("亿"):
        return Decimal(100000000)
    if unit.startswith("千") and unit != "千":
        return Decimal(1000)
    return Decimal(1)


def _arabic(text: str) -> Decimal | None:
    """Digits through the product's one number reader ("12,34" is not a number; full-width digits are)."""
    try:
        value = read_decimal(text, allow_negative=True, max_abs=MAX_VALUE)
    except NumberError:
        return None
    return value


def _chinese(text: str) -> Decimal | None:
    try:
        number = cn2an.cn2an(text.replace("两", "二").replace("〇", "零"), "smart" if "点" in text else "strict")
    except Exception:  # cn2an raises bare ValueError and others on malformed numerals
        return None
    try:
        value = Decimal(str(number))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or abs(value) > MAX_VALUE:
        return None
    return Decimal(int(value)) if value == value.to_integral() else value


def _qualifier(prefix: str | None, fuzz: str | None, after: str | None, is_range: bool) -> str:
    if is_range:
        return "range"
    for part in (fuzz, prefix, after):
        if part and part not in {"达到", "达"}:
            return part
    return ""


def _build(match, text, reader, magnitude_group=True) -> Quantity | None:
    groups = match.groupdict()
    if groups["value"] is not None:
        low, high = reader(groups["value"]), None
        if low is None:
            return None
    else:
        low, high = reader(groups["low"]), reader(groups["high"])
        if low is None or high is None:
            return None
    magnitude = groups.get("mag") or "" if magnitude_group else ""
    unit = groups.get("unit") or ""
    fuzz = groups.get("fuzz1") or groups.get("fuzz2")
    after = groups.get("after")
    if unit == "" and magnitude == "" and after == "多":
        fuzz, after = "多", None
    full_unit = magnitude + unit
    qualifier = _qualifier(groups.get("prefix"), fuzz, after, high is not None)
    start, end = match.span()
    while start < end and text[start].isspace():
        start += 1  # "\s?" before the number belongs to the prose, not to the figure
    while end > start and text[end - 1].isspace():
        end -= 1
    prefix = groups.get("prefix") or ""
    bound = prefix if prefix in BOUND_BEFORE and prefix not in {"达到", "达"} else ""
    return Quantity(low, full_unit, start, end, text[start:end], qualifier, high, bound)


def read_numbers(text) -> list[Quantity]:
    """Every number in the text, left to right, with unit, qualifier and span. Never raises."""
    try:
        return _read(text)
    except Exception:  # the reader must never break a report check; a bug here loses numbers, not the report
        return []


def _read(text) -> list[Quantity]:
    if not isinstance(text, str) or not text:
        return []
    translated = text.translate(_FULLWIDTH)
    found: list[Quantity] = []
    taken = [False] * len(translated)
    for match in NUMBER_RE.finditer(translated):
        start, end = match.span()
        number_start = match.start("value") if match.group("value") is not None else match.start("low")
        if number_start > 0 and (translated[number_start - 1] in "第." or translated[number_start - 1].isdigit()):
            continue
        if number_start > 0 and translated[number_start - 1].isalpha() and translated[number_start - 1].isascii():
            continue  # part of an identifier such as "e2" or "A4"
        quantity = _build(match, text, _arabic)
        if quantity is None:
            continue
        found.append(quantity)
        for index in range(start, end):
            taken[index] = True
    for match in CHINESE_RE.finditer(translated):
        start, end = match.span()
        if any(taken[start:end]):
            continue
        unit = match.group("unit")
        if unit not in CHINESE_UNITS:
            continue
        number_start = match.start("value") if match.group("value") is not None else match.start("low")
        if number_start > 0 and translated[number_start - 1] in "第每星":
            continue
        quantity = _build(match, text, _chinese, magnitude_group=False)
        if quantity is None:
            continue
        found.append(quantity)
        for index in range(start, end):
            taken[index] = True
    for match in PERCENT_WORDS_RE.finditer(translated):
        start, end = match.span()
        if any(taken[start:end]):
            continue
        value = _chinese(match.group(1))
        if value is not None:
            found.append(Quantity(value, "%", start, end, text[start:end]))
    found.sort(key=lambda quantity: quantity.start)
    return _share_list_units(translated, found)


def _share_list_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give the bare items of a list the unit written after its last item."""
    for index in range(len(found) - 2, -1, -1):
        item, following = found[index], found[index + 1]
        if item.unit or not following.unit or not item.exact:
            continue
        if text[item.end : following.start] not in LIST_SEPARATORS:
            continue
        if text[max(0, item.start - 1) : item.start] in {"第", "."}:
            continue
        found[index] = Quantity(item.value, following.unit, item.start, item.end, item.text, item.qualifier, item.high, item.bound)
    return found


def money(text) -> list[Quantity]:
    return [quantity for quantity in read_numbers(text) if quantity.is_money]


def percentages(text) -> list[Quantity]:
    return [quantity for quantity in read_numbers(text) if quantity.is_percent]
