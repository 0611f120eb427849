"""From text blocks to what a report states: unit, year, kind, figures and the claims between them.

`extract(report_text)` returns an `Extraction`. Besides every amount,
percentage and count (each a `Figure` with its block, span, label and the
text around it), it collects the claims the rules check:

- `sums`: a total and its parts ("支出658.77万元，其中人员支出338.42万元，…",
  a table row "合计 | 分项…", the sub-unit rows of a table against its 汇总 row);
- `rates`: a stated percentage with its numerator and denominator;
- `balances`: 当年结余 against income and expenditure of the same row;
- `budget_lines`: budget and actual spending stated together;
- `indicators`: rows of a quantitative indicator table (target, actual);
- `plans`: planned vs actual outputs (a table with 计划 / 实际 columns);
- `scheme`: categories, items and points of an assessment scheme.

Nothing here judges; findings.py does.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.accounts.lines import LINES_BY_CODE
from jixiao.checks.registry import Amount, Place
from jixiao.checks.rules.rates import execution_rate
from jixiao.checks.rules.sums import total_of
from jixiao.healthcheck.numbers import Quantity, read_numbers
from jixiao.healthcheck.reading import Block, ReportText

D = Decimal

KINDS = {
    "special_fund_summary": "专项资金绩效评价总结",
    "project_self_evaluation": "项目支出绩效自评报告",
    "department_wide": "部门整体支出绩效（自）评价报告",
    "assessment_scheme": "目标考核办法",
    "unknown": "未识别的文件类型",
}

COUNT_SKIP_UNITS = {"", "年", "月", "日", "号", "届", "岁", "分"}
LABEL_STOPS = "，,。；;：:、\n"
SENTENCE_ENDS = "。！？!?\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Figure:
    """A number as it stands in the report."""

    block: int
    start: int
    end: int
    value: Decimal
    unit: str
    label: str
    context: str
    position: str
    quantity: Quantity | None = None

    @property
    def exact(self) -> bool:
        return self.quantity is None or self.quantity.exact

    @property
    def text(self) -> str:
        return self.quantity.text if self.quantity is not None else str(self.value)

    def place(self, label: str | None = None) -> Place:
        return Place(f"{self.position}·{label or self.label or self.text}", f"{self.block}:{self.start}-{self.end}", self.context)

    def amount(self, label: str | None = None) -> Amount:
        return Amount(self.value, self.place(label))

    def as_dict(self) -> dict:
        return {
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "value": str(self.value),
            "high": None if self.quantity is None or self.quantity.high is None else str(self.quantity.high),
            "unit": self.unit,
            "qualifier": "" if self.quantity is None else self.quantity.qualifier,
            "exact": self.exact,
            "label": self.label,
            "context": self.context,
            "position": self.position,
        }


@dataclass(frozen=True)
class TextRef:
    """A stretch of a block that is not a number: a grade, a target, a heading."""

    block: int
    start: int
    end: int
    text: str
    position: str

    def place(self, label: str) -> Place:
        quote = self.text.replace("\n", " ")
        quote = quote if len(quote) <= 60 else quote[:60] + "…"
        return Place(f"{self.position}·{label}", f"{self.block}:{self.start}-{self.end}", quote)


@dataclass(frozen=True)
class SumClaim:
    what: str
    total: Figure
    parts: tuple[Figure, ...]
    # A table row lists every column; a "其中" in prose may name only the notable items.
    exhaustive: bool = True


@dataclass(frozen=True)
class TableFigure:
    """A figure of a standard table, named by section, row and column (for taking it into the accounts)."""

    section: str  # "income" | "expenditure" | "official" | "assets"
    row: str  # "机关及二级机构汇总", "1、科协机关", or "本单位" when the row has no name
    column: str  # "收入合计", "上年结转", "人员支出", "当年结余" ...
    figure: Figure

    def as_dict(self) -> dict:
        return {"section": self.section, "row": self.row, "column": self.column, **self.figure.as_dict()}


@dataclass(frozen=True)
class RateClaim:
    what: str
    rate: Figure
    numerator: Figure | None
    denominator: Figure | None


@dataclass(frozen=True)
class BalanceClaim:
    what: str
    balance: Figure
    income: Figure
    expenditure: Figure


@dataclass(frozen=True)
class BudgetLine:
    what: str
    budget: Figure
    actual: Figure
    stated_rate: Figure | None = None

    @property
    def rate(self) -> Decimal | None:
        return execution_rate(self.actual.value, self.budget.value)


@dataclass(frozen=True)
class IndicatorRow:
    category: str
    target: TextRef
    actual: TextRef
    target_numbers: tuple[Quantity, ...]
    actual_numbers: tuple[Quantity, ...]
    points: Figure | None = None  # 分值, in the MoF self-evaluation table
    score: Figure | None = None  # 得分


@dataclass(frozen=True)
class PlanItem:
    service: str
    planned: Figure
    candidates: tuple[Figure, ...]  # actual figures that speak of the same thing, largest first
    plan_cell: TextRef
    actual_cell: TextRef
    enumeration: tuple[Figure, ...] = ()  # "培训11人、…21人、…30人": the list the best candidate belongs to

    @property
    def achieved(self) -> Decimal | None:
        """The most the actual text can be read to claim for this planned output."""
        values = [c.quantity.scaled for c in self.candidates]
        if len(self.enumeration) >= 2:
            values.append(sum((f.quantity.scaled for f in self.enumeration), D(0)))
        return max(values) if values else None


@dataclass(frozen=True)
class SchemeCategory:
    name: str
    points: Figure
    items: tuple[Figure, ...]
    bonus: bool = False


@dataclass
class Scheme:
    categories: list[SchemeCategory] = field(default_factory=list)
    base_total: Figure | None = None
    bonus_total: Figure | None = None
    weights: list[Figure] = field(default_factory=list)  # judge groups' shares: "领导评分占40%，…占30%"

    @property
    def base_points(self) -> Decimal:
        return sum((c.points.value for c in self.categories if not c.bonus), D(0))

    @property
    def bonus_points(self) -> Decimal:
        return sum((c.points.value for c in self.categories if c.bonus), D(0))


@dataclass
class Extraction:
    unit: str = ""
    year: int | None = None
    kind: str = "unknown"
    amounts: list[Figure] = field(default_factory=list)
    percentages: list[Figure] = field(default_factory=list)
    counts: list[Figure] = field(default_factory=list)
    score: Figure | None = None
    grade: TextRef | None = None
    headings: list[TextRef] = field(default_factory=list)
    sums: list[SumClaim] = field(default_factory=list)
    rates: list[RateClaim] = field(default_factory=list)
    balances: list[BalanceClaim] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    has_indicator_table: bool = False
    # The MoF table's execution line: 分值 and 得分 of 预算执行率 (10 points under 财预〔2020〕10号).
    execution_points: Figure | None = None
    execution_score: Figure | None = None
    plans: list[PlanItem] = field(default_factory=list)
    scheme: Scheme | None = None
    table_figures: list[TableFigure] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, KINDS["unknown"])

    @property
    def execution(self) -> tuple[Decimal, list[Figure]] | None:
        """Overall budget execution rate (percent) and the figures it rests on.

        A stated rate on the first budget line (the department's total) wins;
        otherwise the budget lines are summed, as in a project report listing
        its sub-lines one by one.
        """
        if not self.budget_lines:
            return None
        first = self.budget_lines[0]
        if first.stated_rate is not None and first.stated_rate.exact:
            return first.stated_rate.value, [first.stated_rate, first.actual, first.budget]
        if any(line.stated_rate is not None for line in self.budget_lines):
            return None
        budget, actual = self.budget_total, self.actual_total
        if budget <= 0:
            return None
        figures = [figure for line in self.budget_lines for figure in (line.budget, line.actual)]
        return execution_rate(actual, budget), figures

    @property
    def budget_total(self) -> Decimal:
        return total_of(line.budget.value for line in self.budget_lines)

    @property
    def actual_total(self) -> Decimal:
        return total_of(line.actual.value for line in self.budget_lines)

    def as_dict(self) -> dict:
        execution = self.execution
        return {
            "unit": self.unit,
            "year": self.year,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "amounts": [figure.as_dict() for figure in self.amounts],
            "percentages": [figure.as_dict() for figure in self.percentages],
            "counts": [figure.as_dict() for figure in self.counts],
            "score": None if self.score is None else self.score.as_dict(),
            "grade": None if self.grade is None else self.grade.text,
            "execution_rate": None if execution is None else str(execution[0].quantize(D("0.01"))),
            "budget_lines": [
                {
                    "what": line.what,
                    "budget": str(line.budget.value),
                    "actual": str(line.actual.value),
                    "stated_rate": None if line.stated_rate is None else str(line.stated_rate.value),
                }
                for line in self.budget_lines
            ],
            "table_figures": [item.as_dict() for item in self.table_figures],
            "has_indicator_table": self.has_indicator_table,
            "indicators": [
                {"category": row.category, "target": row.target.text, "actual": row.actual.text} for row in self.indicators
            ],
            "plans": [
                {
                    "service": item.service,
                    "planned": item.planned.as_dict(),
                    "actual": [figure.as_dict() for figure in item.candidates],
                }
                for item in self.plans
            ],
            "scheme": None
            if self.scheme is None
            else {
                "categories": [
                    {
                        "name": category.name,
                        "points": str(category.points.value),
                        "items": [str(item.value) for item in category.items],
                        "bonus": category.bonus,
                    }
                    for category in self.scheme.categories
                ],
                "base_points": str(self.scheme.base_points),
                "weights": [{"label": w.label, "percent": str(w.value)} for w in self.scheme.weights],
                "bonus_points": str(self.scheme.bonus_points),
            },
        }


# --- helpers ----------------------------------------------------------------


def _context(text: str, start: int, end: int, before: int = 24, after: int = 12) -> str:
    left = text[max(0, start - before) : start]
    right = text[end : end + after]
    return (left + text[start:end] + right).replace("\n", " ").strip()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _prose_label(text: str, start: int, previous_end: int) -> str:
    # Labels are short; looking back a bounded distance keeps one huge paragraph linear.
    boundary = max(previous_end, start - 60)
    for stop in LABEL_STOPS:
        index = text.rfind(stop, boundary, start)
        boundary = max(boundary, index + 1)
    label = text[boundary:start].strip().strip("（(）)“”\"")
    label = re.sub(r"^[一二三四五六七八九十]是", "", label)
    for prefix in ("其中", "共计", "共", "度", "，", "："):
        label = label.removeprefix(prefix)
    for suffix in ("为", "是", "达到", "达", "共计", "共", "约"):
        label = label.removesuffix(suffix)
    return label.strip()


def _bigrams(text: str) -> set[str]:
    chars = "".join(char for char in text if CJK.match(char))
    return {chars[i : i + 2] for i in range(len(chars) - 1)} - STOP_BIGRAMS


STOP_BIGRAMS = {"开展", "年度", "进行", "全市", "我市", "组织", "工作", "一年", "完成", "活动", "以上", "年召", "达到"}

# --- document level ----------------------------------------------------------


def _kind(head: str) -> str:
    if "考核办法" in head or "考核指标" in head:
        return "assessment_scheme"
    if "整体支出" in head:
        return "department_wide"
    if "项目绩效自评" in head or "项目支出绩效" in head:
        return "project_self_evaluation"
    if "专项" in head and ("总结" in head or "评价" in head):
        return "special_fund_summary"
    return "unknown"


UNIT_RE = re.compile(r"(?:^|[：:])([^\s在和与的，。、：:（）()“”]{1,10}?[省市县区])(?:科学技术协会|科协)")


def _unit(head: str) -> str:
    match = None
    for line in head.split("\n"):
        match = UNIT_RE.search(line.replace(" ", "").replace("\u3000", ""))
        if match:
            break
    if match:
        place = match.group(1)
        place = place.rsplit("省", 1)[-1] if not place.endswith("省") else place
        return place + "科协"
    match = re.search(r"([\u4e00-\u9fff]{1,4}科协)〔", _compact(head))
    return match.group(1) if match else ""


def _year(head: str) -> int | None:
    match = re.search(r"((?:19|20)\d{2})\s*年", head) or re.search(r"〔((?:19|20)\d{2})〕", head)
    return int(match.group(1)) if match else None


# --- extraction ----------------------------------------------------------------


def extract(report: ReportText) -> Extraction:
    blocks = report.blocks
    head = "\n".join(block.text for block in blocks[:12])[:600]
    result = Extraction(unit=_unit(head), year=_year(head), kind=_kind(head))
    prose: dict[int, list[Figure]] = {}
    for block in blocks:
        figures = _figures_of(block, blocks)
        prose[block.index] = figures
        for figure in figures:
            if figure.unit in {"元", "万元", "亿元", "千元"}:
                result.amounts.append(figure)
            elif figure.unit == "%":
                result.percentages.append(figure)
            elif figure.unit not in COUNT_SKIP_UNITS:
                result.counts.append(figure)
        _headings(block, result)
    parts: set[tuple[int, int]] = set()
    for block in blocks:
        if block.kind == "paragraph" or (block.kind == "cell" and len(block.text) > 40):
            _prose_claims(block, prose[block.index], result, parts)
    _table_claims(report, prose, result)
    _score_and_grade(report, prose, result)
    _indicators(report, prose, result)
    _funding_table(report, prose, result)
    _plans(report, prose, result)
    if result.kind == "assessment_scheme":
        result.scheme = _scheme(report, prose)
    return result


def _table_money_unit(block: Block, blocks: list[Block]) -> str:
    """The unit of a bare number in a table: what the nearest title above it says ("（万元）", "（元）"), else ""."""
    for earlier in reversed(blocks[max(0, block.index - 300) : block.index]):
        if earlier.kind != "cell" or earlier.table != block.table:
            break
        if "万元" in earlier.text:
            return "万元"
        if "（元）" in earlier.text or "(元)" in earlier.text:
            return "元"
        if re.match(r"^[一二三四五六七八九十]+、", earlier.text):
            return ""
    return ""


def _figures_of(block: Block, blocks: list[Block]) -> list[Figure]:
    text = block.text
    figures = []
    previous_end = 0
    bare_cell = block.kind == "cell" and re.fullmatch(r"\s*-?[\d,]+(\.\d+)?\s*", text or "") is not None
    for quantity in read_numbers(text):
        unit = quantity.unit
        if bare_cell and unit == "":
            unit = _table_money_unit(block, blocks)
        label = _prose_label(text, quantity.start, previous_end)
        figures.append(
            Figure(
                block.index,
                quantity.start,
                quantity.end,
                quantity.value,
                unit,
                label,
                _context(text, quantity.start, quantity.end),
                block.position,
                quantity,
            )
        )
        previous_end = quantity.end
    return figures


HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+、)\s*(\S.{0,30})")


def _headings(block: Block, result: Extraction):
    offset = 0
    for line in block.text.split("\n"):
        match = HEADING_RE.match(line)
        if match and len(line) <= 40:
            result.headings.append(TextRef(block.index, offset, offset + len(line), line.strip(), block.position))
        offset += len(line) + 1


# --- prose claims: 其中, rates, budget lines ------------------------------------


def _is_money(figure: Figure) -> bool:
    return figure.unit in {"元", "万元", "亿元", "千元"}


def _as_wan(figure: Figure) -> Figure:
    if figure.unit == "万元" or figure.quantity is None:
        return figure
    value = figure.quantity.wan_yuan
    return Figure(figure.block, figure.start, figure.end, value, "万元", figure.label, figure.context, figure.position, figure.quantity)


def _depths(text: str) -> list[int]:
    depth, depths = 0, []
    for char in text:
        if char in "（(":
            depth += 1
        depths.append(depth)
        if char in "）)":
            depth = max(0, depth - 1)
    return depths


def _nested_reduced(parts: list[Figure]) -> list[Figure]:
    """Drop a breakdown written inline after its own subtotal: "基本支出359.39万元，人员支出355.81万元，公用支出3.58万元"."""
    # A trailing "共计" that sums the parts before it replaces them.
    for end in range(len(parts) - 1, 1, -1):
        running = D(0)
        for start in range(end - 1, -1, -1):
            running += parts[start].value
            if end - start >= 2 and running == parts[end].value:
                parts = parts[:start] + parts[end:]
                break
        else:
            continue
        break
    reduced: list[Figure] = []
    index = 0
    while index < len(parts):
        head = parts[index]
        reduced.append(head)
        skip = 0
        running = D(0)
        for end in range(index + 1, len(parts)):
            running += parts[end].value
            count = end - index
            if count >= 2 and abs(running - head.value) <= D("0.01") * count:
                skip = count
                break
            if running > head.value + D("0.01") * count:
                break
        index += 1 + skip
    return reduced


class _Prose:
    """One block's text with its sentence ends and figures indexed, so lookups stay logarithmic
    even when a whole report arrives as one enormous paragraph."""

    def __init__(self, text: str, figures: list[Figure]):
        self.text = text
        self.ends = [i for i, char in enumerate(text) if char in SENTENCE_ENDS]
        self.figures = figures
        self.money = [f for f in figures if _is_money(f)]
        self.money_starts = [f.start for f in self.money]
        self.starts = [f.start for f in figures]

    def sentence(self, index: int) -> tuple[int, int]:
        k = bisect_left(self.ends, index)
        start = self.ends[k - 1] + 1 if k > 0 else 0
        end = self.ends[k] if k < len(self.ends) else len(self.text)
        return start, end

    def money_between(self, low: int, high: int) -> list[Figure]:
        """Money figures starting in [low, high)."""
        return self.money[bisect_left(self.money_starts, low) : bisect_left(self.money_starts, high)]

    def figures_between(self, low: int, high: int) -> list[Figure]:
        return self.figures[bisect_left(self.starts, low) : bisect_left(self.starts, high)]


MAX_PARTS = 60  # a longer "其中" list is not a breakdown anyone wrote by hand
RATE_LOOKBACK = 400  # characters before a rate where its budget and actual may stand


def _prose_claims(block: Block, figures: list[Figure], result: Extraction, parts_seen: set):
    text = block.text
    prose = _Prose(text, figures)
    depths = _depths(text)
    for match in re.finditer(r"其中", text):
        at = match.start()
        sentence_start, sentence_end = prose.sentence(at)
        depth = depths[at]
        end = sentence_end
        if depth > 0:
            closes = [pos for pos in (text.find("）", at, sentence_end), text.find(")", at, sentence_end)) if pos != -1]
            if closes:
                end = min(closes)
        before = [f for f in prose.money_between(sentence_start, at) if depths[f.start] <= depth]
        if not before and text[sentence_start:at].strip("，, ") == "":
            before = prose.money_between(max(0, sentence_start - RATE_LOOKBACK), sentence_start)[-1:]
        if not before:
            continue
        total = before[-1]
        parts = [f for f in prose.money_between(at + 1, end) if depths[f.start] == depth]
        if not 2 <= len(parts) <= MAX_PARTS or not total.exact or any(not part.exact for part in parts):
            continue
        if len({p.unit for p in parts} | {total.unit}) > 1:
            parts = [_as_wan(p) for p in parts]
            total = _as_wan(total)
        reduced = _nested_reduced(parts)
        if len(reduced) < 2:
            continue
        for part in parts:
            parts_seen.add((part.block, part.start))
        result.sums.append(SumClaim(total.label or "合计", total, tuple(reduced), exhaustive=False))
    _rates(prose, result, parts_seen)
    _budget_lines(prose, result, parts_seen)


BUDGET_WORDS = ("预算", "安排", "批复")
ACTUAL_WORDS = ("实际支出", "实际开支", "决算支出", "执行数", "实际使用", "实际完成支出")


def _is_budget(figure: Figure) -> bool:
    return any(word in figure.label for word in BUDGET_WORDS) and "执行" not in figure.label


def _is_actual(figure: Figure) -> bool:
    return any(word in figure.label for word in ACTUAL_WORDS)


def _rates(prose: _Prose, result: Extraction, parts_seen: set):
    text = prose.text
    previous_rate_end = 0
    for rate in prose.figures:
        if rate.unit != "%":
            continue
        sentence_start, _ = prose.sentence(rate.start)
        low = max(previous_rate_end, rate.start - RATE_LOOKBACK)
        window = [f for f in prose.money_between(low, rate.start) if (f.block, f.start) not in parts_seen]
        share = re.search(r"占(.{1,10}?)的?(?:比例|比重)?(?:为)?$", text[max(0, rate.start - 14) : rate.start])
        if "执行率" in rate.label or "执行率" in text[max(0, rate.start - 8) : rate.start]:
            actual = next((f for f in reversed(window) if _is_actual(f)), None)
            budget = next((f for f in reversed(window) if _is_budget(f)), None)
            if actual is not None and budget is not None and rate.exact:
                result.rates.append(RateClaim(f"{budget.label}执行率", rate, actual, budget))
            else:
                result.rates.append(RateClaim(rate.label or "执行率", rate, actual, budget))
        elif "完成率" in rate.label or "完成率" in text[max(0, rate.start - 8) : rate.start]:
            result.rates.append(RateClaim(rate.label or "完成率", rate, None, None))
        elif share:
            whole = share.group(1).removesuffix("的")
            in_sentence = prose.money_between(max(sentence_start, rate.start - RATE_LOOKBACK), rate.start)
            if not in_sentence:
                previous_rate_end = rate.end
                continue
            numerator = in_sentence[-1]
            core = whole.removeprefix("总")
            named = [f for f in in_sentence[:-1] if core and (f.label.endswith(whole) or f.label.endswith(core))]
            # "占总支出" is the first 支出 of the sentence (the whole); "占基本支出" the nearest one.
            if whole.startswith("总"):
                denominator = named[0] if named else None
            else:
                denominator = named[-1] if named else None
            if denominator is not None and rate.exact:
                result.rates.append(RateClaim(f"{numerator.label}占{whole}的比例", rate, numerator, denominator))
        previous_rate_end = rate.end


OFFICIAL_SPENDING = ("三公", "公务接待", "公务用车", "因公出国")


def _budget_lines(prose: _Prose, result: Extraction, parts_seen: set):
    text = prose.text
    money = prose.money
    used: set[int] = set()
    for index, budget in enumerate(money):
        if not _is_budget(budget) or (budget.block, budget.start) in parts_seen or id(budget) in used:
            continue
        sentence_start, sentence_end = prose.sentence(budget.start)
        if any(word in text[sentence_start:sentence_end] for word in OFFICIAL_SPENDING):
            continue
        for following in range(index + 1, len(money)):
            actual = money[following]
            if actual.start - budget.end > 120:
                break
            if (actual.block, actual.start) in parts_seen:
                continue
            if _is_budget(actual):
                break
            if _is_actual(actual):
                rate = next(
                    (
                        f
                        for f in prose.figures_between(actual.end, actual.end + 80)
                        if f.unit == "%" and "执行率" in f.label
                        and not any(_is_budget(m) for m in prose.money_between(actual.end, f.start))
                    ),
                    None,
                )
                what = budget.label
                for word in ("本年预算", "预算安排", "安排", "预算", "本级", "市本级"):
                    what = what.replace(word, "")
                result.budget_lines.append(BudgetLine(what or "预算", budget, actual, rate))
                used.add(id(actual))
                break


# --- tables ----------------------------------------------------------------


def _cells(row: list[Block]) -> list[str]:
    return [_compact(cell.text) for cell in row]


def _number_cell(figures: list[Figure], text: str) -> Figure | None:
    """The figure of a cell that holds nothing but one number ("1086.91", "98%")."""
    if len(figures) != 1 or figures[0].quantity is None:
        return None
    return figures[0] if figures[0].quantity.text.strip() == text.strip() else None


def _table_claims(report: ReportText, prose: dict, result: Extraction):
    """Rows of the standard income / expenditure / 三公 / fixed-asset tables."""
    rows = report.rows()
    keys = sorted(rows)
    section = None
    header_rows: list[list[str]] = []
    section_rows: list[tuple[str, list]] = []
    income_rows: dict[str, Figure] = {}

    def close_section():
        if section is not None and section_rows:
            _check_section(section, header_rows, section_rows, result, income_rows)

    for key in keys:
        row = rows[key]
        texts = _cells(row)
        joined = "".join(texts)
        figures = [_number_cell(prose[cell.index], cell.text) if cell.text.strip() else None for cell in row]
        numeric = [f for f in figures if f is not None and f.unit in {"万元", "元"}]
        kind = None
        if "收入合计" in joined:
            kind = "income"
        elif "支出合计" in joined:
            kind = "expenditure"
        elif "三公经费" in joined and "合计" in joined:
            kind = "official"
        elif "固定资产" in joined and "合计" in joined:
            kind = "assets"
        if kind is not None and not numeric:
            close_section()
            section, header_rows, section_rows = kind, [[t for t in texts if t]], []
            continue
        if section is None:
            continue
        if not numeric:
            if any(t and not re.fullmatch(r"其中[:：]?", t) for t in texts) and len(row) >= 2:
                header_rows.append([t for t in texts if t])
                continue
            if len(row) == 1:
                close_section()
                section, section_rows = None, []
            continue
        label = texts[0] if figures[0] is None else ""
        values = figures[1:] if figures[0] is None else figures
        section_rows.append((label, values))
    close_section()


ROW_NAMES = {section: LINES_BY_CODE[code].label for section, code in (
    ("income", "income_total"), ("expenditure", "exp_total"), ("official", "sangong_actual"), ("assets", "fa_total"),
)}


GROUP_WORDS = {"机构名称", "结余", "其他收入", "其他"}
IS_WHERE = re.compile(r"^其\s*中[:：]?$")


def _column_names(section: str, header_rows: list[list[str]], width: int) -> list[str]:
    """Names of the value columns of a standard table, or "第N列" where the header cannot tell."""
    words = [w for row in header_rows for w in row]
    if section == "expenditure":
        names = ["支出合计", "基本支出", "人员支出"]
        names.append("日常公用支出" if "日常公用支出" in words else "公用支出")
        skip = {"支出合计", "基本支出", "人员支出", "公用支出", "日常公用支出", "当年结余", "累计结余", "结余", "机构名称"}
        names += [w for w in words if w not in skip and not IS_WHERE.match(w)]
        names += [w for w in words if w in {"当年结余", "累计结余"}]
    else:
        top, lower = header_rows[0], [w for row in header_rows[1:] for w in row]
        total = next((w for w in top if "合计" in w), ROW_NAMES[section])
        after_where = top[next((i for i, w in enumerate(top) if IS_WHERE.match(w)), len(top)) + 1 :]
        names = [total] + [w for w in lower if not IS_WHERE.match(w)] + after_where
    if len(names) != width:
        return [f"第{column + 2}列" for column in range(width)]
    return names


def _check_section(section, header_rows, section_rows, result: Extraction, income_rows: dict):
    header_words = [w for row in header_rows for w in row]
    joined = "".join(header_words)
    for label, values in section_rows:
        name = label or "本单位"
        columns = _column_names(section, header_rows, len(values))
        for column, value in zip(columns, values, strict=False):
            if value is not None:
                result.table_figures.append(TableFigure(section, name, column, _relabel(value, f"{name}·{column}")))
        if not values or values[0] is None:
            continue
        total = values[0]
        if section == "expenditure":
            balance_columns = sum(1 for word in header_words if word in {"当年结余", "累计结余"})
            body = values[: len(values) - balance_columns] if balance_columns else values
            has_basic_split = "人员支出" in joined and ("公用支出" in joined or "日常公用支出" in joined)
            if has_basic_split and len(body) >= 4:
                basic, personnel, office = body[1], body[2], body[3]
                rest = [v for v in body[4:] if v is not None]
                if basic is not None:
                    result.sums.append(
                        SumClaim(f"{name}支出合计", _relabel(total, f"{name}·支出合计"),
                                 (_relabel(basic, f"{name}·基本支出"), *(_relabel(v, f"{name}·项目及其他支出") for v in rest)))
                    )
                    parts = [v for v in (personnel, office) if v is not None]
                    if len(parts) == 2:
                        result.sums.append(
                            SumClaim(f"{name}基本支出", _relabel(basic, f"{name}·基本支出"),
                                     (_relabel(personnel, f"{name}·人员支出"), _relabel(office, f"{name}·公用支出")))
                        )
            if balance_columns and len(values) > len(body):
                balance = values[len(body)]
                income = income_rows.get(label)
                if balance is not None and income is not None:
                    result.balances.append(
                        BalanceClaim(f"{name}当年结余", _relabel(balance, f"{name}·当年结余"), income, _relabel(total, f"{name}·支出合计"))
                    )
        else:
            parts = [(v, column) for v, column in zip(values[1:], columns[1:], strict=False) if v is not None]
            if parts:
                result.sums.append(
                    SumClaim(f"{name}{ROW_NAMES[section]}", _relabel(total, f"{name}·{ROW_NAMES[section]}"),
                             tuple(_relabel(p, f"{name}·{column}") for p, column in parts))
                )
            if section == "income":
                income_rows[label] = _relabel(total, f"{name}·收入合计")
    # Sub-units against the summary row, column by column.
    summary = [row for row in section_rows if "汇总" in row[0] or row[0] in {"合计", "总计"}]
    subs = [row for row in section_rows if re.match(r"^\d+[、.．]", row[0])]
    if len(summary) == 1 and len(subs) >= 2:
        total_values = summary[0][1]
        names = _column_names(section, header_rows, len(total_values))
        for column, total in enumerate(total_values):
            if total is None:
                continue
            parts = [(row[1][column], row[0]) for row in subs if column < len(row[1]) and row[1][column] is not None]
            if len(parts) >= 2:
                result.sums.append(
                    SumClaim(
                        f"各下属单位“{names[column]}”之和",
                        _relabel(total, f"{summary[0][0]}·{names[column]}"),
                        tuple(_relabel(part, f"{row}·{names[column]}") for part, row in parts),
                    )
                )


def _relabel(figure: Figure, label: str) -> Figure:
    return Figure(figure.block, figure.start, figure.end, figure.value, figure.unit, label, figure.context, figure.position, figure.quantity)


# --- score and grade --------------------------------------------------------------

# Only a report's overall score: "自评得分", "综合得分", "总分", or "得分：" opening a paragraph.
# "产出指标得分48分" is a part of it and must not be read as the score.
SCORE_RE = re.compile(
    r"(?:(?:自评|综合|评价|绩效)(?:总)?得分|总得分|总分|^\s*得分)[为是：:\s]*(\d{1,3}(?:\.\d{1,2})?)\s*(分|%)",
    re.MULTILINE,
)
SCORE_CELL_RE = re.compile(r"((自评|综合|评价|绩效)(总)?得分|总得分|总分|合计得分)(（分）)?$")
GRADE_WORDS = "优秀|良好|中等|合格|不合格|较差|优|良|中|差"
GRADE_RE = re.compile(
    rf"(?:自评(?:结果|等次|等级|结论)?(?:为|：|:)?|评价(?:等次|等级|结果)(?:为|：|:)?)\s*({GRADE_WORDS})(?=[。，；、\s”\"]|$|等)"
)


def _score_and_grade(report: ReportText, prose: dict, result: Extraction):
    rows = report.rows()
    for cells in rows.values():
        texts = _cells(cells)
        for position, text in enumerate(texts[:-1]):
            following = cells[position + 1]
            if result.score is None and (SCORE_CELL_RE.search(text) or (position == 0 and text == "得分")):
                # "总分 | 100 | 95": the points column comes before the score; the score is the last number.
                numbers = [
                    _number_cell(prose[cell.index], cell.text) for cell in cells[position + 1 :] if cell.text.strip()
                ]
                numbers = [figure for figure in numbers if figure is not None]
                if numbers:
                    result.score = _relabel(numbers[-1], text)
            if result.grade is None and re.search(r"(评价等次|等次|等级|评价结果|自评结果)$", text) and re.fullmatch(GRADE_WORDS, _compact(following.text)):
                result.grade = TextRef(following.index, 0, len(following.text), _compact(following.text), following.position)
    for block in report.blocks:
        if block.kind != "paragraph" and len(block.text) < 40:
            continue
        if result.score is None:
            match = SCORE_RE.search(block.text)
            if match:
                figure = next((f for f in prose[block.index] if f.start <= match.start(1) < f.end), None)
                if figure is not None:
                    result.score = _relabel(figure, "得分")
        if result.grade is None:
            match = GRADE_RE.search(block.text)
            if match:
                result.grade = TextRef(block.index, match.start(1), match.end(1), match.group(1), block.position)


# --- indicator table ------------------------------------------------------------

TARGET_HEADERS = ("绩效目标", "指标值", "目标值", "年度指标值")
ACTUAL_HEADERS = ("完成情况", "实际完成值", "实际值", "完成值", "实际完成")


def _indicators(report: ReportText, prose: dict, result: Extraction):
    rows = report.rows()
    active = None
    category = ""
    for key in sorted(rows):
        cells = rows[key]
        texts = _cells(cells)
        target_index = next((i for i, t in enumerate(texts) if t in TARGET_HEADERS), None)
        actual_index = next((i for i, t in enumerate(texts) if t in ACTUAL_HEADERS), None)
        if target_index is not None and actual_index is not None and actual_index > target_index:
            points_index = next((i for i, t in enumerate(texts) if t in {"分值", "权重"}), None)
            score_index = next((i for i, t in enumerate(texts) if t in {"得分", "自评得分"}), None)
            level2_index = next((i for i, t in enumerate(texts) if t == "二级指标"), None)
            # Offsets from the right: merged cells on the left shorten rows, the value columns stay put.
            active = (
                target_index - len(texts),
                actual_index - len(texts),
                None if points_index is None else points_index - len(texts),
                None if score_index is None else score_index - len(texts),
                None if level2_index is None else level2_index - len(texts),
            )
            result.has_indicator_table = True
            continue
        if active is None:
            continue
        if len([t for t in texts if t]) <= 2 and len(texts) <= 2:
            active = None
            continue
        target_at, actual_at, points_at, score_at, level2_at = active
        if len(texts) < -target_at:
            continue
        target_cell, actual_cell = cells[target_at], cells[actual_at]
        if level2_at is not None and len(texts) >= -level2_at:
            category = texts[level2_at] or category
        else:
            named = [text for text in texts[:target_at] if text.endswith(("指标", "效益", "满意度")) and len(text) <= 16]
            category = named[0] if named else category
        if not target_cell.text.strip():
            continue
        result.indicators.append(
            IndicatorRow(
                category,
                TextRef(target_cell.index, 0, len(target_cell.text), target_cell.text, target_cell.position),
                TextRef(actual_cell.index, 0, len(actual_cell.text), actual_cell.text, actual_cell.position),
                _numbers_without_indices(target_cell.text),
                _numbers_without_indices(actual_cell.text),
                _cell_number(cells, points_at, prose),
                _cell_number(cells, score_at, prose),
            )
        )


def _cell_number(cells: list[Block], at: int | None, prose: dict) -> Figure | None:
    if at is None or len(cells) < -at:
        return None
    cell = cells[at]
    return _number_cell(prose[cell.index], cell.text) if cell.text.strip() else None


def _funding_table(report: ReportText, prose: dict, result: Extraction):
    """The MoF self-evaluation table's money rows: 年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
    rows = report.rows()
    header = None
    for key in sorted(rows):
        cells = rows[key]
        texts = _cells(cells)
        if any("预算数" in t for t in texts) and any("执行数" in t for t in texts):
            budget_cols = [i for i, t in enumerate(texts) if "预算数" in t]
            preferred = [i for i in budget_cols if "全年" in texts[i] or "调整" in texts[i]]
            header = {
                "width": len(texts),
                "budget": (preferred or budget_cols)[-1],
                "actual": next(i for i, t in enumerate(texts) if "执行数" in t),
                "rate": next((i for i, t in enumerate(texts) if "执行率" in t), None),
                "points": next((i for i, t in enumerate(texts) if t == "分值"), None),
                "score": next((i for i, t in enumerate(texts) if t == "得分"), None),
                "lines": [],
            }
            continue
        if header is None:
            continue
        figures = [_number_cell(prose[c.index], c.text) if c.text.strip() else None for c in cells]
        if not any(figures) or figures[0] is not None:
            _close_funding(header, result)
            header = None
            continue

        def at(column, figures=figures):
            return figures[column] if column is not None and column < len(figures) else None

        budget, actual = at(header["budget"]), at(header["actual"])
        if budget is None or actual is None:
            continue
        label = texts[0]
        budget, actual = _relabel(budget, f"{label}·全年预算数"), _relabel(actual, f"{label}·全年执行数")
        rate = at(header["rate"])
        header["lines"].append((label, budget, actual, rate, at(header["points"]), at(header["score"])))
    if header is not None:
        _close_funding(header, result)


def _close_funding(header: dict, result: Extraction):
    lines = header["lines"]
    if not lines:
        return
    label, budget, actual, rate, points, score = lines[0]
    rate = _relabel(rate, f"{label}·执行率") if rate is not None and rate.unit == "%" else None
    result.budget_lines.insert(0, BudgetLine(label, budget, actual, rate))
    if rate is not None:
        result.rates.append(RateClaim(f"{label}执行率", rate, actual, budget))
    if points is not None and score is not None:
        result.execution_points = _relabel(points, "执行率分值")
        result.execution_score = _relabel(score, "执行率得分")
    subs = [line for line in lines[1:] if line[0].startswith("其中") or "资金" in line[0] or "拨款" in line[0]]
    if len(subs) >= 2:
        result.sums.append(SumClaim(f"{label}全年预算数", budget, tuple(line[1] for line in subs)))
        result.sums.append(SumClaim(f"{label}全年执行数", actual, tuple(line[2] for line in subs)))


def _numbers_without_indices(text: str) -> tuple[Quantity, ...]:
    """Numbers of a target, leaving out the "指标1：" that only numbers the line."""
    return tuple(q for q in read_numbers(text) if not text[max(0, q.start - 2) : q.start].endswith("指标"))


def clause(text: str, start: int, end: int) -> str:
    """The clause a number stands in: from the previous comma or stop to the next one."""
    floor, ceiling = max(0, start - 200), min(len(text), end + 200)
    left = max(max(text.rfind(char, floor, start) for char in "，,。；;\n") + 1, floor)
    rights = [pos for pos in (text.find(char, end, ceiling) for char in "，,。；;\n") if pos != -1]
    return text[left : min(rights) if rights else ceiling].strip()


# --- planned vs actual -------------------------------------------------------------

MAX_PLAN_FIGURES = 300  # per cell: a plan cell is a paragraph or two, not a book

UNIT_FAMILIES = [
    {"人", "名", "位", "人次"},
    {"次", "场", "场次"},
    {"件", "个", "项"},
]


def _family(unit: str) -> str:
    for family in UNIT_FAMILIES:
        if unit in family:
            return "/".join(sorted(family))
    return unit


def _plans(report: ReportText, prose: dict, result: Extraction):
    rows = report.rows()
    header = None
    seen: set = set()
    for key in sorted(rows):
        cells = rows[key]
        texts = _cells(cells)
        if "计划" in texts and "实际" in texts:
            header = texts.index("计划")
            continue
        if header is None:
            continue
        filled = [cell for cell in cells if cell.text.strip()]
        if len(filled) < 3:
            header = None
            continue
        start = header - 1
        while start + 2 < len(cells):
            name, plan, actual = cells[start], cells[start + 1], cells[start + 2]
            _plan_items(_compact(name.text), plan, actual, prose, result, seen)
            start += 3


def _window(text: str, figure: Figure, before: int = 12, after: int = 8) -> str:
    left = text[max(0, figure.start - before) : figure.start]
    for stop in "。；;，,（(":
        index = left.rfind(stop)
        if index != -1 and len(left) - index > 4:
            left = left[index + 1 :]
    right = text[figure.end : figure.end + after]
    for stop in "。；;，,（(":
        index = right.find(stop)
        if index != -1:
            right = right[:index]
    return left + right


def _plan_items(service: str, plan: Block, actual: Block, prose: dict, result: Extraction, seen: set):
    actual_figures = [
        f for f in prose[actual.index] if f.unit not in COUNT_SKIP_UNITS and f.quantity is not None and f.quantity.base_unit
    ][:MAX_PLAN_FIGURES]
    for planned in prose[plan.index][:MAX_PLAN_FIGURES]:
        if planned.unit in COUNT_SKIP_UNITS or planned.quantity is None or not planned.quantity.base_unit:
            continue
        words = _bigrams(_window(plan.text, planned))
        family = _family(planned.quantity.base_unit)
        scored = []
        for candidate in actual_figures:
            if _family(candidate.quantity.base_unit) != family:
                continue
            score = len(words & _bigrams(_window(actual.text, candidate)))
            if score:
                scored.append((score, candidate))
        best = max((score for score, _ in scored), default=0)
        candidates = tuple(
            sorted((c for score, c in scored if score == best), key=lambda c: c.quantity.scaled, reverse=True)
        )
        key = (service, planned.text, planned.start, plan.text)
        if key in seen:
            continue  # the same plan repeated in the effects part of the table
        seen.add(key)
        result.plans.append(
            PlanItem(
                service,
                planned,
                candidates,
                TextRef(plan.index, 0, len(plan.text), plan.text, plan.position),
                TextRef(actual.index, 0, len(actual.text), actual.text, actual.position),
                _enumeration(actual.text, candidates[0], actual_figures, family) if candidates else (),
            )
        )


def _enumeration(text: str, anchor: Figure, figures: list[Figure], family: str) -> tuple[Figure, ...]:
    same = [f for f in figures if _family(f.quantity.base_unit) == family]
    index = next((i for i, f in enumerate(same) if f is anchor), None)
    if index is None:
        return ()

    def joined(left: Figure, right: Figure) -> bool:
        between = text[left.end : right.start]
        return "、" in between and not any(stop in between for stop in "，,。；;\n")

    start = end = index
    while start > 0 and joined(same[start - 1], same[start]):
        start -= 1
    while end + 1 < len(same) and joined(same[end], same[end + 1]):
        end += 1
    return tuple(same[start : end + 1]) if end > start else ()


# --- assessment scheme ---------------------------------------------------------------

POINTS_RE = re.compile(r"^(?:最高)?(\d+(?:\.\d+)?)分$")
CATEGORY_RE = re.compile(r"^(.+?)(\d+(?:\.\d+)?)分$")


def _scheme(report: ReportText, prose: dict) -> Scheme | None:
    scheme = Scheme()
    current = None
    items: list[Figure] = []

    def flush():
        if current is not None:
            name, points, bonus = current
            scheme.categories.append(SchemeCategory(name, points, tuple(items), bonus))

    rows = report.rows()
    for key in sorted(rows):
        cells = rows[key]
        texts = _cells(cells)
        if len(texts) < 3 or not POINTS_RE.match(texts[-1]):
            continue
        first = texts[0]
        match = CATEGORY_RE.match(first) if first else None
        if match:
            flush()
            category_figure = next((f for f in prose[cells[0].index] if f.unit == "分"), None)
            if category_figure is None:
                current = None
                continue
            name = match.group(1)
            current = (name, _relabel(category_figure, name), "加分" in name)
            items = []
        if current is None:
            continue
        points = next((f for f in prose[cells[-1].index] if f.unit == "分"), None)
        if points is not None:
            items.append(_relabel(points, f"{current[0]} 第{texts[1]}项"))
    flush()
    for block in report.blocks:
        if block.kind != "paragraph":
            continue
        for figure in prose[block.index]:
            if figure.unit != "分":
                continue
            window = block.text[max(0, figure.start - 8) : figure.start]
            if "基础分" in window and scheme.base_total is None:
                scheme.base_total = _relabel(figure, "考核基础分")
            elif "加分" in window and scheme.bonus_total is None:
                scheme.bonus_total = _relabel(figure, "加分项目")
        if not scheme.weights:
            for figure in prose[block.index]:
                before = block.text[max(0, figure.start - 12) : figure.start]
                if figure.unit == "%" and figure.exact and re.search(r"评分占$", before):
                    scheme.weights.append(_relabel(figure, re.sub(r"^.*[，,：:。]", "", before).removesuffix("占")))
    return scheme if scheme.categories else None
