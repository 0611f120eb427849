"""Report health check (报告体检): the one entry point.

    check_report(filename: str, data: bytes) -> ReportCheck
        Raises only jixiao.healthcheck.reading.ReportUnreadable (attribute
        `.message`, Chinese, for the user) when the file is refused.

    ReportCheck
        filename, format ("txt" | "docx" | "pdf"), notes: list[str] (e.g. pages skipped)
        blocks: list[Block]          Block(index, kind "paragraph"|"cell", text, position, table, row, column, page)
        extraction: Extraction       unit, year, kind, kind_label, amounts/percentages/counts (Figure),
                                     score (Figure), grade (TextRef), execution -> (rate, figures) | None,
                                     budget_lines, indicators, has_indicator_table, plans, scheme, sums, rates, balances,
                                     table_figures: list[TableFigure(section, row, column, figure)] — the standard
                                     income/expenditure/三公/fixed-asset tables by row and column, for an accounts draft
        findings: list[ReportFinding] sorted error → warning → hint, then by place in the text
        facts: list[str]             one-line Chinese summaries (unit, execution rate, score, scheme points)
        counts -> {"error": n, "warning": n, "hint": n}; has_errors; at_least(severity); as_dict(min_severity)
        summary() -> one row for a table across reports: filename, unit, year, kind, kind_label,
                     execution_rate, score, grade (Decimal/str/None), errors, warnings, hints
        findings_in_block(index) -> the findings that mark something in blocks[index]

    ReportFinding
        code, severity ("error"|"warning"|"hint"), severity_label, title, message, fix,
        places: tuple[Place(label, ref, quote)]  (ref is "block:start-end"), marks: tuple[Mark(block, start, end)]
        A mark is a character span inside blocks[block].text: highlight text[start:end].
        `result` is the underlying jixiao.checks.registry.Result (its `data` holds stated/computed values).

    Limits (jixiao.healthcheck.reading): MAX_BYTES 20 MB, MAX_UNCOMPRESSED 100 MB, MAX_XML_PART 30 MB,
    MAX_PDF_PAGES 100 (and MAX_PDF_PAGE_BYTES per page, never a clock), MAX_TEXT_CHARS 1,000,000; check_size(name, size) refuses
    by size before a file is read.

    check_blocks(report_text: ReportText) -> ReportCheck   the same on already-read text.
"""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.checks.registry import SEVERITY_ORDER, Place, Result, Severity
from jixiao.healthcheck.extraction import Extraction, extract
from jixiao.healthcheck.findings import fmt_percent1, report_findings
from jixiao.healthcheck.reading import Block, ReportText, ReportUnreadable, read_report
from jixiao.scoring.queries import SchemeBook
from jixiao.scoring.schemes import ScoringScheme

logger = logging.getLogger(__name__)

__all__ = ["Mark", "ReportCheck", "ReportFinding", "ReportUnreadable", "check_blocks", "check_report"]


@dataclass(frozen=True)
class Mark:
    block: int
    start: int
    end: int


def _mark(place: Place) -> Mark | None:
    try:
        block, span = place.ref.split(":", 1)
        start, end = span.split("-", 1)
        return Mark(int(block), int(start), int(end))
    except (ValueError, AttributeError):
        return None


@dataclass(frozen=True)
class ReportFinding:
    result: Result
    marks: tuple[Mark, ...]

    @property
    def code(self) -> str:
        return self.result.code

    @property
    def severity(self) -> str:
        return str(self.result.severity)

    @property
    def severity_label(self) -> str:
        return Severity(self.result.severity).label

    @property
    def title(self) -> str:
        return self.result.title

    @property
    def message(self) -> str:
        return self.result.message

    @property
    def fix(self) -> str:
        from jixiao.checks.registry import RULES

        rule = RULES.get(self.code)
        return self.result.fix or (rule.fix if rule else "")

    @property
    def places(self) -> tuple[Place, ...]:
        return self.result.places

    @property
    def first_block(self) -> int:
        return min((mark.block for mark in self.marks), default=-1)

    def as_dict(self) -> dict:
        data = self.result.as_dict()
        data["severity"] = self.severity
        data["fix"] = self.fix
        data["marks"] = [{"block": m.block, "start": m.start, "end": m.end} for m in self.marks]
        return data


