"""Measuring the health check on a labelled corpus: `jixiao check --evaluate CORPUS_DIR`.

A corpus directory holds
  documents/*.txt  public reports as published (or faithfully transcribed);
  labels.json      per document what a careful reviewer finds: rule family, severity
                   and the words it points at — from the reviewer's own arithmetic;
  mutants/*.txt    copies with one injected error each, and mutants.json naming the
                   rule family that should find it (scripts/make_health_mutants.py).

On the documents, a finding of the tool is right when a label of the same rule
family points at words the finding quotes or names. Errors and warnings are
measured; hints are listed but not counted. A false error is an error finding
that no error label supports (a warning-worthy matter called an error is false
too: an error is only for figures that cannot be reconciled in any reading).
On the mutants, an injected error is found when the copy gets an error or
warning of the expected family that the original document did not get.
"""

import json
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from jixiao.healthcheck.domain import ReportCheck, ReportFinding, check_report

# Rule codes grouped into the families the labels speak of.
FAMILIES = {
    "sum": {"sum.parts", "sum.rounding", "report.parts_short", "sum.reading"},
    "rate": {"rate.mismatch", "rate.reading", "rate.unit_mismatch", "report.rate_unsupported", "rate.over_100"},
    "growth": {"growth.rate", "growth.reading"},
    "count": {"count.list", "count.parts", "count.parts_short"},
    "execution": {"score.execution", "report.score_above_execution"},
    "grade": {"grade.band", "grade.low_execution"},
    "scheme": {"points.items_sum", "points.categories_sum", "points.weights_sum", "scheme.text_points", "scheme.category_points"},
    "score": {"report.score_sum", "score.sum_reading", "score.without_indicators"},
    "balance": {"balance.mismatch", "balance.rounding", "balance.spending_above_income"},
    "spending": {"report.spending_missing", "budget.exceeded"},
    "targets": {"target.vague", "target.no_unit", "report.plan_unmatched", "target.not_met"},
    "sections": {"report.section_missing"},
}
FAMILY_NAMES = {
    "sum": "合计与分项", "rate": "比率与占比", "growth": "增长率", "count": "个数与名单", "execution": "执行率得分",
    "grade": "等次", "scheme": "考核分值", "score": "总分", "balance": "收支结余", "spending": "预算与支出",
    "targets": "绩效目标", "sections": "文件结构",
}
MEASURED = ("error", "warning")


def family_of(code: str) -> str:
    for family, codes in FAMILIES.items():
        if code in codes:
            return family
    return code


@dataclass
class Tally:
    labelled: int = 0
    found: int = 0
    right: int = 0  # findings a label supports
    recalled: int = 0  # labels a finding covers
    injected: int = 0
    detected: int = 0

    def precision(self) -> Decimal | None:
        return _ratio(self.right, self.found)

    def recall(self) -> Decimal | None:
        return _ratio(self.recalled, self.labelled)

    def mutant_recall(self) -> Decimal | None:
        return _ratio(self.detected, self.injected)


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Evaluation:
    documents: int = 0
    consistent: int = 0  # documents labelled without an error
    mutants: int = 0
    families: dict = field(default_factory=dict)
    false_errors: list = field(default_factory=list)  # (document, finding message)
    false_warnings: list = field(default_factory=list)
    missed_labels: list = field(default_factory=list)  # (document, label)
    missed_mutants: list = field(default_factory=list)  # (mutant, description)
    hints: int = 0
    warnings_found: int = 0
    warnings_right: int = 0
    errors_found: int = 0
    errors_right: int = 0
    seconds: float = 0.0
    slowest: tuple = ("", 0.0)

    def tally(self, family: str) -> Tally:
        return self.families.setdefault(family, Tally())

    @property
    def false_errors_on_consistent(self) -> list:
        return [item for item in self.false_errors if item[2]]

    @property
    def mutant_recall(self) -> Decimal | None:
        return _ratio(sum(t.detected for t in self.families.values()), sum(t.injected for t in self.families.values()))

    @property
    def warning_precision(self) -> Decimal | None:
        return _ratio(self.warnings_right, self.warnings_found)

    @property
    def error_precision(self) -> Decimal | None:
        return _ratio(self.errors_right, self.errors_found)

    @property
    def precision(self) -> Decimal | None:
        return _ratio(sum(t.right for t in self.families.values()), sum(t.found for t in self.families.values()))

    @property
    def recall(self) -> Decimal | None:
        return _ratio(sum(t.recalled for t in self.families.values()), sum(t.labelled for t in self.families.values()))

    def meets_targets(self) -> bool:
        recall = self.mutant_recall
        precision = self.warning_precision
        return (
            not self.false_errors_on_consistent
            and recall is not None and recall >= 90
            and (precision is None or precision >= 80)
        )

    def as_dict(self) -> dict:
        def number(value):
            return None if value is None else str(value)

        return {
            "documents": self.documents,
            "consistent_documents": self.consistent,
            "mutants": self.mutants,
            "precision": number(self.precision),
            "recall": number(self.recall),
            "warning_precision": number(self.warning_precision),
            "error_precision": number(self.error_precision),
            "mutant_recall": number(self.mutant_recall),
            "false_errors": [{"document": d, "finding": m, "consistent": c} for d, m, c in self.false_errors],
            "false_warnings": [{"document": d, "finding": m} for d, m in self.false_warnings],
            "missed_labels": [{"document": d, "label": label} for d, label in self.missed_labels],
            "missed_mutants": [{"mutant": m, "description": d} for m, d in self.missed_mutants],
            "families": {
                family: {
                    "labelled": t.labelled, "found": t.found, "right": t.right, "recalled": t.recalled,
                    "precision": number(t.precision()), "recall": number(t.recall()),
                    "injected": t.injected, "detected": t.detected, "mutant_recall": number(t.mutant_recall()),
                }
                for family, t in sorted(self.families.items())
            },
            "seconds": round(self.seconds, 2),
            "slowest": {"document": self.slowest[0], "seconds": round(self.slowest[1], 3)},
        }


