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

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jixiao.accounts.lines import LINES_BY_CODE
from jixiao.checks.registry import Amount, Place
from jixiao.checks.rules.rates import execution_rate
from jixiao.checks.rules.sums import total_of
from jixiao.healthcheck import forms
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
    # The clause before the number up to the previous stop, numbers included ("比2010年实际支出"):
    # the label stops at the previous number, so a comparison would be lost from it.
    lead: str = ""

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
    # "" when the total stands in the same sentence; otherwise the reading that paired them
    # ("合计取自前一句"), and a mismatch is then only a warning.
    reading: str = ""


@dataclass(frozen=True)
class GrowthClaim:
    """"收入462.48万元……增加66.85万元、增长16.90%": a change and its rate against the year before."""

    what: str
    rate: Figure
    change: Figure
    current: Figure | None
    prior: Figure | None
    falling: bool
    certain: bool  # False when the current figure was taken from the sentence before


@dataclass(frozen=True)
class CountListClaim:
    """"直属事业单位10个，即A、B、……": a count and the names listed for it."""

    what: str
    count: Figure
    names: tuple[str, ...]


@dataclass(frozen=True)
class CountSumClaim:
    what: str
    total: Figure
    parts: tuple[Figure, ...]
    exhaustive: bool = False  # the parts end with "其他……": nothing is left out


@dataclass(frozen=True)
class TextPoints:
    """A row of a scheme whose rule text says "记0.3分" while its points column says 3."""

    what: str
    points: Figure
    written: Figure


@dataclass(frozen=True)
class CategoryPoints:
    """"产出指标（50分）" and the points of the rows beneath it."""

    name: str
    points: Figure
    items: tuple[Figure, ...]


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
    reading: str = ""  # set when a figure was taken from elsewhere than the rate's sentence


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
    # The execution rate the form or the prose states, with the line it was read from (a fallback
    # when no budget and actual stand together, e.g. "预算执行率……实际完成7.14%").
    stated_execution: Figure | None = None
    # The stated rate is named as the whole unit's ("整体预算执行率92.31%"), not one fund's.
    stated_execution_overall: bool = False
    execution_reading: str = ""
    # The execution line is a row of the indicator table ("投入管理 | 预算执行率 | 10 | 100% | 9", Ningxia):
    # its score is already among the indicator scores.
    execution_in_indicators: bool = False
    # Growth clauses whose figure of this year stands elsewhere in the document: (subject, rate, change, falling).
    pending_growths: list[tuple] = field(default_factory=list)
    # Scores of indicator rows without a target value (they count towards the total all the same).
    untargeted_scores: list[Figure] = field(default_factory=list)
    growths: list[GrowthClaim] = field(default_factory=list)
    count_lists: list[CountListClaim] = field(default_factory=list)
    count_sums: list[CountSumClaim] = field(default_factory=list)
    text_points: list[TextPoints] = field(default_factory=list)
    categories: list[CategoryPoints] = field(default_factory=list)
    unit_rates: list[tuple] = field(default_factory=list)  # (RateClaim, (numerator unit, denominator unit))
    income_total: Figure | None = None
    spending_total: Figure | None = None
    table_share: float = 0.0  # share of the text that stands in table cells
    plans: list[PlanItem] = field(default_factory=list)
    scheme: Scheme | None = None
    table_figures: list[TableFigure] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, KINDS["unknown"])

    @property
    def execution(self) -> tuple[Decimal, list[Figure]] | None:
        """Overall budget execution rate (percent) and the figures it rests on.

        A rate the text names as the whole unit's ("整体预算执行率") wins, then a stated
        rate on the first budget line (the department's total); otherwise the budget lines are summed, as in a project report listing
        its sub-lines one by one.
        """
        stated = self.stated_execution
        if stated is not None and stated.exact and self.stated_execution_overall:
            return stated.value, [stated]
        if not self.budget_lines:
            if stated is not None and stated.exact:
                return stated.value, [stated]
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
    def money_unit(self) -> str:
        """The unit the budget lines are written in ("万元", "元", or "" for bare table numbers)."""
        units = {line.budget.unit for line in self.budget_lines} | {line.actual.unit for line in self.budget_lines}
        return units.pop() if len(units) == 1 else ""

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
    result = Extraction(unit=_unit(head), year=_year(head), kind=_kind(_compact(head)))
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
    previous: list[Figure] = []
    earlier: list[Figure] = []
    for block in blocks:
        if block.kind == "paragraph" or (block.kind == "cell" and len(block.text) > 40):
            _prose_claims(block, prose[block.index], result, parts, [f for f in previous if _is_money(f)], earlier)
            previous = prose[block.index]
            earlier = earlier + [f for f in previous if _is_money(f)][:200]
    _trailing_where(blocks, prose, result)
    _resolve_growths(result)
    _parallel_breakdowns(result)
    _prose_schemes(blocks, prose, result)
    _income_and_spending(blocks, prose, result)
    cell_chars = sum(len(block.text) for block in blocks if block.kind == "cell")
    result.table_share = cell_chars / max(1, sum(len(block.text) for block in blocks))
    _table_claims(report, prose, result)
    _total_columns(report, prose, result)
    _scheme_rows(report, prose, result)
    _score_and_grade(report, prose, result)
    _indicators(report, prose, result)
    _funding_table(report, prose, result)
    _plans(report, prose, result)
    if result.kind == "assessment_scheme":
        result.scheme = _scheme(report, prose)
    return result


def _table_money_unit(block: Block, blocks: list[Block]) -> str:
    """The unit of a bare number in a table: what the nearest title above it says ("（万元）", "（元）"),
    in the table or in the paragraph just before it ("收入支出决算表（元）", "单位：元"), else ""."""
    for earlier in reversed(blocks[max(0, block.index - 300) : block.index]):
        if earlier.kind != "cell" or earlier.table != block.table:
            if earlier.kind == "paragraph":
                if re.search(r"[（(]万元[）)]|单位[：:]\s*万元", earlier.text):
                    return "万元"
                if re.search(r"[（(]元[）)]|单位[：:]\s*元", earlier.text):
                    return "元"
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
        stop = max(max(text.rfind(c, max(0, quantity.start - 40), quantity.start) for c in "，,。；;：:\n、") + 1,
                   quantity.start - 40)
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
                text[max(0, stop) : quantity.start],
            )
        )
        previous_end = quantity.end
    return figures


HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+、)\s*(\S.{0,30})"
    # "存在问题：无。" is a section with its answer on the same line.
    r"|^\s*((?:存在的?问题|主要问题|问题|改进措施|自评结论|评价结论|项目概况|基本情况)[：:])"
)


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


