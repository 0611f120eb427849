"""Rules proper to a unit-year's accounts (the arithmetic is in sums, balances and rates)."""

from jixiao.checks.registry import Severity, register

FUND_WITHOUT_ACTUAL = register("accounts.fund_without_actual", "专项未填全年执行数", Severity.HINT, "accounts",
                               "填写专项的全年执行数，才能计算执行率。")
