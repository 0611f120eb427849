"""Goals scored by their scheme: the documents' own results come out of the engine."""

from decimal import Decimal

import pytest

from jixiao.goals.domain import execution_of
from jixiao.goals.models import Goal
from jixiao.goals.scoring import score_goal


@pytest.fixture
def source_goals(source_accounts):
    return source_accounts


def test_yueyang_2017_scores_98_excellent_under_the_hunan_form(source_goals):
    goal = Goal.objects.get(unit_year__unit=source_goals["yueyang"], unit_year__fiscal_year=2017)
    result = score_goal(goal)
    assert (result.total, result.grade) == (Decimal("98.00"), "优")
    assert [(c.name, c.subtotal) for c in result.categories] == [("产出指标", Decimal("60.00")), ("效益指标", Decimal("38.00"))]
    assert result.explanation[-1] == "总分：60.00 + 38.00 = 98.00分，评价等次：优"


def test_jiangmen_execution_rate_beside_its_declared_score(source_goals):
    goal = Goal.objects.get(unit_year__unit=source_goals["jiangmen"])
    budget, spent, rate = execution_of(goal)
    assert (budget, spent, rate) == (Decimal("292.00"), Decimal("195.10"), Decimal("66.82"))
    assert (goal.declared_score, goal.declared_grade) == (Decimal("95"), "优秀")
    assert goal.indicators.count() == 0


def test_an_actual_typed_for_the_unmet_target_scores_in_proportion(source_goals):
    goal = Goal.objects.get(unit_year__unit=source_goals["lishui"], name="人才发展专项")
    academicians = goal.indicators.get(name__startswith="邀请院士")
    academicians.points = Decimal("25")
    result = score_goal(goal, indicators=[academicians])
    [score] = result.indicators
    # The only 产出 indicator carries the category's 50 points plus its share of the
    # absent satisfaction category's 10 (MoF 2020): 56.25.
    assert score.score == Decimal("40.31")
    assert score.explanation.startswith("实际 43 ÷ 目标 60 × 56.25")


def test_ezhou_2022_is_its_forms_project_in_the_forms_words_without_invented_points(source_goals):
    """鄂州市科协 2022年度科普经费项目自评表: 104 budgeted, 103.97 spent; nine rows with 年初目标值 and 实际完成值
    as written; the form gives each row a score but no row its points, so no indicator has points."""
    from jixiao.sources import document_path, ezhou_2022

    form = document_path("ezhou_2022").read_text(encoding="utf-8")
    assert "2022年度科普经费项目自评表" in form and "\t104\n\t103.97\n\t99.97\n\t19\n" in form
    goal = Goal.objects.get(unit_year__unit=source_goals["ezhou"], unit_year__fiscal_year=2022)
    assert (goal.name, goal.kind, goal.scheme_code, goal.special_fund.name) == ("科学普及经费", "project", "", "科学普及经费")
    assert execution_of(goal) == (Decimal("104.00"), Decimal("103.97"), Decimal("99.97"))
    rows = [(i.level1, i.level2, i.name, i.target_text, i.actual_text, i.points) for i in goal.indicators.all()]
    assert rows == [
        ("产出指标", "数量指标", "“科普鄂州”微信公众号运维", "不少于800篇", "800篇", None),
        ("产出指标", "数量指标", "开展全国科普日专题科普活动", "10场", "9场", None),
        ("产出指标", "数量指标", "《科协之窗-身边的科普》栏目", "200期", "200期", None),
        ("产出指标", "质量指标", "科普知识网络竞赛", "提高普及率", "稳步提升", None),
        ("产出指标", "质量指标", "科普宣传栏内容更新", "知识更新率", "实时更新", None),
        ("产出指标", "成本指标", "预算控制数", "≤104万元", "103.97万元", None),
        ("效益指标", "社会效益指标", "公民科学文化素质", "提升10%", "提升10%", None),
        ("效益指标", "经济效益指标", "公民支持科技经济融合发展", "提升10%", "提升10%", None),
        ("效益指标", "生态效益指标", "生态文明理念和意识", "提升10%", "提升10%", None),
    ]
    # What the form itself scored, kept in the source module only: 19 for execution where 20 × 99.97 % is 19.99
    # (the health-check corpus labels it), and 63 over the nine rows.
    assert ezhou_2022.STATED_EXECUTION_SCORE == "19"
    assert sum(Decimal(row[-1]) for row in ezhou_2022.INDICATORS) == Decimal("63")
    assert goal.declared_score is None  # the form prints no total
