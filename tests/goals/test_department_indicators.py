"""Department-wide indicators (财预〔2013〕53号) computed from the stored accounts alone."""

from decimal import Decimal

import pytest

from jixiao.accounts.models import Figure, UnitYear
from jixiao.accounts.sheet import Sheet
from jixiao.goals.department import (
    CATEGORIES,
    DepartmentIndicator,
    Staff,
    department_indicators,
    indicators_for,
)
from jixiao.sources import document_path

D = Decimal


def by_code(indicators):
    return {indicator.code: indicator for indicator in indicators}


@pytest.fixture
def yueyang_2017(source_accounts):
    return by_code(department_indicators(UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)))


@pytest.fixture
def lishui_2020(source_accounts):
    return by_code(department_indicators(UnitYear.objects.get(unit=source_accounts["lishui"], fiscal_year=2020)))


def document(key):
    return document_path(key).read_text(encoding="utf-8")


# --- Yueyang 2017 (003): the worked examples -------------------------------------------

def test_yueyang_inputs_are_the_documents_figures():
    text = document("yueyang_2017")
    assert "共28人，其中：行编11人，事业编17人" in text
    assert "共28人，其中行编13人，事业编15人" in text
    assert "“三公经费”预算36.75万元，实际开支15.25万元" in text
    assert "比2016年18.55万元节约3.3万元" in text
    assert "至2017年12末固定资产1086.47万元" in text


def test_yueyang_sangong_control_rate(yueyang_2017):
    indicator = yueyang_2017["sangong_control_rate"]
    assert indicator.value == D("41.50")
    assert indicator.formula_text == "三公经费实际 15.25 ÷ 预算 36.75 × 100% = 41.50%"
    assert indicator.category == "过程"
    assert indicator.missing == ""
    assert indicator.display == "41.50%"


def test_yueyang_staff_control_rate(yueyang_2017):
    indicator = yueyang_2017["staff_control_rate"]
    assert indicator.value == D("100.00")
    assert indicator.category == "投入"
    assert indicator.formula_text == (
        "在职人员数 28（行政编 13，事业编 15） ÷ 编制数 28（行政编 11，事业编 17） × 100% = 100.00%"
    )


def test_yueyang_fixed_asset_use_rate_rolls_up_the_sub_units(yueyang_2017):
    indicator = yueyang_2017["fixed_asset_use_rate"]
    # 890.73 + 46.41 + 149.33 in use, the same in total
    assert indicator.value == D("100.00")
    assert indicator.formula_text == "在用固定资产 1086.47 ÷ 固定资产合计 1086.47 × 100% = 100.00%"


def test_yueyang_sangong_change_on_last_years_actual(yueyang_2017):
    indicator = yueyang_2017["sangong_change_rate"]
    # (15.25 − 18.55) ÷ 18.55 = −17.789...
    assert indicator.value == D("-17.79")
    assert indicator.category == "投入"
    assert indicator.formula_text == (
        "（本年三公经费 15.25 − 上年三公经费 18.55）÷ 上年三公经费 18.55 × 100% = -17.79%"
    )


def test_yueyang_budget_completion_and_carry_over(yueyang_2017):
    assert yueyang_2017["budget_completion_rate"].value == D("92.31")
    assert yueyang_2017["budget_completion_rate"].formula_text == (
        "支出合计 1003.30 ÷ 预算数（收入合计） 1086.91 × 100% = 92.31%"
    )
    # The unit states 当年结余 83.62 where 1086.91 − 1003.30 = 83.61: a rounding difference, so the
    # one-figure policy of accounts/derived keeps the stated figure everywhere, with a note.
    assert yueyang_2017["carry_over_rate"].value == D("7.69")
    assert yueyang_2017["carry_over_rate"].formula_text == (
        "年末结转结余 83.62 ÷ 支出预算数（收入合计） 1086.91 × 100% = 7.69%"
    )
    # last year's closing balance is 2017's 上年结转 158.39
    assert yueyang_2017["carry_over_change_rate"].value == D("-47.21")
    assert "上年结转结余 158.39" in yueyang_2017["carry_over_change_rate"].formula_text


def test_yueyang_figures_the_accounts_do_not_hold_are_left_empty(yueyang_2017):
    for code, needed in (
        ("procurement_execution_rate", "政府采购预算数"),
        ("office_expense_control_rate", "公用经费预算数"),
        ("budget_adjustment_rate", "预算调整数"),
    ):
        indicator = yueyang_2017[code]
        assert indicator.value is None
        assert indicator.missing.startswith("账目中没有")
        assert needed in indicator.missing
        assert indicator.missing in indicator.formula_text
        assert indicator.display == "—"


def test_all_indicators_in_framework_order_and_categories(yueyang_2017):
    assert [indicator.name for indicator in yueyang_2017.values()] == [
        "在职人员控制率", "三公经费变动率", "预算完成率", "预算调整率", "结转结余率", "结转结余变动率",
        "公用经费控制率", "三公经费控制率", "政府采购执行率", "固定资产利用率",
    ]
    assert {indicator.category for indicator in yueyang_2017.values()} <= set(CATEGORIES)
    assert all(indicator.definition.endswith("× 100%") for indicator in yueyang_2017.values())


