"""`manage.py check_reports FILE...` (and `jixiao check FILE...`): the report health check.

Prints each report's facts and findings in Chinese, or JSON with --json.
Exit status 1 when any report has an error finding or cannot be read.
`--evaluate CORPUS_DIR` instead measures the check on a labelled corpus
(precision and recall per rule family; see jixiao.healthcheck.evaluation) and
exits 1 when the targets are not met.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jixiao.checks.registry import Severity
from jixiao.healthcheck.domain import check_report
from jixiao.healthcheck.evaluation import evaluate, report_lines
from jixiao.healthcheck.reading import ReportUnreadable, check_size

LABELS = {"error": "错误", "warning": "警告", "hint": "提示"}


class Command(BaseCommand):
    help = "报告体检：读取绩效报告（.docx / .pdf / .txt），列出不相符之处。发现错误时退出码为 1。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE", help="要检查的报告文件")
        parser.add_argument(
            "--evaluate", metavar="CORPUS_DIR", help="在标注语料上计算各规则的精确率和召回率（documents/、labels.json、mutants/）"
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON（供程序读取）")
        parser.add_argument(
            "--min-severity",
            choices=[Severity.ERROR, Severity.WARNING, Severity.HINT],
            default=Severity.HINT,
            help="只列出不低于该级别的发现（error / warning / hint，默认 hint）",
        )

    def handle(self, *args, **options):
        if options["evaluate"]:
            return self._evaluate(Path(options["evaluate"]), options["json"])
        if not options["files"]:
            raise CommandError("请给出要检查的文件，或用 --evaluate 语料目录。")
        minimum = options["min_severity"]
        outcomes = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"找不到文件：{name}")
            try:
                check_size(path.name, path.stat().st_size)
                outcomes.append((path, check_report(path.name, path.read_bytes()), None))
            except ReportUnreadable as refused:
                outcomes.append((path, None, refused.message))
        failed = any(check is None or check.has_errors for _, check, _ in outcomes)
        if options["json"]:
            self.stdout.write(json.dumps(self._json(outcomes, minimum), ensure_ascii=False, indent=2))
        else:
            for path, check, refused in outcomes:
                self._print(path, check, refused, minimum)
            self._print_total(outcomes)
        if failed:
            raise SystemExit(1)

    def _evaluate(self, corpus: Path, as_json: bool):
        if not (corpus / "labels.json").is_file():
            raise CommandError(f"语料目录中没有 labels.json：{corpus}")
        evaluation = evaluate(corpus)
        if as_json:
            self.stdout.write(json.dumps(evaluation.as_dict(), ensure_ascii=False, indent=2))
        else:
            for line in report_lines(evaluation):
                self.stdout.write(line)
        if not evaluation.meets_targets():
            raise SystemExit(1)

    def _json(self, outcomes, minimum):
        reports = []
        for path, check, refused in outcomes:
            if check is None:
                reports.append({"filename": path.name, "path": str(path), "unreadable": refused})
                continue
            data = check.as_dict(minimum)
            data.pop("blocks")
            data["path"] = str(path)
            data["has_errors"] = check.has_errors
            reports.append(data)
        return {"min_severity": minimum, "reports": reports}

    def _print(self, path, check, refused, minimum):
        write = self.stdout.write
        write(f"━━ {path.name} ━━")
        if check is None:
            write(f"  [无法读取] {refused}")
            write("")
            return
        for note in check.notes:
            write(f"  注意：{note}")
        for fact in check.facts:
            write(f"  · {fact}")
        counts = check.counts
        write(f"  发现：错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['hint']} 个")
        for number, finding in enumerate(check.at_least(minimum), start=1):
            write(f"  {number}. [{LABELS[finding.severity]}] {finding.title}（{finding.code}）")
            write(f"     {finding.message}")
            for place in finding.places[:4]:
                quote = f"：“{place.quote}”" if place.quote else ""
                write(f"     位置：{place.label}{quote}")
            if finding.fix:
                write(f"     建议：{finding.fix}")
        write("")

    def _print_total(self, outcomes):
        readable = [check for _, check, _ in outcomes if check is not None]
        errors = sum(check.counts["error"] for check in readable)
        warnings = sum(check.counts["warning"] for check in readable)
        unreadable = len(outcomes) - len(readable)
        line = f"共检查 {len(outcomes)} 个文件：错误 {errors} 个，警告 {warnings} 个"
        if unreadable:
            line += f"，无法读取 {unreadable} 个"
        self.stdout.write(line)
