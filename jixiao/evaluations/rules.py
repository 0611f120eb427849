"""Who may move a self-evaluation along its workflow. Read here, tested in tests/evaluations."""

import rules

from jixiao.units.rules import can_edit_unit, can_review_unit, is_finance_bureau_for


def _unit(evaluation):
    return evaluation.goal.unit_year.unit


@rules.predicate
def edits(user, evaluation):
    return can_edit_unit(user, _unit(evaluation))


@rules.predicate
def reviews(user, evaluation):
    return can_review_unit(user, _unit(evaluation))


@rules.predicate
def bureau(user, evaluation):
    return is_finance_bureau_for(user, _unit(evaluation))


# action → predicate: the one place that says who may do what.
ACTION_PERMISSIONS = {
    "submit": edits,
    "return": reviews,
    "approve": reviews,
    "reopen": reviews,
    "send": reviews,
    "accept": bureau,
    "bureau_return": bureau,
}

for action, predicate in ACTION_PERMISSIONS.items():
    rules.add_perm(f"evaluations.{action}", predicate)
