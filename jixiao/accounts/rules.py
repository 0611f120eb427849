"""Who may move a unit-year's accounts along draft → submitted → approved → received, and who may reopen them.

Role predicates come from units.rules; state predicates (who submitted, who changed
the figures) are here. The domain functions (accounts.domain) check these under the
unit-year's row lock; the views only decide which buttons to show.
"""

import rules

from jixiao.accounts.models import Figure, SpecialFund, UnitYearStatus
from jixiao.units.rules import can_edit_unit, can_review_unit, is_finance_bureau_for

# Who may reopen a year in each frozen state, as the refusal names them.
REOPENED_BY = {
    UnitYearStatus.SUBMITTED: "本单位审核人（退回修改）",
    UnitYearStatus.APPROVED: "本单位审核人（撤销审核、退回修改）",
    UnitYearStatus.RECEIVED: "财政部门（撤销接收、重新打开）",
}


def frozen_reason(unit_year) -> str:
    """Why the figures of a unit-year cannot change now, naming who can reopen it; "" while it is a draft."""
    if unit_year.status == UnitYearStatus.DRAFT:
        return ""
    return (f"{unit_year.unit.display_name}{unit_year.fiscal_year}年度数据状态为“{unit_year.get_status_display()}”，"
            f"不能修改。如需修改，请{REOPENED_BY[unit_year.status]}。")


def _last_actor(unit_year, action):
    event = unit_year.events.filter(action=action).order_by("-at", "-pk").first()
    return event.user_id if event else None


def _since_last_approval(unit_year):
    event = unit_year.events.filter(action="approve").order_by("-at", "-pk").first()
    return event.at if event else None


def edited_figures(user, unit_year) -> bool:
    """The user changed a figure or special fund of the unit-year (or its sub-units) since its last approval."""
    since = _since_last_approval(unit_year)
    years = [unit_year.pk, *unit_year.unit.children.filter(years__fiscal_year=unit_year.fiscal_year)
             .values_list("years__pk", flat=True)]
    for model in (Figure, SpecialFund):
        records = model.history.filter(unit_year_id__in=years, history_user=user)
        if since is not None:
            records = records.filter(history_date__gt=since)
        if records.exists():
            return True
    return False


@rules.predicate
def single_person_unit(user, unit_year):
    return unit_year.unit.allow_single_person


@rules.predicate
def submitted_it(user, unit_year):
    return _last_actor(unit_year, "submit") == user.pk


@rules.predicate
def approved_it(user, unit_year):
    return _last_actor(unit_year, "approve") == user.pk


@rules.predicate
def changed_its_figures(user, unit_year):
    return edited_figures(user, unit_year)


@rules.predicate
def edits(user, unit_year):
    return can_edit_unit(user, unit_year.unit)


@rules.predicate
def reviews(user, unit_year):
    return can_review_unit(user, unit_year.unit)


@rules.predicate
def bureau(user, unit_year):
    return is_finance_bureau_for(user, unit_year.unit)


# action → (role predicate, the state it starts from)
ROLES = {
    "submit": edits,
    "return": reviews,
    "approve": reviews,
    "receive": bureau,
    "reopen_approved": reviews,
    "reopen_received": bureau,
}

# Separation of duties: (predicate that forbids, Chinese reason). A unit may allow one person to do all.
CONFLICTS = {
    "approve": [
        (submitted_it, "您提交了本年度数据，不能由您本人审核（审核须由他人进行）。"),
        (changed_its_figures, "您修改过本年度数据，不能审核自己修改的内容。"),
    ],
    "receive": [
        (submitted_it, "您提交了本年度数据，不能由您本人接收。"),
        (approved_it, "您审核了本年度数据，不能由您本人接收。"),
    ],
}


def conflict(user, action, unit_year) -> str:
    """The separation-of-duties reason that forbids this user the action, or ""."""
    if single_person_unit(user, unit_year):
        return ""
    for predicate, reason in CONFLICTS.get(action, []):
        if predicate(user, unit_year):
            return reason
    return ""


for action, role in ROLES.items():
    forbidden = CONFLICTS.get(action, [])
    permission = role
    for predicate, _ in forbidden:
        permission = permission & (single_person_unit | ~predicate)
    rules.add_perm(f"accounts.{action}", permission)
