"""The amounts of a checked report as a draft for a unit-year's accounts, to confirm cell by cell.

`draft(result, targets, current)` works on the stored result of a check
(`ReportCheck.as_dict()`: blocks and extracted amounts) and offers an amount
for an accounts line only when nothing about it is a guess:

- its label is one of LABELS exactly (a prose label such as "人员支出", or a
  table header such as "收入合计");
- in a table, the header is read only where the header row lines up with the
  data row. Word tables with merged cells ("其中：" over two columns) shift
  the columns of their header rows; a column whose header cannot be placed
  is listed, not offered;
- a table row is the unit itself ("机关及二级机构汇总", "合计", its own name)
  or one of its sub-units by exact name; prose speaks for the unit itself;
- the amount is exact and in 万元 (元 converted when exact to the cent);
- every place the report gives for the same line of the same unit says the
  same amount.

Everything else is listed with the reason it is not offered.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.accounts.lines import LINE_BY_NAME, LINES, LINES_BY_CODE
from jixiao.numbers import decimal_or_none, is_number

# Labels as reports write them (whitespace removed) → accounts line: the one vocabulary of accounts/lines.
LABELS: dict[str, str] = LINE_BY_NAME

SUMMARY_ROWS = ("汇总", "合计", "总计")
LINE_ORDER = {line.code: order for order, line in enumerate(LINES)}
_NUMBERING = re.compile(r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）]|[0-9一二三四五六七八九十]+[、．]|[0-9]+\.(?![0-9]))\s*")
_UNIT_NOTE = re.compile(r"[（(](?:万元|元)[)）]$")
CENT = Decimal("0.01")


def normalise(text: str) -> str:
    return _UNIT_NOTE.sub("", re.sub(r"\s+", "", text or "").rstrip("：:"))


def row_name(text: str) -> str:
    return _NUMBERING.sub("", normalise(text))


def _is_number(text: str) -> bool:
    return is_number(text)


@dataclass(frozen=True)
class Candidate:
    code: str
    target: int  # unit-year id
    value: Decimal
    quote: str
    position: str


@dataclass
class Offer:
    """One cell of the draft: an accounts line of a unit-year, what is stored, what the report says."""

    target: int
    row: str
    code: str
    value: Decimal
    quote: str
    position: str
    current: Decimal | None = None
    also: int = 0  # further places stating the same amount

    @property
    def label(self) -> str:
        return LINES_BY_CODE[self.code].label

    @property
    def key(self) -> str:
        return f"{self.target}:{self.code}"

    @property
    def unchanged(self) -> bool:
        return self.current == self.value


@dataclass(frozen=True)
class NotOffered:
    text: str
    label: str
    position: str
    reason: str

    def __post_init__(self):
        # Labels come from report text and may be a whole paragraph.
        object.__setattr__(self, "label", _short(self.label))
        object.__setattr__(self, "reason", _short(self.reason, 80))


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Draft:
    offers: list[Offer] = field(default_factory=list)
    not_offered: list[NotOffered] = field(default_factory=list)

    def by_key(self) -> dict[str, Offer]:
        return {offer.key: offer for offer in self.offers}


@dataclass(frozen=True)
class Targets:
    """The unit-year chosen and its sub-units' unit-years, by the names a report may use for them."""

    unit_year: int
    unit_name: str
    sub_units: dict[str, int]  # sub-unit name → unit-year id

    def names(self) -> dict[int, str]:
        return {self.unit_year: self.unit_name} | {year: name for name, year in self.sub_units.items()}

    def for_row(self, text: str) -> int | None:
        if _is_number(text) or not normalise(text):
            # A table without a column of row names speaks for the unit itself.
            return self.unit_year
        name = row_name(text)
        if name in self.sub_units:
            return self.sub_units[name]
        if any(word in name for word in SUMMARY_ROWS) or name == normalise(self.unit_name):
            return self.unit_year
        return None