CHANGE_WORDS = ("增加", "减少", "增长", "下降", "降低", "上升", "节约", "超支", "增减", "减", "增")
COMPARISON = re.compile(r"(^|[^其])(较|比|同比|环比|相比)")


def _is_change(figure: Figure) -> bool:
    """"较上年增加50.00万元": a change, not a total."""
    return figure.label.endswith(CHANGE_WORDS) or bool(re.search(r"(增加|减少|增长|下降|降低|减)了?$", figure.label))


def _is_flow(figure: Figure) -> bool:
    """"本年新增固定资产65.29万元" after "其中在用固定资产……": this year's addition, not a part of the stock."""
    return "新增" in figure.label or "新增" in figure.lead


def _is_comparison(figure: Figure) -> bool:
    return bool(COMPARISON.search(figure.lead or figure.label))


def _is_reference(figure: Figure) -> bool:
    """A change or a figure of comparison ("比2013年度决算数8750.27万元"): never the total of a "其中"."""
    return _is_change(figure) or _is_comparison(figure)


def _in_wan(figure: Figure) -> Decimal:
    return figure.quantity.wan_yuan if figure.quantity is not None and figure.quantity.wan_yuan is not None else figure.value


def _as_wan(figure: Figure) -> Figure:
    if figure.unit == "万元" or figure.quantity is None:
        return figure
    value = figure.quantity.wan_yuan
    return replace(figure, value=value, unit="万元")


def _depths(text: str) -> list[int]:
    depth, depths = 0, []
    for char in text:
        if char in "（(":
            depth += 1
        depths.append(depth)
        if char in "）)":
            depth = max(0, depth - 1)
    return depths


def _nested_reduced(parts: list[Figure], trailing: bool = True) -> list[Figure]:
    """Drop a breakdown written inline after its own subtotal: "基本支出359.39万元，人员支出355.81万元，公用支出3.58万元"."""
    # A trailing "共计" that sums the parts before it replaces them (not for small counts, where
    # "2人、1人、3人" add up by chance).
    for end in range(len(parts) - 1, 1, -1) if trailing else ():
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

    def __init__(self, text: str, figures: list[Figure], earlier: list[Figure] | None = None):
        self.text = text
        self.earlier = earlier or []  # money figures of the paragraphs before, in order
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


COUNT_UNITS = {"人", "名", "个", "家", "辆", "所", "项", "台", "处", "部", "人次", "批"}


def _prose_claims(block: Block, figures: list[Figure], result: Extraction, parts_seen: set,
                  previous: list[Figure] | None = None, earlier: list[Figure] | None = None):
    text = block.text
    prose = _Prose(text, figures, earlier)
    depths = _depths(text)
    owners: dict = {}  # part → the total of its "其中"
    for match in re.finditer(r"其中", text):
        at = match.start()
        sentence_start, sentence_end = prose.sentence(at)
        depth = depths[at]
        end = sentence_end
        if depth > 0:
            closes = [pos for pos in (text.find("）", at, sentence_end), text.find(")", at, sentence_end)) if pos != -1]
            if closes:
                end = min(closes)
        end = _list_end(prose, match.end(), end)
        following = text.find("其中", match.end(), end)
        if following != -1:
            # "共28人，其中：行编11人，事业编17人；实有人数共28人，其中：……": the next 其中 opens its own list,
            # and the clause holding its total is not a part of this one.
            cut = max(text.rfind("；", match.end(), following), text.rfind(";", match.end(), following))
            end = cut if cut != -1 else following
        _where_money(prose, depths, at, depth, sentence_start, end, result, parts_seen, owners, previous)
        _where_counts(prose, depths, at, depth, sentence_start, end, result)
    _rates(prose, depths, result, parts_seen, owners)
    _budget_lines(prose, result, parts_seen)
    _growths(prose, result)
    _count_lists(text, figures, result)
    _stated_execution(prose, result)


def _list_end(prose: _Prose, start: int, end: int) -> int:
    """A "其中" list runs on through "；" while each clause opens with an amount or a count;
    "；整体预算执行率96.96%……，当年结余20.64万元" is a new statement, not an item."""
    text = prose.text
    position = start
    while True:
        stop = min((p for p in (text.find("；", position, end), text.find(";", position, end)) if p != -1), default=-1)
        if stop == -1:
            return end
        following = min((p for p in (text.find("；", stop + 1, end), text.find(";", stop + 1, end)) if p != -1), default=end)
        first = next(iter(prose.figures_between(stop + 1, following)), None)
        if first is None or first.unit in {"%", ""} or "结余" in first.label or "执行率" in text[stop + 1 : first.start]:
            return stop
        position = stop + 1


def _mixed_measures(parts: list[Figure]) -> bool:
    """"科学普及专项预算143.50万元，执行132.50万元；……": budgets and spending side by side are not parts of one total."""
    budget = any("预算" in part.label for part in parts)
    spent = any(word in part.label for part in parts for word in ("执行", "支出", "实际"))
    return budget and spent


def _where_money(prose, depths, at, depth, sentence_start, end, result, parts_seen, owners, previous):
    reading = ""
    before = [f for f in prose.money_between(sentence_start, at) if depths[f.start] <= depth and not _is_reference(f)]
    if not before and not [f for f in prose.money_between(sentence_start, at) if depths[f.start] <= depth]:
        # "……增长16.67%。其中：基本支出……": the total closes an earlier sentence.
        earlier = [f for f in prose.money_between(max(0, sentence_start - RATE_LOOKBACK), sentence_start)
                   if depths[f.start] == 0 and not _is_reference(f)]
        before = earlier[-1:]
        reading = "“其中”之前一句的金额为合计的读法"
        if not before and previous and not prose.money_between(0, sentence_start):
            earlier = [f for f in previous if not _is_reference(f) and f.value != 0]
            before = earlier[-1:]
            reading = "上一段最后一个金额为合计的读法"
    if not before:
        return
    total = before[-1]
    parts = [f for f in prose.money_between(at + 1, end)
             if depths[f.start] == depth and not _is_reference(f) and not _is_flow(f)]
    if not 2 <= len(parts) <= MAX_PARTS or not total.exact or any(not part.exact for part in parts):
        return
    if _mixed_measures(parts):
        return
    if len({p.unit for p in parts} | {total.unit}) > 1:
        parts = [_as_wan(p) for p in parts]
        total = _as_wan(total)
    reduced = _nested_reduced(parts)
    if len(reduced) < 2:
        return
    for part in parts:
        parts_seen.add((part.block, part.start))
        owners[(part.block, part.start)] = total
    # A list that ends with "其他……" covers everything: then it is the whole, not a selection.
    exhaustive = any(part.label.startswith("其他") or part.label.endswith("其他") for part in reduced)
    result.sums.append(SumClaim(total.label or "合计", total, tuple(reduced), exhaustive=exhaustive, reading=reading))


