"""Rules proper to the text of a generated document a user has edited."""

from jixiao.checks.registry import Severity, register

STALE_FIGURE = register("documents.stale_figure", "文字中的数字与数据不符", Severity.WARNING, "documents",
                        "按当前数据改正文字中的数字；或清空该段文字，导出时由系统按数据重新生成。")