class _Tables:
    """Cells of the report's tables by (table, row) → {column: text}."""

    def __init__(self, blocks: list[dict]):
        self.rows: dict[tuple, dict[int, str]] = {}
        for block in blocks:
            if block.get("kind") == "cell":
                self.rows.setdefault((block.get("table"), block.get("row")), {})[block.get("column")] = block.get("text", "")

    def is_data_row(self, key) -> bool:
        return any(_is_number(text) for text in self.rows.get(key, {}).values())

    def header(self, table, row, column) -> str | None:
        """The header above a data cell, read only from header rows that line up with the data row."""
        width = len(self.rows.get((table, row), {}))
        above = sorted((r for (t, r) in self.rows if t == table and r < row), reverse=True)
        in_header = False
        for r in above:
            key = (table, r)
            if self.is_data_row(key):
                if in_header:
                    break
                continue
            in_header = True
            cells = self.rows[key]
            if len(cells) == width:
                trusted = True
            else:
                # A short row has merged cells; columns line up only before the first "其中" cell.
                spans = [c for c, text in cells.items() if normalise(text).startswith("其中")]
                trusted = bool(spans) and column < min(spans)
            text = normalise(cells.get(column, "")) if trusted else ""
            if text and not text.startswith("其中"):
                return text
            if not trusted and any(normalise(t) for c, t in cells.items() if c >= column):
                # This row names columns at or after ours but cannot say which is ours:
                # a header further up would only be a guess.
                return None
        return None


def _amount_in_10k(figure: dict) -> Decimal | None:
    value = decimal_or_none(figure.get("value"))
    if value is None:
        return None
    unit = figure.get("unit", "")
    if unit == "万元":
        return value if value == value.quantize(CENT) else None
    if unit == "元":
        value = value / 10000
        return value if value == value.quantize(CENT) else None
    return None


def draft(result: dict, targets: Targets, current: dict[tuple[int, str], Decimal]) -> Draft:
    blocks = result.get("blocks", [])
    by_index = {block.get("index"): block for block in blocks}
    tables = _Tables(blocks)
    names = targets.names()
    candidates: list[Candidate] = []
    out = Draft()

    for figure in result.get("extraction", {}).get("amounts", []):
        block = by_index.get(figure.get("block"), {})
        text = f"{figure.get('value', '')}{figure.get('unit', '')}"
        position = figure.get("position", "")
        label = normalise(figure.get("label", ""))
        target = targets.unit_year
        if not label and block.get("kind") == "cell" and _is_number(block.get("text", "")):
            table, row, column = block.get("table"), block.get("row"), block.get("column")
            header = tables.header(table, row, column)
            row_text = tables.rows.get((table, row), {}).get(1, "")
            label = header or ""
            target = targets.for_row(row_text)
            if not header:
                out.not_offered.append(NotOffered(text, row_name(row_text), position, "表头与数据列对不齐（合并单元格），无法确定所属项目"))
                continue
            if target is None:
                out.not_offered.append(NotOffered(
                    text, f"{row_name(row_text)} · {label}", position, f"“{row_name(row_text)}”不是所选单位或其下属单位",
                ))
                continue
            row_label = "" if _is_number(row_text) else f"{row_name(row_text)} · "
            quote = f"{row_label}{label}：{block.get('text', '').strip()}"
        else:
            quote = figure.get("context", "")
        code = LABELS.get(label)
        if code is None:
            out.not_offered.append(NotOffered(text, label, position, "没有对应的收支项目" if label else "没有项目名称"))
            continue
        if not figure.get("exact", True):
            out.not_offered.append(NotOffered(text, label, position, "约数，不作为账面金额"))
            continue
        value = _amount_in_10k(figure)
        if value is None:
            out.not_offered.append(NotOffered(text, label, position, "金额单位或精度无法换算为万元（两位小数）"))
            continue
        candidates.append(Candidate(code, target, value, quote, position))

    grouped: dict[tuple[int, str], list[Candidate]] = {}
    for candidate in candidates:
        grouped.setdefault((candidate.target, candidate.code), []).append(candidate)
    for (target, code), found in grouped.items():
        values = list(dict.fromkeys(c.value for c in found))
        if len(values) > 1:
            for c in found:
                out.not_offered.append(NotOffered(
                    f"{c.value}万元", LINES_BY_CODE[code].label, c.position,
                    f"报告中同一项目有不同金额：{'、'.join(str(v) for v in values)}",
                ))
            continue
        first = found[0]
        out.offers.append(Offer(
            target, names.get(target, ""), code, first.value, first.quote, first.position,
            current.get((target, code)), len(found) - 1,
        ))
    order = list(names)
    out.offers.sort(key=lambda o: (order.index(o.target) if o.target in order else len(order), LINE_ORDER[o.code]))
    return out