def _words(finding: ReportFinding) -> str:
    parts = [finding.message]
    for place in finding.places:
        parts += [place.label, place.quote]
    return " ".join(parts).replace(" ", "")


def _supports(label: dict, finding: ReportFinding) -> bool:
    if family_of(label["rule"]) != family_of(finding.code):
        return False
    at = (label.get("at") or "").replace(" ", "")
    return not at or at in _words(finding)


def _check(path: Path, evaluation: Evaluation) -> ReportCheck:
    started = time.perf_counter()
    check = check_report(path.name, path.read_bytes())
    spent = time.perf_counter() - started
    evaluation.seconds += spent
    if spent > evaluation.slowest[1]:
        evaluation.slowest = (path.name, spent)
    return check


def evaluate(corpus: Path) -> Evaluation:
    corpus = Path(corpus)
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))["documents"]
    evaluation = Evaluation()
    originals: dict[str, set] = {}
    for document in labels:
        name = document["file"]
        check = _check(corpus / "documents" / name, evaluation)
        evaluation.documents += 1
        expected = [label for label in document["findings"] if label["severity"] in MEASURED]
        consistent = not any(label["severity"] == "error" for label in document["findings"])
        evaluation.consistent += consistent
        measured = [f for f in check.findings if f.severity in MEASURED]
        evaluation.hints += len(check.findings) - len(measured)
        originals[name] = {(f.code, f.message) for f in check.findings}
        for label in expected:
            tally = evaluation.tally(family_of(label["rule"]))
            tally.labelled += 1
            if any(_supports(label, finding) for finding in measured):
                tally.recalled += 1
            else:
                evaluation.missed_labels.append((name, label))
        for finding in measured:
            tally = evaluation.tally(family_of(finding.code))
            tally.found += 1
            supporting = [label for label in expected if _supports(label, finding)]
            if supporting:
                tally.right += 1
            if finding.severity == "error":
                evaluation.errors_found += 1
                if any(label["severity"] == "error" for label in supporting):
                    evaluation.errors_right += 1
                else:
                    evaluation.false_errors.append((name, f"[{finding.code}] {finding.message}", consistent))
            else:
                evaluation.warnings_found += 1
                if supporting:
                    evaluation.warnings_right += 1
                else:
                    evaluation.false_warnings.append((name, f"[{finding.code}] {finding.message}"))
    mutants_file = corpus / "mutants.json"
    mutants = json.loads(mutants_file.read_text(encoding="utf-8"))["mutants"] if mutants_file.exists() else []
    for mutant in mutants:
        check = _check(corpus / "mutants" / mutant["file"], evaluation)
        evaluation.mutants += 1
        tally = evaluation.tally(mutant["family"])
        tally.injected += 1
        before = originals.get(mutant["original"], set())
        if any(
            f.severity in MEASURED and family_of(f.code) == mutant["family"] and (f.code, f.message) not in before
            for f in check.findings
        ):
            tally.detected += 1
        else:
            evaluation.missed_mutants.append((mutant["file"], mutant["description"]))
    return evaluation


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def report_lines(evaluation: Evaluation) -> list[str]:
    """The evaluation as printed by the command (Chinese)."""
    lines = [
        f"语料：{evaluation.documents} 份公开文件（其中 {evaluation.consistent} 份经核算无错误），"
        f"{evaluation.mutants} 份注入单个错误的副本；检查用时 {evaluation.seconds:.1f} 秒，"
        f"最慢一份 {evaluation.slowest[1]:.2f} 秒（{evaluation.slowest[0]}）",
        "",
        "规则族        标注  发现  正确  精确率   召回率   注入  发现  注入召回率",
    ]
    for family, tally in sorted(evaluation.families.items(), key=lambda item: item[0]):
        name = FAMILY_NAMES.get(family, family)
        lines.append(
            f"{name:<8}{tally.labelled:>6}{tally.found:>6}{tally.right:>6}  {_pct(tally.precision()):>7}  "
            f"{_pct(tally.recall()):>7}{tally.injected:>6}{tally.detected:>6}  {_pct(tally.mutant_recall()):>8}"
        )
    lines += [
        "",
        f"总体：精确率 {_pct(evaluation.precision)}，召回率 {_pct(evaluation.recall)}；"
        f"错误的精确率 {_pct(evaluation.error_precision)}，警告的精确率 {_pct(evaluation.warning_precision)}；"
        f"注入错误召回率 {_pct(evaluation.mutant_recall)}；提示 {evaluation.hints} 条（不计入）",
        f"无错误文件上的误报错误：{len(evaluation.false_errors_on_consistent)} 个",
    ]
    if evaluation.false_errors:
        lines.append("误报的错误（按文件）：")
        lines += [f"  {document}：{message}" for document, message, _ in evaluation.false_errors]
    if evaluation.false_warnings:
        lines.append("没有标注支持的警告（按文件）：")
        lines += [f"  {document}：{message}" for document, message in evaluation.false_warnings]
    if evaluation.missed_labels:
        lines.append("漏掉的标注发现：")
        lines += [f"  {document}：[{label['rule']}] {label['why']}" for document, label in evaluation.missed_labels]
    if evaluation.missed_mutants:
        lines.append("未发现的注入错误：")
        lines += [f"  {mutant}：{description}" for mutant, description in evaluation.missed_mutants]
    lines.append("达到目标（0 误报错误、注入召回率 ≥ 90%、警告精确率 ≥ 80%）：" + ("是" if evaluation.meets_targets() else "否"))
    return lines