def _parallel_breakdowns(result: Extraction):
    """Two "其中" lists that name the same items in the same order ("申请……其中A、B、C" and "完成……其中A、B、C"):
    when one adds up to its total exactly, those items are the whole breakdown, so the other is checked
    as complete too, and a shortfall there is a figure that cannot be reconciled, not a selection."""
    selections = [claim for claim in result.sums if not claim.exhaustive and not claim.reading and len(claim.parts) >= 2]
    # Indexed by the items' names, so a report with thousands of 其中 lists is read in linear time.
    adding_up: dict[tuple, list] = {}
    for other in selections:
        if sum((part.value for part in other.parts), D(0)) == other.total.value:
            adding_up.setdefault(tuple(part.label for part in other.parts), []).append(other)
    selected = {id(claim) for claim in selections}
    for index, claim in enumerate(result.sums):
        if id(claim) not in selected:
            continue
        names = tuple(part.label for part in claim.parts)
        if not all(names):
            continue
        complete = next((other for other in adding_up.get(names, ()) if other is not claim), None)
        if complete is not None:
            result.sums[index] = replace(claim, exhaustive=True,
                                         what=f"{claim.what}（与“{complete.what}”所列同名各项比照，按完整列举核对）")


def _where_counts(prose, depths, at, depth, sentence_start, end, result):
    """"实有人员20人，其中：在职人员10人……": the parts of a count."""
    counts = [f for f in prose.figures_between(max(0, sentence_start), at)
              if f.unit in COUNT_UNITS and depths[f.start] <= depth and f.exact and not _is_reference(f)]
    if not counts and not prose.figures_between(sentence_start, at):
        # "现有编制人员205人。其中，局机关在职113人……": the total closes the sentence before.
        previous_start, _ = prose.sentence(max(0, sentence_start - 2))
        counts = [f for f in prose.figures_between(previous_start, sentence_start)
                  if f.unit in COUNT_UNITS and f.exact and not _is_reference(f)][-1:]
    if not counts:
        return
    total = counts[-1]
    parts = [f for f in prose.figures_between(at + 1, end)
             if f.unit == total.unit and depths[f.start] == depth and f.exact and not _is_reference(f)]
    if len(parts) < 2:
        return
    reduced = _nested_reduced(parts, trailing=False)
    if len(reduced) >= 2:
        exhaustive = any("其他" in part.label for part in reduced)
        result.count_sums.append(CountSumClaim(total.label or "合计", total, tuple(reduced), exhaustive))


# --- growth rates, counts of lists, stated execution ------------------------------------

GROWTH_BEFORE = re.compile(r"(增长|下降|降低|减少|增加|上升|下滑|增幅|降幅)(率)?(为|了|达)?[\s，、,]*$")
FALLING = ("下降", "降低", "减少", "下滑", "降幅")
OPENS_WITH_COMPARISON = re.compile(r"^[\s，、]*(与|较|比|同比|相比|环比)")


def _growths(prose: _Prose, result: Extraction):
    text = prose.text
    for rate in prose.figures:
        if rate.unit != "%" or not rate.exact:
            continue
        head = text[max(0, rate.start - 8) : rate.start]
        word = GROWTH_BEFORE.search(head)
        if word is None:
            continue
        sentence_start, _ = prose.sentence(rate.start)
        money = [f for f in prose.money_between(sentence_start, rate.start)]
        between_rates = [f for f in prose.figures_between(sentence_start, rate.start) if f.unit == "%"]
        floor = between_rates[-1].end if between_rates else sentence_start
        changes = [f for f in money if _is_change(f) and f.start >= floor]
        if not changes:
            continue
        change = changes[-1]
        falling = word.group(1) in FALLING or bool(re.search(r"(减少|下降|降低|减)$", change.label))
        earlier = [f for f in money if f.start < change.start and not _is_change(f)]
        prior = next((f for f in reversed(earlier) if _is_comparison(f)), None)
        current = next((f for f in reversed(earlier) if not _is_comparison(f)), None)
        certain = True
        if current is None and prior is None:
            first_clause = not re.search(r"[，,；;]", text[sentence_start : change.start])
            if OPENS_WITH_COMPARISON.match(text[sentence_start : change.start]) or first_clause:
                previous = [f for f in prose.money_between(max(0, sentence_start - RATE_LOOKBACK), sentence_start)
                            if not _is_reference(f)]
                if previous and prose.sentence(previous[-1].start)[1] >= sentence_start - 1:
                    current, certain = previous[-1], False
        if current is None and prior is None:
            subject = _growth_subject(text, sentence_start, change.start)
            if subject:
                result.pending_growths.append((subject, rate, change, falling))
            continue
        if len({f.unit for f in (change, current or prior)}) > 1:
            change, current, prior = _as_wan(change), current and _as_wan(current), prior and _as_wan(prior)
        what = (current or prior).label
        result.growths.append(GrowthClaim(what, rate, change, current, prior, falling, certain))


SUBJECT_GENERIC = re.compile(r"支出|决算|经费|费用|资金|数")


def _growth_subject(text: str, sentence_start: int, change_start: int) -> str:
    """What changed, when the clause of the change does not say it: "公务接待费支出决算比预算无增减变化，
    比去年增加0.5万元" → "公务接待费支出决算" — the nearest clause before that does not open with a comparison."""
    clauses = re.split(r"[，,；;：:]", text[sentence_start:change_start])
    for written in reversed(clauses[:-1] if len(clauses) > 1 else []):
        clause = written.strip()
        if not clause or OPENS_WITH_COMPARISON.match(clause) or clause.startswith("其中"):
            continue
        match = COMPARISON.search(clause)
        return clause[: match.start() + len(match.group(1))] if match else ""
    return ""


def _resolve_growths(result: Extraction):
    """A growth rate whose figure of this year stands in another sentence ("公务接待费支出决算1.5万元" in the
    summary, "……比去年增加0.5万元，增长50%" further on): the one amount named like the subject is that figure.
    The pairing is a reading, so a mismatch is a warning that says so."""
    if not result.pending_growths:
        return
    candidates = [(f, _bigrams(SUBJECT_GENERIC.sub("", f.label))) for f in result.amounts
                  if not _is_reference(f) and f.value > 0 and "预算" not in f.label]
    for subject, rate, stated_change, falling in result.pending_growths:
        change = stated_change
        wanted = _bigrams(SUBJECT_GENERIC.sub("", subject))
        if len(wanted) < 2:
            continue
        scored = sorted(((len(wanted & named) / len(wanted), f) for f, named in candidates
                         if (f.block, f.start) != (change.block, change.start)), key=lambda pair: -pair[0])
        if not scored or scored[0][0] < 0.5:
            continue
        best = [f for score, f in scored if score == scored[0][0]]
        if len({f.value if f.unit == best[0].unit else _in_wan(f) for f in best}) > 1:
            continue  # two different amounts fit the name equally well: no reading to choose
        current = best[0]
        if current.unit != change.unit:
            change, current = _as_wan(change), _as_wan(current)
        result.growths.append(GrowthClaim(subject, rate, change, current, None, falling, certain=False))


