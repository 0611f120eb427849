"""Who may move a self-evaluation along its workflow. Read here, tested in tests/evaluations.

A permission combines the role (units.rules) with state predicates: separation of
duties says the person who submitted may not approve, send or accept the same
evaluation, a reviewer may not approve indicator values they typed themselves, and
the one who approved may not accept it for the finance bureau. A unit may allow
one person to do all (Unit.allow_single_person, off by default). evaluations.domain.step
checks these under the evaluation's row lock.
"""

import rules

from jixiao.goals.models import Indicator
from jixiao.units.rules import can_edit_unit, can_review_unit, is_finance_bureau_for


def _unit(evaluation):
    return evaluation.goal.unit_year.unit


def _last_actor(evaluation, action):
    step = evaluation.steps.filter(action=action).order_by("-at", "-pk").first()
    return step.user_id if step else None


@rules.predicate
def edits(user, evaluation):
    return can_edit_unit(user, _unit(evaluation))


@rules.predicate
def reviews(user, evaluation):
    return can_review_unit(user, _unit(evaluation))


@rules.predicate
def bureau(user, evaluation):
    return is_finance_bureau_for(user, _unit(evaluation))


@rules.predicate
def single_person_unit(user, evaluation):
    return _unit(evaluation).allow_single_person


@rules.predicate
def submitted_it(user, evaluation):
    return _last_actor(evaluation, "submit") == user.pk


@rules.predicate
def approved_it(user, evaluation):
    return _last_actor(evaluation, "approve") == user.pk


# A reviewer's own grades of 定性 indicators are part of reviewing, not values typed by the unit.
REVIEWER_FIELDS = {"qualitative_tier", "qualitative_score", "tier_reason"}


@rules.predicate
def typed_its_values(user, evaluation):
    """The user changed an indicator value of the goal (other than a reviewer's grade) since the last approval."""
    since = evaluation.steps.filter(action="approve").order_by("-at", "-pk").values_list("at", flat=True).first()
    records = Indicator.history.filter(goal_id=evaluation.goal_id, history_user=user, history_type="~")
    if since is not None:
        records = records.filter(history_date__gt=since)
    for record in records.order_by("history_date", "history_id"):
        previous = record.prev_record
        if previous is None or {change.field for change in record.diff_against(previous).changes} - REVIEWER_FIELDS:
            return True
    return False


# action → role predicate: the one place that says who may do what.
ACTION_PERMISSIONS = {
    "submit": edits,
    "return": reviews,
    "approve": reviews,
    "reopen": reviews,
    "send": reviews,
    "accept": bureau,
    "bureau_return": bureau,
    "bureau_reopen": bureau,
}

# Separation of duties: action → [(predicate that forbids it, Chinese reason)].
CONFLICTS = {
    "approve": [
        (submitted_it, "您提交了这份自评，不能由您本人审核通过（审核须由他人进行）。"),
        (typed_its_values, "您修改过这份自评的指标实际值，不能审核自己填写的内容。"),
    ],
    "send": [(submitted_it, "您提交了这份自评，不能由您本人报送财政部门。")],
    "accept": [
        (submitted_it, "您提交了这份自评，不能由您本人接收。"),
        (approved_it, "您审核了这份自评，不能由您本人接收。"),
    ],
}


def conflict(user, action, evaluation) -> str:
    """The separation-of-duties reason that forbids this user the action, or ""."""
    if single_person_unit(user, evaluation):
        return ""
    for predicate, reason in CONFLICTS.get(action, []):
        if predicate(user, evaluation):
            return reason
    return ""


for action, role in ACTION_PERMISSIONS.items():
    permission = role
    for predicate, _ in CONFLICTS.get(action, []):
        permission = permission & (single_person_unit | ~predicate)
    rules.add_perm(f"evaluations.{action}", permission)
