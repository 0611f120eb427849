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