LIST_OPENERS = re.compile(r"^\s*(?:[，,]?\s*(?:即|分别为|分别是|包括|为)[：:]?|[：:])")
NAME_SPLIT = re.compile(r"、|和")
COUNTED = {"个", "家", "所", "项", "类"}


def _names(segment: str) -> list[str]:
    names = [name.strip(" “”\"") for name in NAME_SPLIT.split(segment)]
    return [name for name in names if name]


def _count_lists(text: str, figures: list[Figure], result: Extraction):
    for count in figures:
        if count.unit not in COUNTED or not count.exact or count.value > 40 or count.value < 1:
            continue
        if re.search(r"等|各|两|共|全", count.lead[-12:]):
            continue  # "……等7个", "各10个", "两级11个": not a closed list
        names = _listed_after(text, count) or _listed_before(text, count, figures)
        if names:
            result.count_lists.append(CountListClaim(count.label, count, tuple(names)))


def _listed_after(text: str, count: Figure) -> list[str] | None:
    """"直属事业单位10个，即A、B、C。", "下设1个内设机构：办公室。", "核定内部机构3个，普及部、学会部、宣教部。"."""
    rest = text[count.end : count.end + 400]
    noun = re.match(r"[\u4e00-\u9fff]{0,8}", rest).group(0)
    after = rest[len(noun):]
    opener = LIST_OPENERS.match(after)
    bare = None
    if opener is None:
        bare = re.match(r"^[，,]", after)
        if bare is None or noun:
            # "核定内部机构3个，普及部、……" lists after a bare count; "7个展览，先后在……" does not.
            return _listed_further(rest, count)
        segment = re.split(r"[，,。；;\n]", after[bare.end():], maxsplit=1)[0]
        names = _closed_list(segment)
        if names and len(names) >= 2:
            return names
        return _listed_further(rest, count)
    segment = re.split(r"[。；;\n]", after[opener.end():], maxsplit=1)[0]
    if "，" in segment or "," in segment:
        pieces = re.split(r"[，,]", segment)
        # A comma may end the list ("，所属事业单位分别是……") or separate its items.
        segment = segment if all(len(p) <= 20 and not re.search(r"\d", p) for p in pieces) and len(pieces) > 1 \
            and all("、" not in p for p in pieces) else pieces[0]
        segment = segment.replace("，", "、").replace(",", "、")
    return _closed_list(segment)


def _listed_further(rest: str, count: Figure) -> list[str] | None:
    """"内设科室4个……。内设科室分别是A、B。": the list follows its noun further on."""
    label = re.sub(r"[^\u4e00-\u9fff]", "", count.label)[-8:]
    found = None
    for size in range(len(label), 1, -1):  # "我单位内设科室" is named again as "内设科室分别是"
        found = re.search(re.escape(label[-size:]) + r"(?:分别是|分别为|包括)[：:]?", rest)
        if found is not None:
            break
    if found is None:
        return None
    segment = re.split(r"[，,。；;\n]", rest[found.end():], maxsplit=1)[0]
    return _closed_list(segment)


def _listed_before(text: str, count: Figure, figures: list[Figure]) -> list[str] | None:
    """"内设办公室、普及部和学会部3个行政科室", "从领导重视、……、创新创特活动八个部分"."""
    start = max(max(text.rfind(c, 0, count.start) for c in "，,。；;：:\n") + 1, count.start - 200)
    segment = text[start : count.start]
    if "、" not in segment and "和" not in segment:
        return None
    if segment.endswith(("和", "、", "及")) or re.search(r"等|各|两|共|全", segment):
        return None  # "在市科技馆和14个县", "……等市级院士工作站9个"
    if any(f.start >= start and f.end <= count.start for f in figures):
        return None
    segment = re.sub(r"^(内设|下设|设有|设|包括|从|由|有|共有|现有)", "", segment)
    return _closed_list(segment)


def _closed_list(segment: str) -> list[str] | None:
    segment = segment.strip()
    if not segment or "等" in segment:
        return None
    if re.search(r"\d", segment):
        return None
    names = _names(segment)
    if not names or any(len(name) > 24 for name in names):
        return None
    if len(names) >= 2 and any(len(name) == 1 for name in names):
        return None  # "市、楼区": a level, not a list of names
    return names


EXECUTION_STATED = re.compile(r"执行率[^，,。；;%]{0,16}$")
OVERALL_EXECUTION = re.compile(r"(整体|总体)(支出)?(预算)?执行率[^，,。；;%]{0,16}$")


def _stated_execution(prose: _Prose, result: Extraction):
    """"预算执行率实际完成情况：实际完成7.14%", "执行率为96.5%": the rate a report states in prose.

    The first one named as the whole unit's (整体 / 总体) wins over the first one met, which may be one
    fund's ("专项资金……执行率112.97%" before or after "整体预算执行率92.31%")."""
    if result.stated_execution_overall:
        return
    for figure in prose.figures:
        context = prose.text[max(0, figure.start - 20) : figure.start]
        if figure.unit == "%" and figure.exact and EXECUTION_STATED.search(context):
            overall = bool(OVERALL_EXECUTION.search(context))
            if result.stated_execution is None or overall:
                result.stated_execution = _relabel(figure, "预算执行率")
                result.stated_execution_overall = overall
                result.execution_reading = "报告文字中写明的" + ("整体" if overall else "") + "预算执行率"
            if overall:
                return


BUDGET_WORDS = ("预算", "安排", "批复")
ACTUAL_WORDS = ("实际支出", "实际开支", "决算支出", "执行数", "实际使用", "实际完成支出")


def _is_budget(figure: Figure) -> bool:
    return any(word in figure.label for word in BUDGET_WORDS) and "执行" not in figure.label


def _is_actual(figure: Figure) -> bool:
    return any(word in figure.label for word in ACTUAL_WORDS)


