"""Who may see or change a unit. Other apps build on these predicates.

A role on a unit covers every unit below it. Readers: any role. Editors: filler
and unit admin. Reviewers approve. The finance bureau reads and accepts.
"""

import rules

from jixiao.units.models import RoleKind
from jixiao.units.queries import EDITING_ROLES, has_role


@rules.predicate
def can_view_unit(user, unit):
    return unit is not None and has_role(user, unit)


@rules.predicate
def can_edit_unit(user, unit):
    return unit is not None and has_role(user, unit, EDITING_ROLES)


@rules.predicate
def can_review_unit(user, unit):
    return unit is not None and has_role(user, unit, {RoleKind.REVIEWER, RoleKind.UNIT_ADMIN})


@rules.predicate
def is_finance_bureau_for(user, unit):
    return unit is not None and has_role(user, unit, {RoleKind.FINANCE_BUREAU})


@rules.predicate
def is_assessment_office_for(user, unit):
    return unit is not None and has_role(user, unit, {RoleKind.ASSESSMENT_OFFICE})


rules.add_perm("units.view_unit", can_view_unit)
rules.add_perm("units.change_unit_data", can_edit_unit)
rules.add_perm("units.review_unit", can_review_unit)
rules.add_perm("units.finance_review_unit", is_finance_bureau_for)
