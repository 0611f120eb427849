"""The goal page as each role sees it: the state bar, the lock banner, read-only values as text, the score card
printed once, 定性 indicators typed as words and graded by the reviewer while the evaluation waits for review."""

import re
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.evaluations import domain as workflow
from jixiao.evaluations.models import SelfEvaluation, Status
from jixiao.goals.domain import execution_of
from jixiao.goals.forms import field_name
from jixiao.goals.models import Goal, Indicator, Operator
from jixiao.goals.scoring import scheme_of, score_goal
from tests.page_text import by_id, by_testid, inputs, text, tree


def url(goal):
    return reverse("goals:goal", args=[goal.unit_year.unit_id, goal.unit_year.fiscal_year, goal.pk])


def score_card_text(goal) -> list[str]:
    """What the 得分 card must say, line by line: the heading, the total with grade and scheme, each explanation once."""
    result = score_goal(goal, execution_of(goal)[2])
    return ["得分", f"{result.total} 分 · 等次 {result.grade} （{scheme_of(goal).name}）", *result.explanation, *result.errors]


def card_lines(page) -> list[str]:
    card = tree(page).xpath('//*[@id="score"]')[0]
    return [text(node) for node in card.xpath("./h2 | ./p | ./ul/li | ./span")]


@pytest.fixture
def yueyang_goal(yueyang_evaluation):
    return yueyang_evaluation.goal


def test_the_score_card_shows_one_total_with_its_explanation_once(client_for, yueyang_reviewer, yueyang_goal):
    page = client_for(yueyang_reviewer).get(url(yueyang_goal))
    card = by_id(page, "score")
    assert card_lines(page) == score_card_text(yueyang_goal)
    assert card.startswith("得分 98.00 分 · 等次 优")
    assert "4.004.00" not in card and card.count("98.00") == 2  # the total, and the 总分 line
    ids = Counter(node.get("id") for node in tree(page).xpath("//*[@id]"))
    assert [name for name, count in ids.items() if count > 1] == []


def test_after_a_save_the_card_has_its_execution_line_once_and_nothing_stray(client_for, lishui_filler, units):
    goal = Goal.objects.select_related("unit_year__unit").get(unit_year__unit=units["lishui"], kind="department")
    SelfEvaluation.objects.filter(goal=goal).update(status=Status.DRAFT)
    indicator = Indicator.objects.create(goal=goal, level1="产出指标", level2="数量指标", name="举办科普活动",
                                         operator=Operator.GE, target=Decimal(10), unit_of_measure="场", points=Decimal(90))
    client = client_for(lishui_filler)
    goal.refresh_from_db()
    response = client.post(url(goal), {"revision": goal.revision, field_name(indicator.pk, "actual"): "12"})
    assert response.status_code == 302
    page = client.get(url(goal))
    card = by_id(page, "score")
    goal.refresh_from_db()
    assert card_lines(page) == score_card_text(goal)
    assert card.count("预算执行率") == 1
    assert re.search(r"预算执行率 [\d.]+% × 10分 = [\d.]+分", card)
    # The live preview swaps the indicator's own cell; the full page prints none of them inside the card.
    preview = client.post(url(goal) + "?preview=1", {"revision": goal.revision, field_name(indicator.pk, "actual"): "8"},
                          HTTP_HX_REQUEST="true")
    assert preview.content.decode().count(f'id="s-{indicator.pk}"') == 1


@pytest.mark.parametrize("who", ["yueyang_filler", "finance_officer"])
def test_a_locked_goal_shows_its_banner_and_no_input_box(request, client_for, who, yueyang_goal):
    person = request.getfixturevalue(who)
    page = client_for(person).get(url(yueyang_goal))
    assert by_testid(page, "lock-banner") == [f"已锁定：{workflow.locked_reason(yueyang_goal.evaluation)}"]
    assert by_testid(page, "lock-banner")[0] == "已锁定：自评状态为“待审核”，不能修改。如需修改，请本单位审核人（退回修改）。"
    table = tree(page).xpath('//form[@id="indicator-form"]')[0]
    assert inputs(table) == []
    values = by_testid(page, "value")
    assert len(values) == yueyang_goal.indicators.count()
    bar = by_testid(page, "state-bar")[0]
    assert "自评状态：待审核" in bar and "当前由：本单位审核人" in bar