THRESHOLD = re.compile(r"(未达到|达到|未达|低于|高于|不足|超过|不低于|不高于|≥|≤|>|<|未达到?达到?|未达)\s*$")
SHARE_RE = re.compile(r"占(.{0,12}?)的?(?:比例|比重)?(?:为)?$")
DONE_OF_BUDGET = re.compile(r"完成(?:年初|全年|调整后)?预算(?:数)?的?$")


def _rate_claim(result: Extraction, what: str, rate: Figure, numerator: Figure, denominator: Figure, reading: str = ""):
    """A rate between two amounts, compared in one unit; a unit mismatch is kept for its own rule."""
    claim = RateClaim(what, rate, numerator, denominator, reading)
    if _is_money(numerator) and _is_money(denominator) and numerator.unit != denominator.unit:
        result.unit_rates.append((claim, (numerator.unit, denominator.unit)))
        claim = RateClaim(what, rate, _as_wan(numerator), _as_wan(denominator), reading)
    result.rates.append(claim)


def _rates(prose: _Prose, depths: list[int], result: Extraction, parts_seen: set, owners: dict):
    text = prose.text
    previous_rate_end = 0
    for rate in prose.figures:
        if rate.unit != "%":
            continue
        if THRESHOLD.search(text[max(0, rate.start - 6) : rate.start] + rate.text[:2].rstrip("0123456789.")) or (
            rate.quantity is not None and rate.quantity.bound
        ):
            continue  # "执行率未达到90%的需说明原因": a threshold of a rule, not a claim
        sentence_start, _ = prose.sentence(rate.start)
        low = max(previous_rate_end, rate.start - RATE_LOOKBACK)
        window = [f for f in prose.money_between(low, rate.start) if (f.block, f.start) not in parts_seen]
        head = text[max(0, rate.start - 14) : rate.start]
        share = SHARE_RE.search(head)
        clause_head = text[max(text.rfind(c, 0, rate.start) for c in "，,。；;\n") + 1 : rate.start]
        if "执行率" in rate.label or "执行率" in clause_head:
            actual = next((f for f in reversed(window) if _is_actual(f)), None)
            budget = next((f for f in reversed(window) if _is_budget(f)), None)
            if actual is not None and budget is not None and rate.exact:
                _rate_claim(result, f"{budget.label}执行率", rate, actual, budget)
            else:
                result.rates.append(RateClaim(rate.label or "执行率", rate, actual, budget))
        elif "完成率" in rate.label or "完成率" in text[max(0, rate.start - 8) : rate.start]:
            done, planned = _completion_counts(prose, sentence_start, rate)
            result.rates.append(RateClaim(rate.label or "完成率", rate, done, planned))
        elif DONE_OF_BUDGET.search(clause_head) and rate.exact:
            _done_of_budget(prose, rate, sentence_start, result)
        elif share and rate.exact:
            _share(prose, depths, rate, share.group(1).removesuffix("的"), sentence_start, owners, result)
        previous_rate_end = rate.end


def _completion_counts(prose: _Prose, sentence_start: int, rate: Figure) -> tuple:
    """"设置绩效目标数13个、绩效目标完成数9个，绩效目标完成率69.23%": the counts behind a completion rate."""
    counts = [f for f in prose.figures_between(sentence_start, rate.start) if f.unit in COUNT_UNITS and f.exact]
    done = next((f for f in reversed(counts) if "完成" in f.label), None)
    planned = next((f for f in counts if f is not done and any(w in f.label for w in ("设置", "设定", "共", "目标数", "计划"))), None)
    if done is None or planned is None:
        return None, None
    return done, planned


def _done_of_budget(prose: _Prose, rate: Figure, sentence_start: int, result: Extraction):
    """"支出预算为494,400.00元，支出决算为115,749.56元，完成预算的23.42%"."""
    in_sentence = prose.money_between(sentence_start, rate.start)
    budget = next((f for f in reversed(in_sentence) if "预算" in f.label and not _is_reference(f)), None)
    if budget is None:
        return
    candidates = [f for f in in_sentence if f is not budget and not _is_reference(f) and "预算" not in f.label]
    if not candidates:
        previous_start, _ = prose.sentence(max(0, sentence_start - 2))
        candidates = [f for f in prose.money_between(previous_start, sentence_start)
                      if not _is_reference(f) and "预算" not in f.label and "收入" not in f.label]
    if not candidates:
        return
    _rate_claim(result, "完成预算的比例", rate, candidates[-1], budget)


def _share(prose: _Prose, depths: list[int], rate: Figure, whole: str, sentence_start: int, owners: dict, result: Extraction):
    in_sentence = [f for f in prose.money_between(max(sentence_start, rate.start - RATE_LOOKBACK), rate.start)
                   if not _is_reference(f)]
    same_depth = [f for f in in_sentence if depths[f.start] == depths[rate.start]]
    if not same_depth:
        return
    numerator = same_depth[-1]
    if whole:
        core = whole.removeprefix("总")
        named = [f for f in in_sentence if f is not numerator and (f.label.endswith(whole) or f.label.endswith(core))]
        # "占总支出" is the first 支出 of the sentence (the whole); "占基本支出" the nearest one.
        denominator = (named[0] if whole.startswith("总") else named[-1]) if named else None
        what = f"{numerator.label}占{whole}的比例"
        if denominator is None and len(core) >= 4:
            # "占政府采购预算58.8%": the whole named in an earlier paragraph ("2023年政府采购预算17000元").
            earlier = [f for f in prose.earlier if f.label.endswith(core) and not _is_reference(f)]
            if earlier and earlier[0].value >= numerator.value:
                _rate_claim(result, what, rate, numerator, earlier[0], reading=f"分母取前文“{earlier[0].label}”")
            return
    else:
        # A bare "占35.08%": a share of the total its "其中" belongs to, else of the sentence's lead amount.
        denominator = owners.get((numerator.block, numerator.start))
        if denominator is None:
            lead = [f for f in in_sentence if depths[f.start] == 0]
            opens_list = lead and re.match(r"[，,]?\s*(主要用于|其中|包括|用于)|[：:]", prose.text[lead[0].end : lead[0].end + 8])
            denominator = lead[0] if opens_list and lead[0] is not numerator and lead[0].value >= numerator.value else None
        what = f"{numerator.label}的占比"
    if denominator is not None:
        _rate_claim(result, what, rate, numerator, denominator)


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


