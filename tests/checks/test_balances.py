"""The balances family: 当年结余 = 收入合计 − 支出合计; this year's carry-over is last year's balance."""

from decimal import Decimal as D

from jixiao.checks.registry import Amount, Place
from jixiao.checks.rules.balances import balance, balance_of, carried_over


def amount(value, ref):
    return Amount(D(value), Place(ref, ref))


def test_balance_is_income_minus_expenditure():
    assert balance(D("1086.91"), D("1003.30")) == D("83.61")
    assert balance(None, D("1003.30")) is None


def test_yueyang_stated_balance_is_a_rounding_warning():
    result = balance_of(amount("83.62", "balance"), amount("1086.91", "income"), amount("1003.30", "spent"), "岳阳市科协当年结余")
    assert (result.code, result.severity) == ("balance.rounding", "warning")
    assert result.message == "岳阳市科协当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）"


def test_a_wrong_balance_is_an_error_and_a_right_one_nothing():
    assert balance_of(amount("83.61", "b"), amount("1086.91", "i"), amount("1003.30", "s")) is None
    result = balance_of(amount("100.00", "b"), amount("1086.91", "i"), amount("1003.30", "s"))
    assert (result.code, result.severity) == ("balance.mismatch", "error")
    assert result.data == {"stated": "100.00", "computed": "83.61", "difference": "16.39"}


def test_carry_over_must_equal_last_years_accumulated_balance():
    assert carried_over(amount("158.39", "c"), amount("158.39", "p"), 2018, 2017, "k") is None
    result = carried_over(amount("158.39", "c"), amount("150.00", "p"), 2018, 2017, "k")
    assert (result.code, result.severity, result.message) == (
        "balance.carry_over", "warning", "2018年上年结转 158.39 ≠ 2017年累计结余 150.00")
