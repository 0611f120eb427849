"""Rules proper to a narrative report read by the health check (the arithmetic is in the families)."""

from jixiao.checks.registry import Severity, register

SECTION_MISSING = register("report.section_missing", "缺少该类文件应有的部分", Severity.HINT, "report", "按该类文件的格式补齐相应部分。")
SPENDING_MISSING = register("report.spending_missing", "未说明实际支出", Severity.WARNING, "report",
                            "写明资金的实际支出（执行数），才能计算预算执行率。")
