"""One test per sentence template of the generated text: official Chinese, every figure from the data.

Each template is written with the figures of a source document, and the test
checks the sentence as the source would print it, then that a missing figure
removes the clause (or the sentence) instead of printing a prompt.
"""

import re
from decimal import Decimal as D
from types import SimpleNamespace

from jixiao.documents import analysis, generate
from jixiao.money import percent

YUEYANG = {
    "income_total": D("1086.91"), "income_carry_over": D("158.39"), "income_fiscal": D("825.52"),
    "exp_total": D("1003.30"), "exp_basic": D("359.39"), "exp_personnel": D("355.81"), "exp_office": D("3.58"),
    "exp_project": D("643.91"), "balance_current": D("83.62"),
    "sangong_actual": D("15.25"), "sangong_budget": D("36.75"), "sangong_last_year": D("18.55"),
    "fa_total": D("1086.47"), "fa_in_use": D("1086.47"), "fa_added": D("65.29"), "fa_purchased": D("47.34"),
    "fa_transferred_in": D("17.95"),
}


def facts(**changes):
    values = {**YUEYANG, **changes}
    values["share_basic"] = percent(values["exp_basic"], values["exp_total"]) if values["exp_basic"] else None
    values["share_project"] = percent(values["exp_project"], values["exp_total"]) if values["exp_project"] else None
    values["share_personnel"] = percent(values["exp_personnel"], values["exp_basic"]) if values["exp_basic"] else None
    values["share_office"] = percent(values["exp_office"], values["exp_basic"]) if values["exp_basic"] else None
    values["execution_overall"] = percent(values["exp_total"], values["income_total"]) if values["income_total"] else None
    if values["sangong_budget"] is not None and values["sangong_actual"] is not None:
        values["sangong_saving_budget"] = values["sangong_budget"] - values["sangong_actual"]
        values["sangong_control_rate"] = percent(values["sangong_actual"], values["sangong_budget"])
    if values["sangong_last_year"] is not None and values["sangong_actual"] is not None:
        values["sangong_saving_last_year"] = values["sangong_last_year"] - values["sangong_actual"]
    return values


