"""The overview counts a province's goals by grade and status from counts kept per unit-year: they must always equal
the goals themselves, after the demo is loaded, after a step and after a typed actual changes a grade."""

from collections import Counter
from decimal import Decimal

import pytest

from jixiao.evaluations.domain import step
from jixiao.evaluations.models import OverviewCount
from jixiao.goals.domain import save_indicator
from jixiao.goals.models import Goal

pytestmark = pytest.mark.django_db


def counted_from_goals() -> dict:
    """Each goal counted one by one under its unit-year, stored grade and evaluation status ("" without one)."""
    return dict(Counter((unit_year, grade, state or "") for unit_year, grade, state in
                        Goal.objects.values_list("unit_year_id", "result_grade", "evaluation__status")))


def stored_counts() -> dict:
    return {(row.unit_year_id, row.grade, row.status): row.count for row in OverviewCount.objects.all()}


def overview_count(client, query="") -> str:
    page = client.get(f"/evaluations/{query}").content.decode()
    return page.split("共 ", 1)[1].split(" 项", 1)[0]


def test_the_demo_counts_equal_its_goals():
    assert stored_counts() == counted_from_goals()
    assert sum(stored_counts().values()) == Goal.objects.count() > 0


def test_a_return_moves_the_goal_to_the_returned_count(yueyang_evaluation, yueyang_reviewer, finance_officer, client_for):
    client = client_for(finance_officer)
    assert overview_count(client, "?status=returned") == "0"
    submitted = overview_count(client, "?status=submitted")

    step(yueyang_evaluation, "return", yueyang_reviewer, comment="请补充满意度调查的样本量")

    assert overview_count(client, "?status=returned") == "1"
    assert int(overview_count(client, "?status=submitted")) == int(submitted) - 1
    assert stored_counts() == counted_from_goals()


def test_a_typed_actual_that_lowers_the_grade_moves_the_goal_between_grade_counts(yueyang_evaluation, yueyang_filler):
    goal = yueyang_evaluation.goal
    before = goal.result_grade
    for indicator in goal.indicators.filter(points__isnull=False):
        save_indicator(indicator, {"claimed_completion": "10%"}, yueyang_filler)
    goal.refresh_from_db()

    assert goal.result_grade != before and goal.result_score < Decimal(60)
    assert stored_counts() == counted_from_goals()
