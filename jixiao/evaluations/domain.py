"""The self-evaluation workflow: draft → submitted → returned | approved → sent → accepted | returned.

Each step is allowed from given statuses, to the roles of rules.ACTION_PERMISSIONS,
and logged with who, when and the comment. Steps that send work back need a reason.
"""

from dataclasses import dataclass

from django.db import transaction

from jixiao.evaluations.models import SelfEvaluation, Status, Step


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    needs_comment: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", "提交审核", frozenset({Status.DRAFT, Status.RETURNED, Status.BUREAU_RETURNED}), Status.SUBMITTED),
        Transition("return", "退回修改", frozenset({Status.SUBMITTED}), Status.RETURNED, needs_comment=True),
        Transition("approve", "审核通过", frozenset({Status.SUBMITTED}), Status.APPROVED),
        Transition("reopen", "撤销审核、重新打开", frozenset({Status.APPROVED}), Status.RETURNED, needs_comment=True),
        Transition("send", "报送财政部门", frozenset({Status.APPROVED}), Status.SENT),
        Transition("accept", "财政接收", frozenset({Status.SENT}), Status.ACCEPTED),
        Transition("bureau_return", "财政退回", frozenset({Status.SENT}), Status.BUREAU_RETURNED, needs_comment=True),
    )
}


class StepRefused(Exception):
    """A workflow step that may not happen; the message says why, in Chinese."""


def available_actions(evaluation: SelfEvaluation, user) -> list[Transition]:
    return [
        t for t in TRANSITIONS.values()
        if evaluation.status in t.sources and user.has_perm(f"evaluations.{t.action}", evaluation)
    ]


@transaction.atomic
def step(evaluation: SelfEvaluation, action: str, user, comment: str = "") -> Step:
    evaluation = SelfEvaluation.objects.select_for_update().select_related("goal__unit_year__unit").get(pk=evaluation.pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise StepRefused("未知操作")
    if not user.has_perm(f"evaluations.{action}", evaluation):
        raise StepRefused(f"您没有权限执行“{transition.label}”")
    if evaluation.status not in transition.sources:
        raise StepRefused(f"当前状态为“{evaluation.get_status_display()}”，不能{transition.label}")
    comment = comment.strip()
    if action == "submit":
        _require_scorable(evaluation.goal)
    if transition.needs_comment and not comment:
        raise StepRefused(f"{transition.label}须填写理由")
    logged = Step.objects.create(
        evaluation=evaluation, user=user, action=action, from_status=evaluation.status,
        to_status=transition.target, comment=comment,
    )
    evaluation.status = transition.target
    evaluation._history_user = user
    evaluation.save()
    return logged


def _require_scorable(goal) -> None:
    """A self-evaluation goes to its reviewer only when every indicator can be scored."""
    from jixiao.goals.domain import execution_of
    from jixiao.goals.scoring import score_goal

    indicators = list(goal.indicators.all())
    if not indicators:
        raise StepRefused("没有绩效指标，不能提交：请先添加指标并填写实际完成值")
    result = score_goal(goal, execution_of(goal)[2], indicators=indicators)
    if result.errors:
        listed = "；".join(result.errors[:3]) + ("……" if len(result.errors) > 3 else "")
        raise StepRefused(f"评分还有 {len(result.errors)} 处问题，不能提交：{listed}")


def ensure_evaluation(goal) -> SelfEvaluation:
    return SelfEvaluation.objects.get_or_create(goal=goal)[0]
