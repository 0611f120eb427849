"""Loading an assessment object for a request: 404 for anyone it is not open to."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from jixiao.assessment.models import Round, Scheme, Submission
from jixiao.assessment.scoring import judge_for
from jixiao.units.models import Unit


def scheme_for_office(user, scheme_id) -> Scheme:
    scheme = get_object_or_404(Scheme.objects.select_related("issuing_unit"), pk=scheme_id)
    if not user.has_perm("assessment.manage_scheme", scheme):
        raise Http404("无权访问该考核办法")
    return scheme


def round_for_office(user, round_id) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("scheme__issuing_unit"), pk=round_id)
    if not user.has_perm("assessment.manage_round", round_):
        raise Http404("无权访问该考核")
    return round_


def assessed_unit(round_id, unit_id) -> tuple[Round, Unit]:
    round_ = get_object_or_404(Round.objects.select_related("scheme__issuing_unit"), pk=round_id)
    unit = get_object_or_404(round_.assessed_units, pk=unit_id)
    return round_, unit


def submission_for_viewer(user, round_id, unit_id):
    """The county's submission for anyone who may read it (its people, the office, an unconflicted judge)."""
    round_, unit = assessed_unit(round_id, unit_id)
    # Not created on a read: an unsaved submission stands for "nothing entered yet".
    submission = Submission.objects.filter(round=round_, unit=unit).first() or Submission(round=round_, unit=unit)
    if not user.has_perm("assessment.view_submission", submission):
        raise Http404("无权访问该单位的填报")
    return round_, unit, submission


def judge_in_round(user, round_id):
    judge = judge_for(user, int(round_id))
    if judge is None:
        raise Http404("您不是本次考核的评委")
    return judge.round, judge
