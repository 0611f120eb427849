"""Which schemes, rounds and assessed units a person is involved in."""

from django.db.models import QuerySet

from jixiao.assessment.models import Judge, Round, Scheme
from jixiao.assessment.rules import has_judge_role
from jixiao.units.models import RoleKind, Unit
from jixiao.units.queries import visible_units


def office_schemes(user) -> QuerySet[Scheme]:
    """Schemes of every association the user runs assessments for."""
    units = visible_units(user, {RoleKind.ASSESSMENT_OFFICE})
    return Scheme.objects.filter(issuing_unit__in=units).select_related("issuing_unit", "round").order_by(
        "-year", "issuing_unit__path", "-version"
    )


def county_places(user) -> list[tuple[Round, Unit]]:
    """(round, assessed unit) for each unit the user belongs to, outside rounds the user runs."""
    if not user.is_authenticated:
        return []
    office_units = visible_units(user, {RoleKind.ASSESSMENT_OFFICE})
    own_units = visible_units(user).exclude(pk__in=office_units)
    rounds = Round.objects.filter(assessed_units__in=own_units).distinct().select_related("scheme__issuing_unit")
    own_ids = set(own_units.values_list("pk", flat=True))
    return [
        (round_, unit)
        for round_ in rounds.order_by("-scheme__year")
        for unit in round_.assessed_units.order_by("sort_order", "pk")
        if unit.pk in own_ids
    ]


def judge_rounds(user) -> list[Round]:
    if not user.is_authenticated:
        return []
    judgeships = Judge.objects.filter(user=user).select_related("round__scheme__issuing_unit")
    return [judge.round for judge in judgeships if has_judge_role(user, judge.round.scheme.issuing_unit)]
