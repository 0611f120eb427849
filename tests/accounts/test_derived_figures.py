"""The derived figures the documents print, computed from the stored figures alone."""

from decimal import Decimal

from jixiao.accounts.derived import all_derived, fund_execution


def derived(sheet):
    return {figure.code: figure for figure in all_derived(sheet)}


def funds_by_name(sheet):
    return {fund.name: fund for fund in sheet.all_funds()}


def test_lishui_2020_execution_rates(sheet_of):
    sheet = sheet_of("lishui", 2020)
    figures = derived(sheet)
    assert figures["execution_overall"].display == "96.96%"
    assert figures["execution_overall"].formula == "支出合计 ÷ 收入合计 × 100% = 658.77 ÷ 679.41 × 100% = 96.96%"
    assert figures["execution_basic"].display == "99.98%"
    funds = funds_by_name(sheet)
    assert fund_execution(funds["科学普及专项"]).display == "92.33%"
    assert fund_execution(funds["绿谷新秀入选及考核奖励"]).display == "99.12%"
    assert fund_execution(funds["人才服务经费（邀请院士疗休养及“人才科技”峰会）"]).display == "100.00%"


def test_yueyang_2017_structure_and_sangong(sheet_of):
    figures = derived(sheet_of("yueyang", 2017))
    assert figures["share_basic"].value == Decimal("35.82")
    assert round(figures["share_project"].value) == 64
    assert figures["sangong_saving_budget"].value == Decimal("21.50")
    assert figures["sangong_saving_last_year"].value == Decimal("3.30")
    assert figures["sangong_control_rate"].display == "41.50%"


def test_yueyang_summary_row_is_rolled_up_from_its_three_sub_units(sheet_of):
    sheet = sheet_of("yueyang", 2017)
    assert [child.unit_name for child in sheet.children] == ["科协机关", "科技活动管理中心", "科技馆"]
    assert sheet.value("income_total") == Decimal("1086.91")
    assert sheet.value("exp_total") == Decimal("1003.30")
    # The document's own summary says 359.39; its sub-units add up to 359.40.
    assert sheet.value("exp_basic") == Decimal("359.40")
    assert sheet.stated("exp_basic") == Decimal("359.39")


def test_jiangmen_2022_overall_execution_of_its_four_lines(sheet_of):
    fund = funds_by_name(sheet_of("jiangmen", 2022))["科学技术普及支出"]
    assert fund.budget == Decimal("292.00")
    assert fund.spent == Decimal("195.10")
    assert fund_execution(fund).display == "66.82%"


def test_a_missing_denominator_says_what_is_missing(sheet_of):
    figures = derived(sheet_of("yueyang", 2017))
    assert figures["execution_basic"].value is None
    assert figures["execution_basic"].formula == "基本支出 ÷ 基本支出预算数：缺少基本支出预算数"
