"""The self-evaluation workflow: draft → submitted → returned | approved → sent → accepted | returned.

Each step is allowed from given statuses, to the roles of rules.ACTION_PERMISSIONS
(with separation of duties, rules.CONFLICTS), and logged with who, when and the
comment. Steps that send work back need a reason. Steps forward stop while the
unit-year has an open error. Approval and acceptance take a snapshot (Snapshot) and
freeze the unit-year's figures; a reopen by the role above thaws them, logged.
"""

from dataclasses import dataclass

from django.db import transaction

from jixiao.accounts import domain as accounts
from jixiao.accounts.models import UnitYearStatus
from jixiao.evaluations import overview_counts
from jixiao.evaluations.models import SelfEvaluation, Snapshot, Status, Step
from jixiao.evaluations.rules import ACTION_PERMISSIONS, conflict
from jixiao.evaluations.signals import evaluation_frozen
from jixiao.goals import results as goal_results
from jixiao.goals.domain import execution_of, run_goal_checks, save_indicator
from jixiao.goals.models import Checkpoint, Goal, IndicatorProgress, Operator
from jixiao.goals.scoring import score_goal
from jixiao.scoring.queries import UnknownScheme, scheme_by_code


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
        Transition("bureau_reopen", "撤销接收、重新打开", frozenset({Status.ACCEPTED}), Status.BUREAU_RETURNED,
                   needs_comment=True),
    )
}
# Steps forward: none passes an open error of the unit-year.
FORWARD = {"submit", "approve", "send", "accept"}
# Steps that freeze what they approved (a snapshot) and the unit-year's figures with it.
FREEZING = {"approve": UnitYearStatus.APPROVED, "accept": UnitYearStatus.RECEIVED}
# Statuses in which an evaluation holds its unit-year's figures frozen.
HOLDING = {Status.APPROVED, Status.SENT, Status.ACCEPTED}
# Who may reopen an evaluation in each locked status, as refusals name them.
REOPENED_BY = {
    Status.SUBMITTED: "本单位审核人（退回修改）",
    Status.APPROVED: "本单位审核人（撤销审核、重新打开）",
    Status.SENT: "财政部门（财政退回）",
    Status.ACCEPTED: "财政部门（撤销接收、重新打开）",
}


class StepRefused(Exception):
    """A workflow step or a change that may not happen; the message says why, in Chinese."""


def locked_reason(evaluation: SelfEvaluation) -> str:
    """Why the evaluation's goal, indicators, monitoring and texts cannot change now, naming who can reopen it."""
    if not evaluation.is_locked:
        return ""
    return f"自评状态为“{evaluation.get_status_display()}”，不能修改。如需修改，请{REOPENED_BY[evaluation.status]}。"


def lock_editable(goal) -> SelfEvaluation | None:
    """Lock the goal's evaluation row for this transaction; StepRefused unless it may still change.

    Every change of a goal's indicators, monitoring or report texts goes through here.
    """
    evaluation = SelfEvaluation.objects.select_for_update().filter(goal_id=goal.pk).first()
    if evaluation is not None:
        reason = locked_reason(evaluation)
        if reason:
            raise StepRefused(reason)
    return evaluation


def available_actions(evaluation: SelfEvaluation, user) -> list[Transition]:
    return [
        t for t in TRANSITIONS.values()
        if evaluation.status in t.sources and user.has_perm(f"evaluations.{t.action}", evaluation)
    ]