def figures(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def test_spending_sentence_names_each_part_with_its_share():
    text = analysis.spending_paragraph(facts(), 2017, "岳阳市科协")
    assert text == (
        "2017年岳阳市科协整体支出1003.30万元，其中：基本支出359.39万元，占总支出的35.82%（人员支出355.81万元，"
        "占基本支出的99.00%；公用支出3.58万元，占基本支出的1.00%），项目支出643.91万元，占总支出的64.18%。"
        "全年收入合计1086.91万元，其中上年结转158.39万元，财政拨款825.52万元。整体预算执行率92.31%，当年结余83.62万元。"
    )
    # No figure without its name, none the data does not hold.
    assert not analysis.stale_figures(text, facts(), "分析")


def test_spending_sentence_is_left_out_without_a_total_and_drops_clauses_without_figures():
    assert analysis.spending_paragraph(facts(exp_total=None), 2017, "岳阳市科协") == ""
    text = analysis.spending_paragraph(facts(balance_current=None, income_carry_over=None), 2017, "岳阳市科协")
    assert "当年结余" not in text and "上年结转" not in text and "整体预算执行率92.31%。" in text


def test_sangong_sentence_saving_against_budget_and_last_year():
    text = analysis.sangong_paragraph(facts(), 2017, "岳阳市科协")
    assert text == ("2017年岳阳市科协“三公经费”预算36.75万元，实际开支15.25万元，节约预算21.50万元，"
                    "三公经费控制率41.50%；比上年18.55万元节约3.30万元。")
    assert not analysis.stale_figures(text, facts(), "分析")


def test_sangong_sentence_over_budget_and_above_last_year():
    text = analysis.sangong_paragraph(facts(sangong_actual=D("40.00")), 2017, "岳阳市科协")
    assert "超出预算3.25万元" in text and "比上年18.55万元增加21.45万元" in text


def test_sangong_sentence_is_left_out_without_figures():
    assert analysis.sangong_paragraph(facts(sangong_actual=None, sangong_budget=None), 2017, "岳阳市科协") == ""


def test_fixed_assets_sentence_with_additions():
    text = analysis.fixed_assets_paragraph(facts(), 2017, "岳阳市科协")
    assert text == ("至2017年末岳阳市科协固定资产1086.47万元，其中在用固定资产1086.47万元。"
                    "本年新增固定资产65.29万元（购置47.34万元，无偿划入17.95万元）。")
    assert analysis.fixed_assets_paragraph(facts(fa_total=None), 2017, "岳阳市科协") == ""


def test_fund_sentence_as_the_jiangmen_report_writes_each_sub_line():
    line = SimpleNamespace(name="科普活动", budget=D("155"), spent=D("106.13"))
    assert generate._fund_sentence(line, 2022) == "科普活动：2022年预算安排155.00万元，年末实际支出106.13万元，预算执行率68.47%。"
    nothing = SimpleNamespace(name="青少年科技活动和科技馆站", budget=None, spent=None)
    assert generate._fund_sentence(nothing, 2022) == ""
    zero = SimpleNamespace(name="青少年科技活动和科技馆站", budget=D("0"), spent=D("0"))
    # A budget of 0 has no rate: the sentence says what there is, no "—".
    assert generate._fund_sentence(zero, 2022) == "青少年科技活动和科技馆站：2022年预算安排0.00万元，年末实际支出0.00万元。"


class FakeSheet:
    def __init__(self, values):
        self.values = values

    def value(self, code):
        return self.values.get(code)

    def stated(self, code):
        return self.values.get(code)

    def computed(self, code):
        return None  # no parts: the stated figure is the figure


def test_basic_budget_sentence_as_lishui_writes_it():
    data = SimpleNamespace(fiscal_year=2020, sheet=FakeSheet({
        "budget_basic": D("448.26"), "exp_basic": D("448.17"), "exp_personnel": D("338.42"), "exp_office": D("109.75")}))
    assert generate._basic_budget_sentence(data) == (
        "2020年度部门基本支出本年预算448.26万元，实际支出448.17万元，其中人员经费支出338.42万元，日常公用经费109.75万元。"
        "基本支出预算执行率99.98%。"
    )
    data.sheet.values.pop("budget_basic")
    assert generate._basic_budget_sentence(data) == ""


def test_execution_sentence_as_lishui_writes_it():
    data = SimpleNamespace(fiscal_year=2020)
    lishui = {"income_total": D("679.41"), "income_carry_over": D("9.43"), "income_fiscal": D("669.98"),
              "exp_total": D("658.77"), "execution_overall": D("96.96")}
    assert generate._execution_sentence(data, lishui) == (
        "部门整体2020年度预算收入资金679.41万元，其中上年结转结余9.43万元，财政拨款收入669.98万元。"
        "实际支出658.77万元，预算执行率96.96%。"
    )
    assert generate._execution_sentence(data, {**lishui, "exp_total": None}) == ""


def _data(score=None, declared=None, grade=""):
    return SimpleNamespace(score=score, declared_score=declared, declared_grade=grade)


def test_score_sentence_computed():
    score = SimpleNamespace(total=D("98.00"), grade="优")
    assert generate.score_sentence(_data(score), "岳阳市科协2017年度") == "岳阳市科协2017年度绩效自评综合得分98.00分，评价等次为“优”。"


def test_score_sentence_stated_by_the_unit_is_marked_as_stated():
    text = generate.score_sentence(_data(declared=D("95"), grade="优秀"), "科学技术普及支出项目")
    assert text == "科学技术普及支出项目单位自评得分95分，等次为“优秀”（绩效指标未设定分值，得分为单位自评所报）。"
    line = generate.score_line(_data(declared=D("95"), grade="优秀"))
    assert line.total_text == "95.00" and line.grade == "优秀" and not line.computed
    assert line.footnote == "注：本表绩效指标未设定分值，总分95分、等级“优秀”为单位自评报告所报，未按指标逐项计分。"


def test_no_score_at_all_is_a_blank_with_a_footnote():
    assert generate.score_sentence(_data(), "丽水市科协") == ""
    line = generate.score_line(_data())
    assert (line.total_text, line.grade) == ("", "")
    assert line.footnote == "注：本表绩效指标未设定分值，未计算得分和等级。"


def test_staff_sentence():
    data = SimpleNamespace(authorized_staff_text="共28人，其中：行编11人，事业编17人", actual_staff_text="共28人",
                           fiscal_year=2017)
    assert generate._staff_sentence(data) == "核定人员编制共28人，其中：行编11人，事业编17人；2017年末实有人数共28人。"
    assert generate._staff_sentence(SimpleNamespace(authorized_staff_text="", actual_staff_text="", fiscal_year=2017)) == ""


def test_problems_and_measures_are_numbered_the_official_way():
    data = SimpleNamespace(problems=[("1、预算编制有待加强。", "一是加强学习。"), ("资金安排有待探索。", "严格审核。")])
    blocks = generate._problem_blocks(data, "（四）存在的主要问题", "（五）改进措施和有关建议")
    assert [block.text for block in blocks] == [
        "（四）存在的主要问题", "一是预算编制有待加强。", "二是资金安排有待探索。",
        "（五）改进措施和有关建议", "一是加强学习。", "二是严格审核。",
    ]
    assert generate._problem_blocks(SimpleNamespace(problems=[]), "a", "b") == []


def test_fund_clause_puts_each_sub_line_inside_one_sentence():
    line = SimpleNamespace(name="绿谷新秀入选及考核奖励", budget=D("13.62"), spent=D("13.50"))
    assert generate._fund_clause(line) == "绿谷新秀入选及考核奖励预算13.62万元，实际支出13.50万元，执行率99.12%"
    only_spent = SimpleNamespace(name="全国科普周和科普日活动", budget=None, spent=D("7"))
    assert generate._fund_clause(only_spent) == "全国科普周和科普日活动实际支出7.00万元"
    assert generate._fund_clause(SimpleNamespace(name="x", budget=None, spent=None)) == ""