@dataclass
class ReportCheck:
    filename: str
    format: str
    blocks: list[Block]
    extraction: Extraction
    findings: list[ReportFinding]
    notes: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        counts = {"error": 0, "warning": 0, "hint": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(finding.severity == Severity.ERROR for finding in self.findings)

    def at_least(self, severity: str) -> list[ReportFinding]:
        floor = SEVERITY_ORDER[Severity(severity)]
        return [f for f in self.findings if SEVERITY_ORDER[Severity(f.severity)] >= floor]

    def findings_in_block(self, index: int) -> list[ReportFinding]:
        return [f for f in self.findings if any(mark.block == index for mark in f.marks)]

    def summary(self) -> dict:
        """One row of a table across many reports."""
        extraction = self.extraction
        execution = extraction.execution
        return {
            "filename": self.filename,
            "unit": extraction.unit,
            "year": extraction.year,
            "kind": extraction.kind,
            "kind_label": extraction.kind_label,
            "execution_rate": None if execution is None else execution[0].quantize(Decimal("0.01")),
            "score": None if extraction.score is None else extraction.score.value,
            "grade": None if extraction.grade is None else extraction.grade.text,
            "errors": self.counts["error"],
            "warnings": self.counts["warning"],
            "hints": self.counts["hint"],
        }

    def as_dict(self, min_severity: str = "hint") -> dict:
        summary = self.summary()
        return {
            "summary": {key: (str(value) if isinstance(value, Decimal) else value) for key, value in summary.items()},
            "filename": self.filename,
            "format": self.format,
            "notes": self.notes,
            "facts": self.facts,
            "counts": self.counts,
            "extraction": self.extraction.as_dict(),
            "findings": [finding.as_dict() for finding in self.at_least(min_severity)],
            "blocks": [block.as_dict() for block in self.blocks],
        }


def scheme_book() -> SchemeBook:
    """The published scoring schemes a report may follow, read from the database."""
    return SchemeBook.load()


def form_scheme(extraction: Extraction, book: SchemeBook) -> tuple[ScoringScheme, str]:
    """(scheme, how messages name its weights): the scheme the report's form shows by the points its headers print."""
    printed = {c.name: c.points.value for c in extraction.categories if c.name != "合计"}
    execution = extraction.execution_points.value if extraction.execution_points is not None else None
    scheme = book.recognise(execution, printed)
    return scheme, "财政部权重" if scheme is book.default else f"评分方案“{scheme.name}”的权重"


def check_report(filename: str, data: bytes, book: SchemeBook | None = None) -> ReportCheck:
    """Read, extract and check one report file. Raises only ReportUnreadable."""
    return check_blocks(read_report(filename, data), book)


def check_blocks(report: ReportText, book: SchemeBook | None = None) -> ReportCheck:
    """Check read text under the scheme its form shows, recognised among `book` (the database's when None)."""
    book = book or scheme_book()
    try:
        extraction = extract(report)
        scheme, weights = form_scheme(extraction, book)
        results = report_findings(extraction, scheme, weights)
    except Exception as error:  # a report we cannot analyse must not become a crash page; the fuzz tests hunt these
        logger.exception("health check failed on %s", report.filename)
        raise ReportUnreadable(f"“{report.filename}”已读取，但分析时出现内部错误（已记录），请联系管理员。") from error
    findings = [
        ReportFinding(result, tuple(mark for mark in (_mark(place) for place in result.places) if mark is not None))
        for result in results
    ]
    findings.sort(key=lambda f: (-SEVERITY_ORDER[Severity(f.severity)], f.first_block, f.code))
    return ReportCheck(report.filename, report.format, report.blocks, extraction, findings, list(report.notes), _facts(extraction))


def _facts(extraction: Extraction) -> list[str]:
    facts = [
        f"单位：{extraction.unit or '未识别'}；年度：{extraction.year or '未识别'}；文件类型：{extraction.kind_label}",
        f"识别出金额 {len(extraction.amounts)} 处、百分比 {len(extraction.percentages)} 处、数量 {len(extraction.counts)} 处",
    ]
    execution = extraction.execution
    if execution is not None:
        rate, _ = execution
        if extraction.budget_lines and extraction.budget_lines[0].stated_rate is None:
            facts.append(
                f"总体预算执行率 {fmt_percent1(rate)}（实际支出 {extraction.actual_total:.2f} ÷ 预算 "
                f"{extraction.budget_total:.2f}{(' ' + extraction.money_unit) if extraction.money_unit else ''}，"
                f"共 {len(extraction.budget_lines)} 项）"
            )
        else:
            facts.append(f"总体预算执行率 {rate}%（报告所列）")
    if extraction.score is not None:
        grade = f"，等次“{extraction.grade.text}”" if extraction.grade is not None else ""
        facts.append(f"自评得分 {extraction.score.value} 分{grade}")
    if extraction.kind != "assessment_scheme":
        facts.append(
            f"绩效指标表：{'有，' + str(len(extraction.indicators)) + ' 行' if extraction.has_indicator_table else '无'}"
        )
    if extraction.plans:
        facts.append(f"计划与实际对照：{len(extraction.plans)} 项计划产出")
    scheme = extraction.scheme
    if scheme is not None:
        base = [c for c in scheme.categories if not c.bonus]
        bonus = [c for c in scheme.categories if c.bonus]
        items = sum(len(c.items) for c in base)
        facts.append(
            f"考核类别 {len(base)} 类 {items} 项：{'+'.join(str(c.points.value) for c in base)} = {scheme.base_points} 分"
        )
        if scheme.weights:
            weights = "，".join(f"{w.label} {w.value}%" for w in scheme.weights)
            facts.append(f"评委权重：{weights}（合计 {sum(w.value for w in scheme.weights)}%）")
        if bonus:
            bonus_items = [item for c in bonus for item in c.items]
            facts.append(
                f"加分项目 {len(bonus_items)} 项：{'+'.join(str(i.value) for i in bonus_items)} = "
                f"{sum(i.value for i in bonus_items)} 分"
            )
    return facts
