"""The self-evaluation workflow: each step by the role allowed to take it, refused to everyone else, logged."""

import pytest

from jixiao.evaluations import domain
from jixiao.evaluations.domain import StepRefused
from jixiao.evaluations.models import SelfEvaluation, Status
from jixiao.goals.models import Goal


def fresh_evaluation(goal) -> SelfEvaluation:
    """The goal's self-evaluation as a new draft: no steps, no snapshots (the demo may have started it)."""
    SelfEvaluation.objects.filter(goal=goal).delete()
    return SelfEvaluation.objects.create(goal=goal)

@pytest.fixture
def evaluation(source_accounts):
    goal = Goal.objects.get(unit_year__unit=source_accounts["yueyang"], unit_year__fiscal_year=2017)
    return fresh_evaluation(goal)


def test_the_whole_way_to_the_finance_bureau_is_logged(evaluation, yueyang_filler, yueyang_reviewer, finance_officer):
    domain.step(evaluation, "submit", yueyang_filler)
    domain.step(evaluation, "return", yueyang_reviewer, "指标5缺少实际值")
    domain.step(evaluation, "submit", yueyang_filler)
    domain.step(evaluation, "approve", yueyang_reviewer)
    domain.step(evaluation, "send", yueyang_reviewer)
    domain.step(evaluation, "accept", finance_officer)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.ACCEPTED
    assert [(s.user.username, s.action, s.from_status, s.to_status, s.comment) for s in evaluation.steps.all()] == [
        ("yueyang_filler", "submit", "draft", "submitted", ""),
        ("yueyang_reviewer", "return", "submitted", "returned", "指标5缺少实际值"),
        ("yueyang_filler", "submit", "returned", "submitted", ""),
        ("yueyang_reviewer", "approve", "submitted", "approved", ""),
        ("yueyang_reviewer", "send", "approved", "sent", ""),
        ("yueyang_finance", "accept", "sent", "accepted", ""),
    ]


@pytest.mark.parametrize(
    ("action", "status", "allowed"),
    [
        ("submit", Status.DRAFT, {"yueyang_filler"}),
        ("return", Status.SUBMITTED, {"yueyang_reviewer"}),
        ("approve", Status.SUBMITTED, {"yueyang_reviewer"}),
        ("reopen", Status.APPROVED, {"yueyang_reviewer"}),
        ("send", Status.APPROVED, {"yueyang_reviewer"}),
        ("accept", Status.SENT, {"yueyang_finance"}),
        ("bureau_return", Status.SENT, {"yueyang_finance"}),
    ],
)
def test_each_step_only_by_its_role(evaluation, action, status, allowed, yueyang_filler, yueyang_reviewer,
                                    finance_officer, lishui_filler, outsider):
    for person in (yueyang_filler, yueyang_reviewer, finance_officer, lishui_filler, outsider):
        SelfEvaluation.objects.filter(pk=evaluation.pk).update(status=status)
        if person.username in allowed:
            domain.step(evaluation, action, person, "理由")
        else:
            with pytest.raises(StepRefused):
                domain.step(evaluation, action, person, "理由")


def test_sending_back_needs_a_reason(evaluation, yueyang_filler, yueyang_reviewer):
    domain.step(evaluation, "submit", yueyang_filler)
    with pytest.raises(StepRefused, match="退回修改须填写理由"):
        domain.step(evaluation, "return", yueyang_reviewer, "  ")
    evaluation.refresh_from_db()
    assert evaluation.status == Status.SUBMITTED


def test_a_step_from_the_wrong_status_is_refused(evaluation, yueyang_reviewer):
    with pytest.raises(StepRefused, match="当前状态为“草稿”，不能审核通过"):
        domain.step(evaluation, "approve", yueyang_reviewer)


def test_approved_is_locked_until_reopened_with_a_reason(evaluation, yueyang_filler, yueyang_reviewer):
    domain.step(evaluation, "submit", yueyang_filler)
    domain.step(evaluation, "approve", yueyang_reviewer)
    evaluation.refresh_from_db()
    assert evaluation.is_locked
    with pytest.raises(StepRefused, match="须填写理由"):
        domain.step(evaluation, "reopen", yueyang_reviewer)
    domain.step(evaluation, "reopen", yueyang_reviewer, "财政要求补充满意度调查")
    evaluation.refresh_from_db()
    assert not evaluation.is_locked


def test_an_evaluation_that_cannot_be_scored_is_not_submitted(source_accounts, lishui_filler, django_user_model):
    goal = Goal.objects.get(unit_year__unit=source_accounts["lishui"], name="人才发展专项")
    evaluation = fresh_evaluation(goal)
    with pytest.raises(StepRefused, match="评分还有 .* 处问题，不能提交"):
        domain.step(evaluation, "submit", lishui_filler)
    from jixiao.units.models import Role, RoleKind

    jiangmen_filler = django_user_model.objects.create_user("jiangmen_filler")
    Role.objects.create(user=jiangmen_filler, unit=source_accounts["jiangmen"], kind=RoleKind.FILLER)
    jiangmen = Goal.objects.get(unit_year__unit=source_accounts["jiangmen"])
    with pytest.raises(StepRefused, match="没有绩效指标，不能提交"):
        domain.step(fresh_evaluation(jiangmen), "submit", jiangmen_filler)