def _trailing_where(blocks: list[Block], prose: dict, result: Extraction):
    """A paragraph ending in "其中：" whose parts are the following paragraphs, one item each."""
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or not block.text.rstrip().endswith(("其中：", "其中:")):
            continue
        totals = [f for f in prose[block.index] if _is_money(f) and not _is_reference(f)]
        if not totals:
            continue
        total = totals[-1]
        parts = []
        for item in blocks[index + 1 : index + 1 + MAX_PARTS]:
            if item.kind != "paragraph" or HEADING_RE.match(item.text):
                break
            money = [f for f in prose[item.index] if _is_money(f) and not _is_reference(f)]
            if not money or not item.text.rstrip().endswith(("；", ";", "。")):
                break
            parts.append(money[0])
            if item.text.rstrip().endswith("。"):
                break
        if len(parts) >= 2 and total.exact and all(p.exact for p in parts):
            if len({p.unit for p in parts} | {total.unit}) > 1:
                parts, total = [_as_wan(p) for p in parts], _as_wan(total)
            result.sums.append(SumClaim(total.label or "合计", total, tuple(parts), exhaustive=False))


PROSE_CATEGORY = re.compile(r"[一二三四五六七八九十]+、([^（(：:，。；]{1,14})[（(](\d+(?:\.\d+)?)分[）)][：:]")


def _prose_schemes(blocks: list[Block], prose: dict, result: Extraction):
    """"二、工作实效（50分）：3、……10分，4、……10分；三、……": a category and its items in prose."""
    for block in blocks:
        if block.kind != "paragraph":
            continue
        matches = list(PROSE_CATEGORY.finditer(block.text))
        for number, match in enumerate(matches):
            end = matches[number + 1].start() if number + 1 < len(matches) else len(block.text)
            figures = prose[block.index]
            points = next((f for f in figures if f.start >= match.start(2) - 1 and f.unit == "分"), None)
            items = [f for f in figures if match.end() <= f.start < end and f.unit == "分" and f.exact]
            end_sentence = block.text.find("。", match.end())
            if end_sentence != -1:
                items = [f for f in items if f.start < end_sentence]
            if points is not None and len(items) >= 2:
                result.categories.append(CategoryPoints(match.group(1), _relabel(points, match.group(1)), tuple(items)))


INCOME_LABEL = re.compile(r"(?:^|[，,。；;\s、])(?:本年|全年)?收入(?:合计)?[：:为]?\s*$")
SPENDING_LABEL = re.compile(r"(?:^|[，,。；;\s、])(?:本年|全年)?支出(?:合计)?[：:为]?\s*$")


def _income_and_spending(blocks: list[Block], prose: dict, result: Extraction):
    """The year's income and spending totals as a report states them ("1、收入：792.22万元")."""
    for block in blocks:
        if block.kind != "paragraph":
            continue
        for figure in prose[block.index]:
            if not _is_money(figure) or not figure.exact:
                continue
            before = block.text[max(0, figure.start - 12) : figure.start]
            if result.income_total is None and INCOME_LABEL.search(before):
                result.income_total = figure
            elif result.spending_total is None and SPENDING_LABEL.search(before):
                result.spending_total = figure


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

    table = None
    for key in keys:
        row = rows[key]
        texts = _cells(row)
        joined = "".join(texts)
        figures = [_number_cell(prose[cell.index], cell.text) if cell.text.strip() else None for cell in row]
        numeric = [f for f in figures if f is not None and f.unit in {"万元", "元"}]
        # A new table that opens with a header of its own ("项目名称 | 预算数 | 执行数 | 执行率") is another
        # table, not the standard one continued on the next page (which repeats its header or has none).
        new_table, table = key[0] != table, key[0]
        headed = [t for t in texts if t]
        if (new_table and section is not None and not numeric and len(headed) >= 2
                and header_rows and headed != header_rows[0]):
            close_section()
            section, header_rows, section_rows = None, [], []
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
    return replace(figure, label=label)


# --- score and grade --------------------------------------------------------------

# Only a report's overall score: "自评得分", "综合得分", "总分", or "得分：" opening a paragraph.
# "产出指标得分48分" is a part of it and must not be read as the score.
SCORE_RE = forms.SCORE_PROSE
SCORE_CELL_RE = forms.SCORE_CELL
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

def _header_index(texts: list[str], words: tuple[str, ...]) -> int | None:
    return next((i for i, t in enumerate(texts) if forms.header_word(t) in words), None)