@transaction.atomic
def step(evaluation: SelfEvaluation, action: str, user, comment: str = "", expected_revision: int | None = None) -> Step:
    """Move the evaluation one step, or raise StepRefused saying why.

    `expected_revision` is the goal revision of the page the user acted on: a
    submit from a page whose values were since changed (or never saved) is refused.
    """
    evaluation = SelfEvaluation.objects.select_for_update().select_related("goal__unit_year__unit").get(pk=evaluation.pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise StepRefused("未知操作")
    if not user.has_perm(f"evaluations.{action}", evaluation):
        role = ACTION_PERMISSIONS[action](user, evaluation)
        raise StepRefused((conflict(user, action, evaluation) if role else "") or f"您没有权限执行“{transition.label}”")
    if evaluation.status not in transition.sources:
        raise StepRefused(f"当前状态为“{evaluation.get_status_display()}”，不能{transition.label}")
    goal = evaluation.goal
    if expected_revision is not None and goal.revision != expected_revision:
        raise StepRefused(f"未{transition.label}：您打开本页后，其他人已修改了这些指标。请核对最新数据后再操作。")
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise StepRefused(f"{transition.label}须填写理由")
    unit_year = goal.unit_year
    if action == "submit":
        # 定性 indicators are graded by the reviewer while the evaluation waits for review.
        _require_scorable(goal, graded_later=True)
    if action == "approve":
        _require_scorable(goal)
        accounts.run_checks(unit_year)
        run_goal_checks(unit_year)
    if action in FORWARD:
        try:
            accounts.refuse_open_errors(unit_year.unit, unit_year.fiscal_year, transition.label)
        except accounts.SubmitRefused as refused:
            raise StepRefused(str(refused)) from refused
    logged = Step.objects.create(
        evaluation=evaluation, user=user, action=action, from_status=evaluation.status,
        to_status=transition.target, comment=comment,
    )
    evaluation.status = transition.target
    evaluation._history_user = user
    evaluation.save()
    _move_unit_year(evaluation, action, user, comment or f"随自评“{goal.name}”{transition.label}")
    if action in FREEZING:
        snapshot = Snapshot.objects.create(
            evaluation=evaluation, version=(evaluation.snapshots.count() + 1), action=action,
            status=evaluation.status, user=user, data={},
        )
        evaluation_frozen.send(sender=Snapshot, snapshot=snapshot)
    overview_counts.recount([unit_year.pk])
    return logged


def _move_unit_year(evaluation: SelfEvaluation, action: str, user, comment: str) -> None:
    """Approval freezes the figures the evaluation rests on; acceptance marks them received; a reopen thaws them
    unless another evaluation of the same year still holds them."""
    unit_year = evaluation.goal.unit_year
    if action in FREEZING:
        target = FREEZING[action]
        if unit_year.status != UnitYearStatus.RECEIVED:
            accounts.follow_evaluation(unit_year, user, target, comment)
    elif evaluation.status in {Status.RETURNED, Status.BUREAU_RETURNED} and action != "return":
        others = SelfEvaluation.objects.filter(goal__unit_year=unit_year, status__in=HOLDING).exclude(pk=evaluation.pk)
        if not others.exists() and unit_year.status != UnitYearStatus.DRAFT:
            accounts.follow_evaluation(unit_year, user, UnitYearStatus.DRAFT, comment)


def _require_scorable(goal, graded_later: bool = False) -> None:
    """A self-evaluation goes to its reviewer only when every indicator can be scored, except the grades of its
    定性 indicators (`graded_later`), which the reviewer gives while reviewing; approval needs them all."""
    indicators = list(goal.indicators.all())
    if not indicators:
        raise StepRefused("没有绩效指标，不能提交：请先添加指标并填写实际完成值")
    verb = "提交" if graded_later else "审核通过"
    try:
        result = score_goal(goal, execution_of(goal)[2], indicators=indicators)
    except UnknownScheme as unknown:
        raise StepRefused(f"不能{verb}：{unknown}") from unknown
    errors = result.errors
    if graded_later:
        reviewer_grades = tuple(f"{ind.name or ind.pk}：" for ind in indicators if ind.operator == Operator.QUALITATIVE)
        errors = [error for error in errors if not error.startswith(reviewer_grades)] if reviewer_grades else errors
    if errors:
        listed = "；".join(errors[:3]) + ("……" if len(errors) > 3 else "")
        raise StepRefused(f"评分还有 {len(errors)} 处问题，不能{verb}：{listed}")


@transaction.atomic
def ensure_evaluation(goal) -> SelfEvaluation:
    evaluation, created = SelfEvaluation.objects.get_or_create(goal=goal)
    if created:
        overview_counts.recount([goal.unit_year_id])
    return evaluation


@transaction.atomic
def save_texts(evaluation: SelfEvaluation, texts: dict[str, str], user, expected_revision: int) -> SelfEvaluation:
    """Store the report's narrative texts that were posted (a text not posted stays as it is).

    Refused while the evaluation is locked, and when the texts changed since the
    editor was opened (StaleTexts carries the other person's texts).
    """
    locked = lock_editable(evaluation.goal)
    if locked is None:
        locked = SelfEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.text_revision != expected_revision:
        raise StaleTexts(locked)
    for name in ("summary_text", "analysis_text"):
        if name in texts:
            setattr(locked, name, texts[name].strip())
    locked.text_revision += 1
    locked._history_user = user
    locked.save()
    return locked


class StaleTexts(StepRefused):
    """The report texts changed after the user opened the editor; nothing was saved."""

    def __init__(self, latest: SelfEvaluation):
        super().__init__("保存失败：您打开本页后，其他人已修改了报告文字。您填写的内容仍保留在页面上，"
                         "他人保存的文字显示在下方；请合并后再保存。")
        self.latest = latest


class StaleGoal(StepRefused):
    """The goal's indicators (or its monitoring sheet) changed after the user opened the page; nothing was saved."""

    def __init__(self, what: str = "这些指标"):
        super().__init__(f"保存失败：您打开本页后，其他人已修改了{what}。您填写的内容仍保留在页面上，"
                         "单元格旁注明了他人保存的值；请核对后再保存。")


def _lock_goal(goal, revision_field: str, expected_revision: int, what: str) -> Goal:
    lock_editable(goal)
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    if getattr(locked, revision_field) != expected_revision:
        raise StaleGoal(what)
    return locked


def _bump(locked: Goal, goal, revision_field: str) -> None:
    setattr(locked, revision_field, getattr(locked, revision_field) + 1)
    Goal.objects.filter(pk=locked.pk).update(**{revision_field: getattr(locked, revision_field)})
    setattr(goal, revision_field, getattr(locked, revision_field))


@transaction.atomic
def save_actuals(goal, values: dict[int, dict], user, expected_revision: int) -> None:
    """Store the typed values of a goal's indicators (only the fields posted), all or nothing.

    Refused while the self-evaluation is locked (naming who can reopen it) and when
    the indicators changed since the page was opened (StaleGoal).
    """
    locked = _lock_goal(goal, "revision", expected_revision, "这些指标")
    for indicator in goal.indicators.all():
        save_indicator(indicator, values.get(indicator.pk, {}), user)
    _bump(locked, goal, "revision")
    run_goal_checks(goal.unit_year)


# What a reviewer gives a 定性 indicator while reviewing (the grade tier, the points within it, why).
GRADING_FIELDS = ("qualitative_tier", "qualitative_score", "tier_reason")
# Statuses in which the reviewer may still grade: before approval.
GRADABLE = {Status.DRAFT, Status.RETURNED, Status.BUREAU_RETURNED, Status.SUBMITTED}


def grading_refused(evaluation: SelfEvaluation | None, user) -> str:
    """Why this user may not grade the goal's 定性 indicators now, or "" (the reviewer, before approval,
    not the person who submitted it: separation of duties as for 审核通过)."""
    if evaluation is None:
        return "尚无自评，不能评定定性指标"
    if evaluation.status not in GRADABLE:
        return f"自评状态为“{evaluation.get_status_display()}”，定性档次不能再修改。如需修改，请{REOPENED_BY[evaluation.status]}。"
    if not ACTION_PERMISSIONS["approve"](user, evaluation):
        return "定性指标由本单位审核人评定档次"
    return conflict(user, "approve", evaluation) if evaluation.status == Status.SUBMITTED else ""


@transaction.atomic
def save_grades(goal, values: dict[int, dict], user, expected_revision: int) -> None:
    """Store the reviewer's grades of the goal's 定性 indicators (tier, points, reason), all or nothing.

    Allowed while the evaluation waits for review (and before); refused once approved, to anyone
    but a reviewer, and to the person who submitted it. Only the grading fields of 定性 indicators move.
    """
    evaluation = SelfEvaluation.objects.select_for_update().filter(goal_id=goal.pk).first()
    reason = grading_refused(evaluation, user)
    if reason:
        raise StepRefused(reason)
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    if locked.revision != expected_revision:
        raise StaleGoal("这些指标")
    for indicator in goal.indicators.filter(operator=Operator.QUALITATIVE):
        typed = values.get(indicator.pk, {})
        save_indicator(indicator, {name: typed[name] for name in GRADING_FIELDS if name in typed}, user)
    _bump(locked, goal, "revision")
    goal_results.refresh(goal.unit_year)


@transaction.atomic
def save_monitoring(goal, checkpoints, user, expected_revision: int) -> None:
    """Store a goal's monitoring sheet: [(date, spent, [(indicator, value, forecast, reason)])], all or nothing."""
    locked = _lock_goal(goal, "monitoring_revision", expected_revision, "监控情况")
    for on_date, spent, rows in checkpoints:
        checkpoint, _ = Checkpoint.objects.get_or_create(goal=goal, on_date=on_date)
        if checkpoint.spent != spent:
            checkpoint.spent = spent
            checkpoint._history_user = user
            checkpoint.save()
        for indicator, value, forecast, reason in rows:
            item, _ = IndicatorProgress.objects.get_or_create(checkpoint=checkpoint, indicator=indicator)
            if (item.value, item.forecast, item.reason) != (value, forecast, reason):
                item.value, item.forecast, item.reason = value, forecast, reason
                item._history_user = user
                item.save()
    _bump(locked, goal, "monitoring_revision")


@transaction.atomic
def add_goal(unit_year, goal: Goal, user) -> Goal:
    """A new goal of a unit-year, with its evaluation: only while the year's figures are a draft.

    An approved or received year is frozen as a whole (StepRefused naming who can reopen), so a
    goal cannot be slipped in beside what the reviewer or the finance bureau accepted.
    """
    try:
        locked = accounts.lock_draft(unit_year)
    except accounts.Frozen as frozen:
        raise StepRefused(str(frozen)) from frozen
    if goal.scheme_code:
        try:
            scheme_by_code(goal.scheme_code)
        except UnknownScheme as unknown:
            raise StepRefused(str(unknown)) from unknown
    goal.unit_year = locked
    goal.sort_order = locked.goals.count() + 1
    goal._history_user = user
    goal.save()
    ensure_evaluation(goal)
    run_goal_checks(locked)
    return goal


@transaction.atomic
def change_goal(goal, change):
    """Run `change()` (add an indicator, a qualitative goal, a team member, evidence) under the evaluation's lock.

    Refused (StepRefused, naming who can reopen) once the evaluation is submitted or
    beyond; the goal's revision moves so that an open indicator table is told.
    """
    lock_editable(goal)
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    result = change()
    _bump(locked, goal, "revision")
    goal_results.refresh(goal.unit_year)
    return result
