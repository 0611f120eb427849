"""Balances: the year's balance is income − expenditure; this year's carry-over is last year's balance."""

from decimal import Decimal

from jixiao.checks.registry import Amount, Result, Severity, register
from jixiao.checks.rules.sums import within_rounding
from jixiao.money import fmt_amount

MISMATCH = register("balance.mismatch", "结余不等于收入减支出", Severity.ERROR, "balances", "当年结余应等于收入合计减支出合计。")
ROUNDING = register("balance.rounding", "结余与收入减支出存在尾差", Severity.WARNING, "balances", "尾差在四舍五入范围内；确认后可填写说明。")
CARRY_OVER = register("balance.carry_over", "上年结转与上年累计结余不一致", Severity.WARNING, "balances",
                      "本年“上年结转”应等于上年的“累计结余”。")


# A balance is two printed figures apart: income and expenditure.
BALANCE_TERMS = 2


def balance(income: Decimal | None, expenditure: Decimal | None) -> Decimal | None:
    """当年结余 = 收入合计 − 支出合计; None when either is missing."""
    if income is None or expenditure is None:
        return None
    return income - expenditure


def balance_of(stated: Amount, income: Amount, expenditure: Amount, what: str = "当年结余", key: str = "") -> Result | None:
    """A stated balance must equal income − expenditure, within 0.01 per term (two terms)."""
    computed = balance(income.value, expenditure.value)
    difference = stated.value - computed
    if difference == 0:
        return None
    places = (stated.place, income.place, expenditure.place)
    message = (
        f"{what} {fmt_amount(stated.value)} ≠ {fmt_amount(income.value)} − {fmt_amount(expenditure.value)}"
        f" = {fmt_amount(computed)}，差 {fmt_amount(difference)}"
    )
    data = {"stated": str(stated.value), "computed": str(computed), "difference": str(difference)}
    key = key or f"balance:{stated.place.ref}"
    if within_rounding(difference, BALANCE_TERMS):
        return ROUNDING.found(message + "（尾差）", places, key, data)
    return MISMATCH.found(message, places, key, data)


def carried_over(carry_over: Amount, last_year_balance: Amount, year: int, previous_year: int, key: str) -> Result | None:
    """This year's 上年结转 equals last year's 累计结余, to the cent."""
    if carry_over.value == last_year_balance.value:
        return None
    return CARRY_OVER.found(
        f"{year}年上年结转 {carry_over.value} ≠ {previous_year}年累计结余 {last_year_balance.value}",
        (carry_over.place, last_year_balance.place), key,
    )
