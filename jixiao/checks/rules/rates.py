"""Rates: the one way a rate is computed (half up, two decimals), a stated rate
against its numbers, execution above 100 %, spending above budget."""

from decimal import Decimal

from jixiao.checks.registry import Amount, Result, Severity, register
from jixiao.money import fmt_amount, fmt_percent, percent

MISMATCH = register("rate.mismatch", "比率与分子分母不符", Severity.ERROR, "rates", "按 分子 ÷ 分母 重新计算比率。")
OVER_100 = register("rate.over_100", "执行率超过100%", Severity.WARNING, "rates", "执行数大于预算数，请说明原因（如追加预算未调整）。")
OVER_BUDGET = register("budget.exceeded", "实际支出超过预算", Severity.WARNING, "rates", "实际支出超过预算，请说明原因。")
UNSUPPORTED = register("report.rate_unsupported", "完成率没有数据支撑", Severity.WARNING, "rates",
                       "写明计算完成率所用的计划数和完成数（或预算数和执行数）。")


def execution_rate(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """预算执行率 % = 执行数 ÷ 预算数 × 100, two decimals half up; None without both or with a zero budget.

    Every execution rate of the product (accounts, funds, goals, monitoring,
    scoring, documents) is this one computation.
    """
    if spent is None or not budget:
        return None
    return percent(spent, budget)


def decimals_written(value: Decimal) -> int:
    """How many decimals a stated figure was written with ("96.96" → 2, "36" → 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


def rate_matches(stated_percent: Amount, numerator: Amount, denominator: Amount, what: str, key: str = "") -> Result | None:
    """A stated percentage must equal numerator ÷ denominator, at the precision it was written with.

    "96.96%" is checked to two decimals, "36%" to whole percent.
    """
    if denominator.value == 0:
        return None
    decimals = decimals_written(stated_percent.value)
    computed = percent(numerator.value, denominator.value, decimals)
    if computed == stated_percent.value:
        return None
    return MISMATCH.found(
        f"{what}：所列 {fmt_percent(stated_percent.value, decimals)} ≠ {fmt_amount(numerator.value)} ÷ "
        f"{fmt_amount(denominator.value)} = {fmt_percent(computed, decimals)}",
        (stated_percent.place, numerator.place, denominator.place),
        key or f"rate:{stated_percent.place.ref}",
        {"stated": str(stated_percent.value), "computed": str(computed)},
    )


def execution_over_100(actual: Amount, budget: Amount, what: str, key: str = "") -> Result | None:
    if budget.value <= 0 or actual.value <= budget.value:
        return None
    rate = execution_rate(actual.value, budget.value)
    return OVER_100.found(
        f"{what}执行率 {fmt_percent(rate)}（{fmt_amount(actual.value)} ÷ {fmt_amount(budget.value)}）超过100%，需说明原因",
        (actual.place, budget.place),
        key or f"over100:{actual.place.ref}",
    )


def within_budget(actual: Amount, budget: Amount, what: str, key: str = "") -> Result | None:
    if actual.value <= budget.value:
        return None
    return OVER_BUDGET.found(
        f"{what}实际 {fmt_amount(actual.value)} 超过预算 {fmt_amount(budget.value)}，超出 {fmt_amount(actual.value - budget.value)}",
        (actual.place, budget.place),
        key or f"budget:{actual.place.ref}",
    )
