"""Downloads: ranking (xlsx) for the office; 通报 and score sheets once published, also for the counties."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from jixiao.assessment import documents, rounds
from jixiao.assessment.domain.files import CONTENT_TYPES
from jixiao.assessment.models import Result, Round, RoundStatus
from jixiao.assessment.queries import county_places
from jixiao.assessment.views.access import assessed_unit, round_for_office
from jixiao.assessment.views.results import SCORES_HIDDEN, scores_hidden


def _download(content: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def ranking_xlsx(request, round_id):
    round_ = round_for_office(request.user, round_id)
    if round_.status in SCORES_HIDDEN:
        return scores_hidden(request, round_)
    rows = rounds.ranking_lines(rounds.stored_ranking(round_).rows.select_related("unit"))
    content = documents.ranking_xlsx(round_, rows, [group.name for group in round_.scheme.judge_groups.all()])
    return _download(content, "xlsx", f"{round_.scheme.year}年度考核排名.xlsx")


@login_required
def notice_docx(request, round_id):
    """通报: the office, and every county of the round, once published."""
    round_ = get_object_or_404(Round.objects.select_related("scheme__issuing_unit"), pk=round_id)
    is_office = request.user.has_perm("assessment.manage_round", round_)
    is_county = any(place_round.pk == round_.pk for place_round, _ in county_places(request.user))
    if not (is_office or is_county) or round_.status != RoundStatus.PUBLISHED:
        raise Http404("结果尚未公布或无权查看")
    results = Result.objects.filter(round=round_).select_related("unit").order_by("rank", "unit__sort_order")
    return _download(documents.notice_docx(round_, results), "docx", f"{round_.scheme.year}年度目标考核通报.docx")


@login_required
def score_sheet_docx(request, round_id, unit_id):
    round_, unit = assessed_unit(round_id, unit_id)
    if request.user.has_perm("assessment.manage_round", round_):
        explained = rounds.explain(rounds.compute(round_, item_scores_of=[unit.pk]), unit.pk, with_names=False)
    elif request.user.has_perm("units.view_unit", unit) and round_.status == RoundStatus.PUBLISHED:
        result = Result.objects.filter(round=round_, unit=unit).first()
        if result is None:
            raise Http404("结果尚未公布")
        explained = result.explanation
    else:
        raise Http404("无权查看该单位的评分表")
    return _download(documents.score_sheet_docx(round_, unit, explained), "docx", f"{unit.display_name}{round_.scheme.year}年度考核评分表.docx")