def test_the_reviewer_sees_the_next_step_at_the_top(client_for, yueyang_reviewer, yueyang_goal):
    page = client_for(yueyang_reviewer).get(url(yueyang_goal))
    assert by_testid(page, "next-step") == ["审核通过"]
    assert by_testid(page, "state") == ["待审核"]


@pytest.fixture
def qualitative_goal(yueyang_evaluation):
    """The Yueyang goal back in draft; its first 定性 indicator (no number: words, and a grade by the reviewer)."""
    SelfEvaluation.objects.filter(pk=yueyang_evaluation.pk).update(status=Status.DRAFT)
    yueyang_evaluation.steps.all().delete()
    goal = Goal.objects.select_related("unit_year__unit", "evaluation").get(pk=yueyang_evaluation.goal_id)
    return goal, goal.indicators.filter(operator=Operator.QUALITATIVE).first()


def test_a_qualitative_indicator_takes_words_and_the_reviewer_grades_it_while_waiting(
        session_of, yueyang_filler, yueyang_reviewer, qualitative_goal):
    goal, indicator = qualitative_goal
    filler = session_of(yueyang_filler)
    page = filler.get(url(goal))
    field = tree(page).xpath(f'//input[@name="{field_name(indicator.pk, "actual")}"]')[0]
    assert field.get("inputmode") is None  # words, not a number
    response = filler.post(url(goal), {"revision": goal.revision, field_name(indicator.pk, "actual"): "已完成"})
    assert response.status_code == 302, text(tree(response))
    indicator.refresh_from_db()
    assert (indicator.actual_text, indicator.actual) == ("已完成", None)
    goal.refresh_from_db()
    # Submitted without the grade: the reviewer gives it.
    filler.post(reverse("goals:step", args=[goal.unit_year.unit_id, goal.unit_year.fiscal_year, goal.pk, "submit"]),
                {"revision": goal.revision})
    goal.evaluation.refresh_from_db()
    assert goal.evaluation.status == Status.SUBMITTED
    reviewer = session_of(yueyang_reviewer)
    page = reviewer.get(url(goal))
    assert by_testid(page, "lock-banner")  # values are locked ...
    names = {field.get("name") for field in inputs(tree(page).xpath('//form[@id="indicator-form"]')[0])}
    own = {field_name(indicator.pk, name) for name in ("qualitative_tier", "qualitative_score", "tier_reason")}
    assert own <= names
    assert all(re.fullmatch(r"i-\d+-(qualitative_tier|qualitative_score|tier_reason)", name) for name in names)
    points = indicator.points
    goal.refresh_from_db()
    response = reviewer.post(url(goal), {
        "revision": goal.revision, field_name(indicator.pk, "qualitative_tier"): "0",
        field_name(indicator.pk, "qualitative_score"): str(points), field_name(indicator.pk, "tier_reason"): "按期完成，佐证齐全",
        field_name(indicator.pk, "actual"): "篡改",  # a locked value posted anyway is not taken
    })
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.qualitative_tier, indicator.qualitative_score, indicator.actual_text) == (0, Decimal(points), "已完成")
    page = reviewer.get(url(goal))
    row = tree(page).xpath(f'//tr[@data-indicator="{indicator.pk}"]')[0]
    assert re.search(r"定性评价第一档", text(row))
    # Grading is part of reviewing: the reviewer may still approve.
    workflow.step(goal.evaluation, "approve", yueyang_reviewer)
    goal.evaluation.refresh_from_db()
    assert goal.evaluation.status == Status.APPROVED
    # Once approved the grade is locked too.
    assert workflow.grading_refused(goal.evaluation, yueyang_reviewer).startswith("自评状态为“已审核”")


def test_the_filler_may_not_grade_and_the_submitter_may_not_grade_their_own(yueyang_filler, yueyang_admin,
                                                                           qualitative_goal):
    goal, _ = qualitative_goal
    assert workflow.grading_refused(goal.evaluation, yueyang_filler) == "定性指标由本单位审核人评定档次"
    workflow.step(goal.evaluation, "submit", yueyang_admin)
    goal.evaluation.refresh_from_db()
    assert workflow.grading_refused(goal.evaluation, yueyang_admin) == "您提交了这份自评，不能由您本人审核通过（审核须由他人进行）。"