def _indicators(report: ReportText, prose: dict, result: Extraction):
    rows = report.rows()
    active = None
    width = 0
    remarks = 0
    execution_row: tuple | None = None  # (points, score) of a 预算执行率 row
    category = ""
    # Open categories, outermost first: [column, name, points Figure, items]. A category heading a column
    # ("产出指标（50分）") holds the points of the rows under it; a heading further right ("数量指标（10分）")
    # is one of its items and holds its own rows; "年度绩效目标（80分）" over the header row is outermost of all.
    groups: list[list] = []

    def close_groups(column: float):
        while groups and groups[-1][0] >= column:
            _, name, figure, items = groups.pop()
            if items:
                result.categories.append(CategoryPoints(name, figure, tuple(items)))

    def open_group(column: float, cell: Block, name: str):
        close_groups(column)
        figure = next((f for f in prose[cell.index] if f.unit == "分"), None)
        if figure is None:
            return
        figure = _relabel(figure, name)
        if groups:
            groups[-1][3].append(figure)
        groups.append([column, name, figure, []])

    keys = sorted(rows)
    sub_header = None
    for position, key in enumerate(keys):
        cells = rows[key]
        texts = _cells(cells)
        if key == sub_header:
            continue
        target_index = _header_index(texts, forms.TARGET_HEADERS)
        actual_index = _header_index(texts, forms.ACTUAL_HEADERS_INDICATOR)
        if target_index is not None and actual_index is not None and actual_index > target_index:
            close_groups(-math.inf)
            # Where the target's unit and its sign stand in columns of their own (Sichuan, Yunnan:
            # 指标性质 | 指标值 | 度量单位), perhaps in a second header line under "年度指标值".
            layout = texts
            following = _cells(rows[keys[position + 1]]) if position + 1 < len(keys) else []
            if (forms.header_word(texts[target_index]) != "指标值" and "指标值" in following
                    and any(forms.is_unit_header(t) for t in following)):
                layout = following + texts[target_index + 1:]
                sub_header = keys[position + 1]
            unit_index = next((i for i, t in enumerate(layout) if forms.is_unit_header(t)), None)
            nature_index = next((i for i, t in enumerate(layout) if t == "指标性质"), None)
            layout_target = layout.index("指标值") if layout is not texts else target_index
            points_index = _header_index(texts, forms.INDICATOR_POINTS_HEADERS)
            score_index = _header_index(texts, forms.INDICATOR_SCORE_HEADERS)
            level2_index = next((i for i, t in enumerate(texts) if t == "二级指标"), None)
            remarks = 0
            while remarks < len(texts) and forms.is_remark_header(texts[len(texts) - 1 - remarks]):
                remarks += 1
            width = len(texts)
            # Offsets from the right: merged cells on the left shorten rows, the value columns stay put.
            active = (
                layout_target - len(layout),
                actual_index - len(texts),
                None if points_index is None else points_index - len(texts),
                None if score_index is None else score_index - len(texts),
                None if level2_index is None else level2_index - len(layout),
                None if unit_index is None else unit_index - len(layout),
                None if nature_index is None else nature_index - len(layout),
            )
            result.has_indicator_table = True
            heading = forms.CATEGORY_POINTS.match(texts[0]) if texts else None
            if heading and points_index is not None:
                open_group(-math.inf, cells[0], heading.group(1))
            continue
        if active is None:
            continue
        if len([t for t in texts if t]) <= 2 and len(texts) <= 2:
            close_groups(-math.inf)
            active = None
            continue
        first_text = next((t for t in texts if t), "")
        if forms.SCORE_CELL.match(first_text) or first_text.replace(" ", "") in {"合计", "总计"}:
            continue  # the 总分 / 合计 row closes the table; it is not an indicator
        target_at, actual_at, points_at, score_at, level2_at, unit_at, nature_at = active
        if remarks and texts and _number_cell(prose[cells[-1].index], texts[-1]) is not None:
            # The row ends at a number: its empty remark cells were dropped, so the offsets move left by them.
            target_at, actual_at, points_at, score_at, level2_at, unit_at, nature_at = (
                None if at is None or at + remarks >= 0 else at + remarks
                for at in (target_at, actual_at, points_at, score_at, level2_at, unit_at, nature_at)
            )
            if target_at is None or actual_at is None:
                continue
        short = len(texts) < -target_at
        # Where the target column stands in this row: rows line up from the right, a cut-off last row from the left.
        target_column = width + target_at if short else len(texts) + target_at
        if points_at is not None:
            for index, text in enumerate(texts[:target_column]):
                heading = forms.CATEGORY_POINTS.match(text)
                if heading:
                    open_group(index - target_column, cells[index], heading.group(1))
        if short:
            continue
        target_cell, actual_cell = cells[target_at], cells[actual_at]
        if level2_at is not None and len(texts) >= -level2_at:
            category = texts[level2_at] or category
        else:
            named = [text for text in texts[:target_at] if text.endswith(("指标", "效益", "满意度")) and len(text) <= 16]
            category = named[0] if named else category
        points = _cell_number(cells, points_at, prose)
        if groups and points is not None:
            groups[-1][3].append(points)
        score = _cell_number(cells, score_at, prose)
        if points is not None and score is not None and any(
                forms.is_execution_indicator(text) for text in texts[:target_column]):
            execution_row = (points, score)
        if not target_cell.text.strip():
            if score is not None:
                result.untargeted_scores.append(score)  # "可行性 | 2 | （空） | 实际工作需求 | 2": scored all the same
            continue
        # "≥ | 95 | %" in three columns is the target "≥95%".
        sign = texts[nature_at] if nature_at is not None and len(texts) >= -nature_at else ""
        unit = texts[unit_at] if unit_at is not None and len(texts) >= -unit_at else ""
        written = (sign if sign in forms.TARGET_SIGNS else "") + target_cell.text + unit
        result.indicators.append(
            IndicatorRow(
                category,
                TextRef(target_cell.index, 0, len(target_cell.text), target_cell.text, target_cell.position),
                TextRef(actual_cell.index, 0, len(actual_cell.text), actual_cell.text, actual_cell.position),
                _numbers_without_indices(written),
                _numbers_without_indices(actual_cell.text),
                points,
                score,
            )
        )
    close_groups(-math.inf)
    if execution_row is not None:
        result.execution_points = _relabel(execution_row[0], "执行率分值")
        result.execution_score = _relabel(execution_row[1], "执行率得分")
        result.execution_in_indicators = True


TOTAL_HEADERS = {"合计", "总计", "小计", "合 计"}


def _total_columns(report: ReportText, prose: dict, result: Extraction):
    """A header row of column names in which "合计" is followed by its items ("合计 | 因公出国（境）费 |
    公务用车购置及运行费 | 公务接待费", perhaps twice, one group per year), over a row of numbers as wide:
    each 合计 cell is the sum of the cells to its right up to the next 合计."""
    rows = report.rows()
    keys = sorted(rows)
    seen = {(claim.total.block, claim.total.start) for claim in result.sums}
    for header_key, values_key in zip(keys, keys[1:], strict=False):
        header, values = _cells(rows[header_key]), rows[values_key]
        if header_key[0] != values_key[0] or len(header) != len(values) or not any(t in TOTAL_HEADERS for t in header):
            continue
        if any("其中" in t for t in header):
            continue  # "其中" columns are a selection, not the whole
        figures = [_number_cell(prose[cell.index], cell.text) for cell in values]
        last = values[-1]
        if figures[-1] is None and "\n" in last.text and prose[last.index]:
            # A text copy without a blank line after the table runs the next paragraphs into the last cell.
            first_line = last.text.split("\n", 1)[0]
            leading = prose[last.index][0]
            figures[-1] = leading if leading.quantity is not None and leading.quantity.text.strip() == first_line.strip() else None
        if any(figure is None for figure in figures):
            continue
        starts = [i for i, t in enumerate(header) if t in TOTAL_HEADERS] + [len(header)]
        for start, end in zip(starts, starts[1:], strict=False):
            total, parts = figures[start], figures[start + 1 : end]
            if len(parts) < 2 or (total.block, total.start) in seen:
                continue
            parts = [_relabel(part, header[start + 1 + k]) for k, part in enumerate(parts)]
            result.sums.append(SumClaim(f"{header[start]}（{values[start].position}）", _relabel(total, header[start]),
                                        tuple(parts)))


def _scheme_rows(report: ReportText, prose: dict, result: Extraction):
    """Tables with a points column: each row's "记4分" against its points, the 合计 row against the column."""
    rows = report.rows()
    column = None
    points: list[Figure] = []
    for key in sorted(rows):
        cells = rows[key]
        texts = _cells(cells)
        found = next((i for i, t in enumerate(texts) if t in forms.SCHEME_POINTS_HEADERS), None)
        if found is not None and not any(_number_cell(prose[c.index], c.text) for c in cells):
            # A self-evaluation table (with 得分 or target columns) is not a scheme: its 合计 spans sections.
            evaluated = any("得分" in t or forms.header_word(t) in forms.TARGET_HEADERS for t in texts)
            column, points = (None if evaluated else found - len(texts)), []
            continue
        if column is None or len(cells) < -column:
            continue
        figure = _number_cell(prose[cells[column].index], cells[column].text)
        if figure is None:
            continue
        if texts[0] in {"合计", "总计", "合 计"}:
            if len(points) >= 2:
                result.categories.append(CategoryPoints("合计", _relabel(figure, "合计"), tuple(points)))
            column = None
            continue
        figure = _relabel(figure, f"第{len(points) + 1}项分值")
        points.append(figure)
        for cell in cells:
            if cell is cells[column]:
                continue
            written = list(forms.TEXT_POINTS.finditer(cell.text))
            if len(written) != 1:
                continue
            value = next((f for f in prose[cell.index] if f.start <= written[0].start(1) < f.end), None)
            if value is not None:
                result.text_points.append(TextPoints(cell.text[:20], figure, _relabel(value, "评分标准")))


