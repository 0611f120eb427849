"""The analysis paragraphs of the reports, written from the figures, and the check of edited text.

`analysis_paragraphs(sheet, ...)` writes 部门整体支出情况分析, 三公经费支出情况分析
and 固定资产管理情况分析 from the same Sheet the tables print, so their numbers
agree by construction. A user may edit the text before export; then
`stale_figures(text, facts)` reads each 万元 amount and percentage of the text,
works out from the words just before it which figure it names ("基本支出359.39万元",
"占总支出的36%"), and flags those that no longer match the data. A figure
the words do not name is left alone rather than guessed.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.accounts import derived
from jixiao.accounts.derived import FACT_LINES
from jixiao.accounts.lines import name_of, words_for
from jixiao.accounts.sheet import Sheet
from jixiao.checks.registry import Place, Result
from jixiao.checks.rules.documents import STALE_FIGURE as RULE
from jixiao.healthcheck.numbers import read_numbers
from jixiao.money import fmt_amount, fmt_percent

STALE_FIGURE = RULE.code

# What each fact is called in messages: a line by its name in the one vocabulary, a derived figure by its wording here.
DERIVED_LABELS = {
    "share_basic": "基本支出占总支出的比例",
    "share_project": "项目支出占总支出的比例",
    "share_personnel": "人员支出占基本支出的比例",
    "share_office": "公用支出占基本支出的比例",
    "execution_overall": "整体预算执行率",
    "sangong_saving_budget": "三公经费比预算节约",
    "sangong_saving_last_year": "三公经费比上年节约",
    "sangong_control_rate": "三公经费控制率",
}
LABELS = {**{code: name_of(code) for code in FACT_LINES}, **DERIVED_LABELS}


def facts_of(sheet: Sheet) -> dict[str, Decimal | None]:
    """The figures the analysis text may name, by code, as accounts/derived gives them (amounts in 万元, rates in %)."""
    return derived.facts(sheet)


# ---------------------------------------------------------------- generated text

def _amount(value: Decimal) -> str:
    return f"{fmt_amount(value)}万元"


def spending_paragraph(facts: dict, fiscal_year: int, unit_name: str) -> str:
    """部门整体支出情况分析, e.g. "2017年岳阳市科协整体支出1003.30万元，其中：基本支出359.39万元，占总支出的35.82%…"."""
    total = facts.get("exp_total")
    if total is None:
        return ""
    clauses = []
    basic, project = facts.get("exp_basic"), facts.get("exp_project")
    if basic is not None:
        clause = f"基本支出{_amount(basic)}"
        if facts.get("share_basic") is not None:
            clause += f"，占总支出的{fmt_percent(facts['share_basic'])}"
        inner = []
        for code, name, share in (("exp_personnel", "人员支出", "share_personnel"), ("exp_office", "公用支出", "share_office")):
            if facts.get(code) is not None:
                part = f"{name}{_amount(facts[code])}"
                if facts.get(share) is not None:
                    part += f"，占基本支出的{fmt_percent(facts[share])}"
                inner.append(part)
        if inner:
            clause += "（" + "；".join(inner) + "）"
        clauses.append(clause)
    if project is not None:
        clause = f"项目支出{_amount(project)}"
        if facts.get("share_project") is not None:
            clause += f"，占总支出的{fmt_percent(facts['share_project'])}"
        clauses.append(clause)
    text = f"{fiscal_year}年{unit_name}整体支出{_amount(total)}"
    if clauses:
        text += "，其中：" + "，".join(clauses)
    text += "。"
    income = facts.get("income_total")
    if income is not None:
        text += f"全年收入合计{_amount(income)}"
        parts = [
            f"{name}{_amount(facts[code])}"
            for code, name in (("income_carry_over", "上年结转"), ("income_fiscal", "财政拨款"))
            if facts.get(code) is not None
        ]
        if parts:
            text += "，其中" + "，".join(parts)
        text += "。"
        # A new sentence: a reader (and the health check) takes a "其中" list to run to the full stop.
        closing = []
        if facts.get("execution_overall") is not None:
            closing.append(f"整体预算执行率{fmt_percent(facts['execution_overall'])}")
        if facts.get("balance_current") is not None:
            closing.append(f"当年结余{_amount(facts['balance_current'])}")
        if closing:
            text += "，".join(closing) + "。"
    return text


def sangong_paragraph(facts: dict, fiscal_year: int, unit_name: str) -> str:
    actual, budget, last_year = facts.get("sangong_actual"), facts.get("sangong_budget"), facts.get("sangong_last_year")
    if actual is None and budget is None:
        return ""
    text = f"{fiscal_year}年{unit_name}“三公经费”"
    parts = []
    if budget is not None:
        parts.append(f"预算{_amount(budget)}")
    if actual is not None:
        parts.append(f"实际开支{_amount(actual)}")
    text += "，".join(parts)
    if budget is not None and actual is not None:
        saving = facts.get("sangong_saving_budget")
        text += f"，节约预算{_amount(saving)}" if saving >= 0 else f"，超出预算{_amount(-saving)}"
        if facts.get("sangong_control_rate") is not None:
            text += f"，三公经费控制率{fmt_percent(facts['sangong_control_rate'])}"
    if last_year is not None and actual is not None:
        change = facts.get("sangong_saving_last_year")
        text += f"；比上年{_amount(last_year)}" + (f"节约{_amount(change)}" if change >= 0 else f"增加{_amount(-change)}")
    return text + "。"


def fixed_assets_paragraph(facts: dict, fiscal_year: int, unit_name: str) -> str:
    total = facts.get("fa_total")
    if total is None:
        return ""
    text = f"至{fiscal_year}年末{unit_name}固定资产{_amount(total)}"
    if facts.get("fa_in_use") is not None:
        text += f"，其中在用固定资产{_amount(facts['fa_in_use'])}"
    added = facts.get("fa_added")
    if added is not None:
        text += f"。本年新增固定资产{_amount(added)}"
        parts = [
            f"{name}{_amount(facts[code])}"
            for code, name in (("fa_purchased", "购置"), ("fa_transferred_in", "无偿划入"))
            if facts.get(code) is not None
        ]
        if parts:
            text += "（" + "，".join(parts) + "）"
    return text + "。"


@dataclass(frozen=True)
class Paragraph:
    heading: str
    text: str


def analysis_paragraphs(sheet: Sheet, fiscal_year: int, unit_name: str) -> list[Paragraph]:
    """The paragraphs the figures support; a paragraph without its figures is left out, not apologised for."""
    facts = facts_of(sheet)
    paragraphs = [
        Paragraph("部门整体支出情况分析", spending_paragraph(facts, fiscal_year, unit_name)),
        Paragraph("三公经费支出情况分析", sangong_paragraph(facts, fiscal_year, unit_name)),
        Paragraph("固定资产管理情况分析", fixed_assets_paragraph(facts, fiscal_year, unit_name)),
    ]
    return [paragraph for paragraph in paragraphs if paragraph.text]


def generated_analysis(sheet: Sheet, fiscal_year: int, unit_name: str) -> str:
    """The analysis as one editable text: numbered paragraphs, as 003 writes them."""
    return "\n".join(
        f"{number}、{paragraph.heading}：{paragraph.text}"
        for number, paragraph in enumerate(analysis_paragraphs(sheet, fiscal_year, unit_name), start=1)
    )


# ---------------------------------------------------------------- checking edited text

# Words naming an amount, tried on the text between the previous figure (or the clause
# start) and the amount; the match ending nearest the amount wins, the longer on a tie.
AMOUNT_WORDS = [(words_for(code), code) for code in (
    "exp_total", "exp_basic", "exp_personnel", "exp_office", "exp_project", "income_total", "income_carry_over",
    "income_fiscal", "balance_current", "fa_total", "fa_in_use", "fa_added", "fa_purchased", "fa_transferred_in",
)]
# In a sentence about 三公经费 the same words name its figures instead.
SANGONG_AMOUNT_WORDS = [
    (r"预算", "sangong_budget"),
    (r"实际开支|实际支出|决算支出|开支|支出|三公经费”?", "sangong_actual"),
    (r"节约预算|比预算节约", "sangong_saving_budget"),
    (r"比上年|比\d{4}年|上年", "sangong_last_year"),
    (r"节约", "sangong_saving"),
]
PERCENT_WORDS = [
    (r"占(?:总支出|支出合计|全部支出|整体支出)", "share_of_total"),
    (r"占基本支出", "share_of_basic"),
    (r"整体预算执行率|预算完成率", "execution_overall"),
]
SANGONG_PERCENT_WORDS = [(r"控制率", "sangong_control_rate")]
SHARES = {
    ("share_of_total", "exp_basic"): "share_basic",
    ("share_of_total", "exp_project"): "share_project",
    ("share_of_basic", "exp_personnel"): "share_personnel",
    ("share_of_basic", "exp_office"): "share_office",
}
SENTENCE_END = re.compile(r"[。\n]")
CLAUSE_END = re.compile(r"[，,。；;：:（）()\n]")


def _named(span: str, words) -> str | None:
    best = None
    for pattern, code in words:
        for match in re.finditer(pattern, span):
            rank = (match.end(), match.end() - match.start())
            if best is None or rank > best[0]:
                best = (rank, code)
    return best[1] if best else None


def _rounded(value: Decimal, like: Decimal) -> Decimal:
    """The data's value at the precision the text wrote (36% against 35.82%)."""
    exponent = min(like.as_tuple().exponent, 0)
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def _sentence_start(text: str, position: int) -> int:
    starts = [match.end() for match in SENTENCE_END.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def _clause_start(text: str, position: int) -> int:
    starts = [match.end() for match in CLAUSE_END.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def named_figures(text: str) -> list[tuple[str, object]]:
    """(fact code, Quantity) for each 万元 amount and percentage whose words name a known figure."""
    found = []
    subject = None  # the last amount named, which "占总支出的36%" is a share of
    previous_end = 0
    sentence_seen_last_year = False
    current_sentence = -1
    for quantity in read_numbers(text):
        money, share = quantity.unit == "万元", quantity.unit == "%"
        sentence = _sentence_start(text, quantity.start)
        if sentence != current_sentence:
            current_sentence, sentence_seen_last_year, subject = sentence, False, None
        if not (money or share):
            continue
        start = max(_clause_start(text, quantity.start), previous_end, sentence)
        span = text[start:quantity.start]
        previous_end = quantity.end
        if quantity.approximate:
            subject = None
            continue
        sangong = "三公" in text[sentence:quantity.start]
        if money:
            code = _named(span, SANGONG_AMOUNT_WORDS) if sangong else _named(span, AMOUNT_WORDS)
            if code == "sangong_last_year":
                sentence_seen_last_year = True
            if code == "sangong_saving":
                code = "sangong_saving_last_year" if sentence_seen_last_year else "sangong_saving_budget"
            subject = code
        else:
            code = _named(span, SANGONG_PERCENT_WORDS if sangong else PERCENT_WORDS)
            if code in ("share_of_total", "share_of_basic"):
                code = SHARES.get((code, subject))
        if code is not None:
            found.append((code, quantity))
    return found


def stale_figures(text: str, facts: dict, place_label: str, ref: str = "") -> list[Result]:
    """Findings for figures in `text` that no longer match `facts` (see facts_of)."""
    results = []
    for code, quantity in named_figures(text or ""):
        actual = facts.get(code)
        if actual is None:
            continue
        written = quantity.value
        if _rounded(actual, written) == written:
            continue
        unit = quantity.unit
        now = fmt_percent(actual) if unit == "%" else _amount(actual)
        quote = text[max(0, quantity.start - 12):quantity.end]
        results.append(RULE.found(
            f"{place_label}中“{quote.strip()}”的 {quantity.text.strip()} 与数据不符：{LABELS[code]}现为 {now}",
            (Place(place_label, ref, quote.strip()),),
            f"stale:{ref}:{code}:{quantity.start}",
            {"code": code, "stated": str(written), "actual": str(actual), "unit": unit},
        ))
    return results
