"""Consistency checks of a unit-year's accounts, through the shared rule registry."""

from decimal import Decimal

from jixiao.accounts.lines import LINES, LINES_BY_CODE
from jixiao.accounts.sheet import Sheet
from jixiao.checks.registry import Amount, Place, Result
from jixiao.checks.rules.accounts import FUND_WITHOUT_ACTUAL
from jixiao.checks.rules.balances import balance_of, carried_over
from jixiao.checks.rules.rates import execution_over_100, within_budget
from jixiao.checks.rules.sums import headcount_split, sum_of_parts


def place(sheet: Sheet, code: str) -> Place:
    return Place(f"{sheet.unit_name} · {LINES_BY_CODE[code].label}", f"{sheet.ref}:{code}")


def amount(sheet: Sheet, code: str, value: Decimal | None = None) -> Amount:
    return Amount(sheet.value(code) if value is None else value, place(sheet, code))


def _stated_totals(sheet: Sheet) -> list[Result]:
    """A total stated for a row must equal its parts (balance: income − expenditure)."""
    results = []
    for line in LINES:
        stated = sheet.stated(line.code)
        if not line.is_total or stated is None:
            continue
        if line.minus:
            income, expenditure = line.parts[0], line.minus[0]
            if sheet.value(income) is None or sheet.value(expenditure) is None:
                continue
            # Compare with the row's own stated income and expenditure, as a reader of the document would.
            results.append(balance_of(
                Amount(stated, place(sheet, line.code)),
                Amount(sheet.stated(income) if sheet.stated(income) is not None else sheet.value(income), place(sheet, income)),
                Amount(sheet.stated(expenditure) if sheet.stated(expenditure) is not None else sheet.value(expenditure), place(sheet, expenditure)),
                f"{sheet.unit_name}当年结余",
            ))
            continue
        parts = [code for code in line.parts if sheet.value(code) is not None]
        if not parts:
            continue
        part_amounts = [
            Amount(sheet.stated(code) if sheet.stated(code) is not None else sheet.value(code), place(sheet, code)) for code in parts
        ]
        results.append(sum_of_parts(Amount(stated, place(sheet, line.code)), part_amounts, f"{sheet.unit_name}{line.label}"))
    return results


def _children_sum_to_parent(sheet: Sheet) -> list[Result]:
    results = []
    if not sheet.children:
        return results
    for line in LINES:
        stated = sheet.stated(line.code)
        # A balance is income − expenditure; its difference is already reported on those.
        if stated is None or line.minus:
            continue
        parts = [Amount(child.value(line.code), place(child, line.code)) for child in sheet.children if child.value(line.code) is not None]
        if not parts:
            continue
        results.append(sum_of_parts(
            Amount(stated, place(sheet, line.code)), parts, f"{line.label}（各下属单位合计与汇总）", key=f"children:{sheet.ref}:{line.code}",
        ))
    return results


def _budgets(sheet: Sheet) -> list[Result]:
    results = []
    for spent, budget, what in (("exp_basic", "budget_basic", "基本支出"), ("exp_project", "budget_project", "项目支出")):
        if sheet.value(spent) is not None and sheet.value(budget) is not None:
            results.append(execution_over_100(amount(sheet, spent), amount(sheet, budget), f"{sheet.unit_name}{what}"))
    if sheet.value("sangong_actual") is not None and sheet.value("sangong_budget") is not None:
        results.append(within_budget(amount(sheet, "sangong_actual"), amount(sheet, "sangong_budget"), f"{sheet.unit_name}三公经费"))
    return results


def _funds(sheet: Sheet) -> list[Result]:
    results = []
    for fund in sheet.all_funds():
        fund_place = lambda what, fund=fund: Place(f"{sheet.unit_name} · {fund.name} · {what}", f"{fund.ref}:{what}")  # noqa: E731
        for attribute, what in (("stated_budget", "预算数"), ("actual", "全年执行数")):
            stated = getattr(fund, attribute)
            children = [
                Amount(getattr(child, attribute), Place(f"{sheet.unit_name} · {child.name} · {what}", f"{child.ref}:{what}"))
                for child in fund.children if getattr(child, attribute) is not None
            ]
            if stated is not None and children:
                results.append(sum_of_parts(Amount(stated, fund_place(what)), children, f"{fund.name}{what}（各分项合计）"))
        if fund.budget is not None and fund.spent is not None:
            results.append(execution_over_100(Amount(fund.spent, fund_place("全年执行数")), Amount(fund.budget, fund_place("预算数")), fund.name))
        if fund in sheet.funds and fund.budget and fund.spent is None:
            results.append(FUND_WITHOUT_ACTUAL.found(
                f"{fund.name}有预算数 {fund.budget}，未填全年执行数，无法计算执行率",
                (fund_place("全年执行数"),), f"fund_actual:{fund.ref}",
            ))
    return results


def _carry_over(sheet: Sheet) -> list[Result]:
    previous = sheet.previous
    if previous is None or sheet.value("income_carry_over") is None or previous.value("balance_accumulated") is None:
        return []
    result = carried_over(
        amount(sheet, "income_carry_over"), amount(previous, "balance_accumulated"),
        sheet.fiscal_year, previous.fiscal_year, f"carry_over:{sheet.ref}",
    )
    return [result] if result else []


def staff_results(unit_name: str, ref: str, staff: dict) -> list[Result]:
    results = []
    for prefix, what in (("authorized_staff", "人员编制"), ("actual_staff", "实有人数")):
        result = headcount_split(
            staff.get(prefix), staff.get(f"{prefix}_admin"), staff.get(f"{prefix}_institutional"),
            f"{unit_name}{what}", Place(f"{unit_name} · {what}", f"{ref}:{prefix}"), f"staff:{prefix}",
        )
        if result:
            results.append(result)
    return results


def check_sheet(sheet: Sheet) -> list[Result]:
    """Every finding for a unit-year and its sub-units."""
    results = []
    for row in [sheet, *sheet.children]:
        results += _stated_totals(row)
        results += _budgets(row)
        results += _funds(row)
    results += _children_sum_to_parent(sheet)
    results += _carry_over(sheet)
    return [result for result in results if result is not None]