def _cell_number(cells: list[Block], at: int | None, prose: dict) -> Figure | None:
    if at is None or len(cells) < -at:
        return None
    cell = cells[at]
    return _number_cell(prose[cell.index], cell.text) if cell.text.strip() else None


def _funding_table(report: ReportText, prose: dict, result: Extraction):
    """The self-evaluation form's money rows, under any province's header words (see forms.py):
    budget | actual | rate | points | score, e.g. 年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
    rows = report.rows()
    header = None
    for key in sorted(rows):
        cells = rows[key]
        texts = _cells(cells)
        budget_cols = [i for i, t in enumerate(texts) if forms.is_budget_header(t)]
        actual_cols = [i for i, t in enumerate(texts) if forms.is_actual_header(t)]
        if budget_cols and actual_cols and not any(_number_cell(prose[c.index], c.text) for c in cells):
            if header is not None:
                _close_funding(header, result)
            if forms.is_budget_header(texts[0]) or forms.is_actual_header(texts[0]):
                # The header line starts with a value column ("年初预算数 | 全年预算数 | …", the label column's
                # words stood on the line above): the rows' label cell comes first, so columns move one right.
                texts, cells = ["", *texts], [None, *cells]
                budget_cols = [i + 1 for i in budget_cols]
                actual_cols = [i + 1 for i in actual_cols]
            preferred = [i for i in budget_cols if any(w in texts[i] for w in forms.PREFERRED_BUDGET)]
            written = next((m for m in (forms.POINTS_IN_HEADER.search(t) for t in texts) if m), None)
            values = [i for i, t in enumerate(texts) if i > 0 and re.search(r"预算|执行|分值|权重|得分", t)
                      and not re.search(r"[（(]万?元[）)]|情况", t)]
            header = {
                "width": len(texts),
                "first_value": values[0] if values else 1,
                "budget": (preferred or budget_cols)[-1],
                "actual": actual_cols[0],
                "rate": next((i for i, t in enumerate(texts) if forms.is_rate_header(t)), None),
                "points": next((i for i, t in enumerate(texts) if forms.is_points_header(t)), None),
                "score": next((i for i, t in enumerate(texts) if forms.is_score_header(t)), None),
                "written_points": None if written is None else (written, cells[next(i for i, t in enumerate(texts) if forms.POINTS_IN_HEADER.search(t))]),
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
        # Align on the first value: a merged label ("预算执行情况 | 年度预算数(万元)") may take one or two cells.
        first = next(i for i, figure in enumerate(figures) if figure is not None)
        # Rows as wide as the header line up cell for cell (a value may be blank); narrower or wider rows
        # line up on their first value.
        shift = 0 if len(cells) == header["width"] else first - header["first_value"]
        label_text = next((t for t in reversed(texts[:first]) if t), "")

        def at(column, figures=figures, shift=shift):
            if column is None:
                return None
            index = column + shift
            return figures[index] if 0 <= index < len(figures) else None

        budget, actual = at(header["budget"]), at(header["actual"])
        if budget is None or actual is None:
            continue
        label = label_text.rstrip("：:")
        budget, actual = _relabel(budget, f"{label}·全年预算数"), _relabel(actual, f"{label}·全年执行数")
        rate = at(header["rate"])
        header["lines"].append((label, budget, actual, rate, at(header["points"]), at(header["score"])))
    if header is not None:
        _close_funding(header, result)


def _as_percent(figure: Figure | None) -> Figure | None:
    """A rate column written without % ("99.97", "96.85") is a percentage all the same."""
    if figure is None or figure.unit == "%":
        return figure
    bare = figure.quantity is not None and figure.quantity.unit == ""
    if (figure.unit == "" or bare) and D(0) <= figure.value <= D(200):
        return replace(figure, unit="%")
    return None


def _close_funding(header: dict, result: Extraction):
    lines = header["lines"]
    if not lines:
        return
    label, budget, actual, rate, points, score = lines[0]
    subs = [line for line in lines[1:] if line[0].startswith("其中") or "资金" in line[0] or "拨款" in line[0]]
    if len(subs) >= 2 or (subs and budget.value == 0 and subs[0][1].value > 0):
        result.sums.append(SumClaim(f"{label}全年预算数", budget, tuple(line[1] for line in subs)))
        result.sums.append(SumClaim(f"{label}全年执行数", actual, tuple(line[2] for line in subs)))
    reading = ""
    if budget.value == 0 and subs and subs[0][1].value > 0:
        # The total line is left at 0: the sub-line carries the money (named as the reading used).
        sub = subs[0]
        reading = f"按“{sub[0]}”一行计算"
        budget, actual = sub[1], sub[2]
        rate = rate if rate is not None and rate.value != 0 else sub[3]
        points = points if points is not None else sub[4]
        score = score if score is not None else sub[5]
    if rate is None:
        rate = next((line[3] for line in subs if line[3] is not None), None)
    if points is None:
        points = next((line[4] for line in subs if line[4] is not None), None)
        score = score if score is not None else next((line[5] for line in subs if line[5] is not None), None)
    rate = _as_percent(rate)
    rate = _relabel(rate, f"{label}·执行率") if rate is not None else None
    result.budget_lines.insert(0, BudgetLine(label, budget, actual, rate if budget.value != 0 else None))
    result.execution_reading = reading
    if rate is not None and budget.value != 0:
        result.rates.append(RateClaim(f"{label}执行率", rate, actual, budget))
    if points is None and header.get("written_points") is not None:
        _, cell = header["written_points"]
        match = forms.POINTS_IN_HEADER.search(cell.text)
        if match is not None:
            points = Figure(cell.index, match.start(1), match.end(1), D(match.group(1)), "分", "执行率分值",
                            cell.text, cell.position)
    if points is not None and score is not None:
        result.execution_points = _relabel(points, "执行率分值")
        result.execution_score = _relabel(score, "执行率得分")
        result.execution_in_indicators = False


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
