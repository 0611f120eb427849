"""Who may do what in a target assessment.

The assessment office of the issuing association runs everything. A county's
own people (any non-judge role covering the county) see its submission and
published result; its fillers change the submission. A judge sees only what a
judge record in the round opens, and never another judge's scores.
"""

import rules
from django.db.models import Q

from jixiao.units.models import Role, RoleKind
from jixiao.units.rules import can_edit_unit, can_view_unit, is_assessment_office_for


@rules.predicate
def is_office_for_scheme(user, scheme):
    return scheme is not None and is_assessment_office_for(user, scheme.issuing_unit)


@rules.predicate
def is_office_for_round(user, round_):
    return round_ is not None and is_assessment_office_for(user, round_.scheme.issuing_unit)


@rules.predicate
def is_office_for_submission(user, submission):
    return submission is not None and is_office_for_round(user, submission.round)


@rules.predicate
def is_county_reader(user, submission):
    return submission is not None and can_view_unit(user, submission.unit)


@rules.predicate
def is_county_editor(user, submission):
    return submission is not None and can_edit_unit(user, submission.unit)


@rules.predicate
def is_judge_of_submission(user, submission):
    """A judge of the round may read a county's submission once on-site scoring has begun, unless in conflict."""
    from jixiao.assessment.scoring import judge_for, may_score  # noqa: PLC0415  (scoring imports models)

    if submission is None or submission.round.status == "collecting":
        return False
    judge = judge_for(user, submission.round)
    return judge is not None and may_score(judge, submission.unit) is None


def has_judge_role(user, issuing_unit) -> bool:
    """A judge role on the issuing association, on a unit below it, or above it."""
    if not user.is_authenticated:
        return False
    return Role.objects.filter(
        Q(unit__path__startswith=issuing_unit.path) | Q(unit_id__in=issuing_unit.ancestor_ids()), user=user, kind=RoleKind.JUDGE
    ).exists()


rules.add_perm("assessment.manage_scheme", is_office_for_scheme)
rules.add_perm("assessment.manage_round", is_office_for_round)
rules.add_perm("assessment.view_submission", is_office_for_submission | is_county_reader | is_judge_of_submission)
rules.add_perm("assessment.edit_submission", is_county_editor)
