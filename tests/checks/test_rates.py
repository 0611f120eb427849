"""The rates family: one computation of a rate (half up, two decimals), a stated rate against its figures."""

from decimal import Decimal as D

from jixiao.checks.registry import Amount, Place
from jixiao.checks.rules.rates import execution_over_100, execution_rate, rate_matches, within_budget


def amount(value, ref=""):
    return Amount(D(value), Place(ref or value, ref or value))


def test_execution_rate_is_half_up_to_two_decimals():
    assert execution_rate(D("1003.30"), D("1086.91")) == D("92.31")  # 92.3075...
    assert execution_rate(D("43.10"), D("43.22")) == D("99.72")  # 99.7223...
    assert execution_rate(D("1"), D("8")) == D("12.50")
    assert execution_rate(D("0.125"), D("1")) == D("12.50")  # exactly half: up
    assert execution_rate(D("1"), D("0")) is None
    assert execution_rate(None, D("1")) is None


def test_stated_rate_is_checked_at_the_precision_it_was_written_with():
    assert rate_matches(amount("92.31"), amount("1003.30"), amount("1086.91"), "预算执行率") is None
    assert rate_matches(amount("92"), amount("1003.30"), amount("1086.91"), "预算执行率") is None
    result = rate_matches(amount("95"), amount("90"), amount("100"), "部门预算执行率")
    assert (result.code, result.severity) == ("rate.mismatch", "error")
    assert result.message == "部门预算执行率：所列 95% ≠ 90.00 ÷ 100.00 = 90%"


def test_execution_above_100_and_spending_above_budget_are_warnings():
    assert execution_over_100(amount("90"), amount("100"), "项目支出") is None
    over = execution_over_100(amount("110.00"), amount("100.00"), "项目支出")
    assert (over.code, over.severity) == ("rate.over_100", "warning")
    assert over.message == "项目支出执行率 110.00%（110.00 ÷ 100.00）超过100%，需说明原因"
    budget = within_budget(amount("40.00"), amount("36.75"), "三公经费")
    assert (budget.code, budget.severity, budget.message) == (
        "budget.exceeded", "warning", "三公经费实际 40.00 超过预算 36.75，超出 3.25")