def test_indicators_follow_the_stored_figures(source_accounts, yueyang_2017):
    """A changed figure in the accounts changes the indicator: nothing is typed twice."""
    museum = UnitYear.objects.get(unit=source_accounts["yueyang_museum"], fiscal_year=2017)
    Figure.objects.create(unit_year=museum, line="fa_leased", amount=D("100.00"))
    after = by_code(department_indicators(UnitYear.objects.get(unit=source_accounts["yueyang"], fiscal_year=2017)))
    # the total is in use + leased + other, rolled up from the sub-units: 1086.47 + 100.00
    assert after["fixed_asset_use_rate"].value == D("91.57")
    assert after["fixed_asset_use_rate"].formula_text == "在用固定资产 1086.47 ÷ 固定资产合计 1186.47 × 100% = 91.57%"


# --- Lishui 2020 (002) ------------------------------------------------------------------------

def test_lishui_inputs_are_the_documents_figures():
    text = document("lishui_2020")
    assert "实际支出658.77万元，预算执行率96.96%" in text
    assert "2020年三公经费预算1.85万元" in text
    assert "决算支出1.47万元" in text
    assert "人员编制数\n\t6\n\t 实有人数\n\t9" in text


def test_lishui_budget_completion_rate_is_the_stated_96_96(lishui_2020):
    indicator = lishui_2020["budget_completion_rate"]
    assert indicator.value == D("96.96")
    assert indicator.formula_text == "支出合计 658.77 ÷ 预算数（收入合计） 679.41 × 100% = 96.96%"


def test_lishui_staff_over_quota(lishui_2020):
    # 基本情况表: 人员编制数 6, 实有人数 9 (no 行政编/事业编 split given)
    indicator = lishui_2020["staff_control_rate"]
    assert indicator.value == D("150.00")
    assert indicator.formula_text == "在职人员数 9 ÷ 编制数 6 × 100% = 150.00%"


def test_lishui_sangong_and_carry_over(lishui_2020):
    assert lishui_2020["sangong_control_rate"].formula_text == "三公经费实际 1.47 ÷ 预算 1.85 × 100% = 79.46%"
    assert lishui_2020["carry_over_rate"].value == D("3.04")
    # 679.41 − 658.77 = 20.64 against 9.43 carried in
    assert lishui_2020["carry_over_change_rate"].value == D("118.88")


def test_lishui_what_the_document_does_not_state_is_not_invented(lishui_2020):
    # 002 gives only 固定资产原值 180.96, not the part in use
    fixed_assets = lishui_2020["fixed_asset_use_rate"]
    assert fixed_assets.value is None
    assert fixed_assets.missing == "缺少在用固定资产，请在账目中填写"
    # 002 does not state 2019's 三公经费 and no 2019 accounts are stored
    change = lishui_2020["sangong_change_rate"]
    assert change.value is None
    assert change.missing == "缺少上年三公经费，请在账目中填写"


# --- pure: the sheet and the staff as plain data ------------------------------------------------

def sheet(**figures):
    return Sheet(unit_name="测试科协", fiscal_year=2021, own={code: D(value) for code, value in figures.items()})


def test_last_years_figures_come_from_the_stored_previous_year_when_not_stated():
    current = sheet(sangong_reception="8.00", income_fiscal="100.00", exp_personnel="90.00")
    current.previous = sheet(sangong_reception="10.00", income_fiscal="95.00", exp_personnel="90.00")
    rows = by_code(indicators_for(current, Staff()))
    assert rows["sangong_change_rate"].value == D("-20.00")
    # no 上年结转 line: last year's closing balance 95 − 90 = 5 against 100 − 90 = 10
    assert rows["carry_over_change_rate"].value == D("100.00")
    assert rows["carry_over_change_rate"].formula_text == (
        "（本年结转结余 10.00 − 上年结转结余 5.00）÷ 上年结转结余 5.00 × 100% = 100.00%"
    )


def test_zero_denominators_say_so_instead_of_dividing():
    rows = by_code(indicators_for(
        sheet(sangong_budget="0", sangong_reception="1.00", sangong_last_year="0", fa_total="0", fa_in_use="0"),
        Staff(authorized=0, actual=3),
    ))
    assert rows["sangong_control_rate"].value is None
    assert rows["sangong_control_rate"].missing == "三公经费预算为 0，无法计算"
    assert rows["sangong_change_rate"].missing == "上年三公经费为 0，无法计算变动率"
    assert rows["fixed_asset_use_rate"].missing == "固定资产合计为 0，无法计算"
    assert rows["staff_control_rate"].missing == "人员编制数为 0，无法计算"


def test_staff_totals_from_the_split_and_missing_staff():
    split_only = Staff(authorized_admin=4, authorized_institutional=6, actual_admin=4, actual_institutional=5)
    rows = by_code(indicators_for(sheet(), split_only))
    assert rows["staff_control_rate"].value == D("90.00")
    assert rows["staff_control_rate"].formula_text == (
        "在职人员数 9（行政编 4，事业编 5） ÷ 编制数 10（行政编 4，事业编 6） × 100% = 90.00%"
    )
    nothing = by_code(indicators_for(sheet(), Staff(actual=5)))["staff_control_rate"]
    assert nothing.value is None
    assert nothing.missing == "单位信息中缺少人员编制数，请在单位信息中填写"


def test_indicator_is_frozen():
    indicator = indicators_for(sheet(), Staff())[0]
    assert isinstance(indicator, DepartmentIndicator)
    with pytest.raises(AttributeError):
        indicator.value = D("1")
