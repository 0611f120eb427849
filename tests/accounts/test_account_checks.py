"""The consistency checks find every inconsistency of the source documents, and nothing else."""

from jixiao.checks.models import Finding


def findings_of(unit):
    return sorted((f.severity, f.rule_code, f.message) for f in Finding.objects.filter(unit=unit, area="accounts"))


def test_yueyang_2017_balance_is_a_rounding_warning(source_accounts):
    messages = [message for _, _, message in findings_of(source_accounts["yueyang"])]
    assert "岳阳市科协当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）" in messages


def test_yueyang_2017_sub_units_differ_from_the_summary_by_a_cent_in_three_cells(source_accounts):
    """Besides the cents: 上年结转 158.39 is not the 2016 balance 164.90 the report states (四、5), and the special
    funds spent 643.91 of this year's 570.00 (四、(二)), both as 003 writes them."""
    assert findings_of(source_accounts["yueyang"]) == [
        ("warning", "balance.carry_over", "2017年上年结转 158.39 ≠ 2016年累计结余 164.90"),
        ("warning", "balance.rounding", "岳阳市科协当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）"),
        ("warning", "rate.over_100", "专项资金执行率 112.97%（643.91 ÷ 570.00）超过100%，需说明原因"),
        ("warning", "sum.rounding", "人员支出（各下属单位合计与汇总）：所列 355.81 ≠ 279.96 + 23.88 + 51.98 = 355.82，差 -0.01（在 3 项各 0.01 的尾差范围内）"),
        ("warning", "sum.rounding", "基本支出（各下属单位合计与汇总）：所列 359.39 ≠ 283.54 + 23.88 + 51.98 = 359.40，差 -0.01（在 3 项各 0.01 的尾差范围内）"),
        ("warning", "sum.rounding", "项目支出（各下属单位合计与汇总）：所列 643.91 ≠ 318.08 + 86.59 + 239.23 = 643.90，差 0.01（在 3 项各 0.01 的尾差范围内）"),
    ]


def test_lishui_and_jiangmen_are_consistent(source_accounts):
    assert findings_of(source_accounts["lishui"]) == []
    assert findings_of(source_accounts["jiangmen"]) == []


def test_ganzhou_states_no_spending_for_its_fund(source_accounts):
    assert findings_of(source_accounts["ganzhou"]) == [
        ("hint", "accounts.fund_without_actual", "科普专项有预算数 200.00，未填全年执行数，无法计算执行率"),
    ]
