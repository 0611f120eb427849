"""Results: the office's overview, each county's explanation down to judges' item scores, bonus, routine work,
veto, fairness analytics; and the county's own published result (without judges' names)."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.assessment import rounds
from jixiao.assessment.domain.aggregation import TIE_RULE_TEXT
from jixiao.assessment.domain.fairness import compare_aggregations, item_agreement, judge_deviations
from jixiao.assessment.domain.numbers import fmt_score
from jixiao.assessment.forms import BonusAwardForm, RoutineForm, VetoForm
from jixiao.assessment.models import BonusAward, Result, RoundStatus, RoutineRecord, Veto
from jixiao.assessment.views.access import assessed_unit, round_for_office

# A city's dozen counties fit one page; a province's thousands are read a page at a time.
RANKING_PAGE_SIZE = 100

# Until scoring closes the office sees progress (who scored whom), never values: a figure seen
# while judges are still scoring could be passed on to them.
SCORES_HIDDEN = (RoundStatus.COLLECTING, RoundStatus.SCORING)


def scores_hidden(request, round_):
    """The page that stands in for any scores while the round is still being scored."""
    return render(request, "assessment/scores_hidden.html", {"round": round_})


@login_required
def overview(request, round_id):
    round_ = round_for_office(request.user, round_id)
    if round_.status in SCORES_HIDDEN:
        return scores_hidden(request, round_)
    ranking = rounds.stored_ranking(round_)
    page = Paginator(ranking.rows.select_related("unit"), RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assessment/results.html", {
        "round": round_,
        "scheme": round_.scheme,
        "groups": round_.scheme.judge_groups.all(),
        "rows": rounds.ranking_lines(page.object_list),
        "page": page,
        "tie_rule": TIE_RULE_TEXT[round_.scheme.tie_break],
        "charts": ranking.charts,
    })


def _adjustable(round_) -> bool:
    return round_.status != RoundStatus.PUBLISHED


@login_required
def explanation(request, round_id, unit_id):
    """Office only: every judge's item scores for the county, with names, and the steps to its final score."""
    round_ = round_for_office(request.user, round_id)
    _, unit = assessed_unit(round_.pk, unit_id)
    if round_.status in SCORES_HIDDEN:
        return scores_hidden(request, round_)
    outcome = rounds.compute(round_, item_scores_of=[unit.pk])
    return render(request, "assessment/explanation.html", {
        "round": round_,
        "scheme": round_.scheme,
        "unit": unit,
        "explained": rounds.explain(outcome, unit.pk, with_names=True),
        "items": outcome.items,
        "bonus_awards": BonusAward.objects.filter(round=round_, unit=unit).select_related("bonus_item", "awarded_by"),
        "routine": RoutineRecord.objects.filter(round=round_, unit=unit).first(),
        "veto": Veto.objects.filter(round=round_, unit=unit).first(),
        "adjustable": _adjustable(round_),
        "bonus_form": BonusAwardForm(scheme=round_.scheme),
        "routine_form": RoutineForm(scheme=round_.scheme),
        "veto_form": VetoForm(),
    })


@login_required
@require_POST
def adjust(request, round_id, unit_id):
    """Bonus awards, the routine-work record and the veto: added or removed by the office before publishing."""
    round_ = round_for_office(request.user, round_id)
    _, unit = assessed_unit(round_.pk, unit_id)
    back = redirect("assessment:result_explanation", round_.pk, unit.pk)
    if not _adjustable(round_):
        messages.error(request, "结果已公布；如需调整，请先重新开放评分并说明原因")
        return back
    what = request.POST.get("what")
    try:
        if what == "bonus":
            form = BonusAwardForm(request.POST, scheme=round_.scheme)
            if form.is_valid():
                rounds.award_bonus(round_, unit, request.user, **form.cleaned_data)
                messages.success(request, "加分已记录。")
            else:
                messages.error(request, "加分未记录：" + "；".join(e for errors in form.errors.values() for e in errors))
        elif what == "remove_bonus":
            rounds.withdraw_bonus(round_, get_object_or_404(BonusAward, round=round_, unit=unit, pk=request.POST.get("award")))
            messages.success(request, "加分已撤销。")
        elif what == "routine":
            form = RoutineForm(request.POST, scheme=round_.scheme)
            if form.is_valid():
                rounds.record_routine(round_, unit, **form.cleaned_data)
                messages.success(request, "平时工作情况已记录。")
            else:
                messages.error(request, "平时工作情况未记录：" + "；".join(e for errors in form.errors.values() for e in errors))
        elif what == "veto":
            form = VetoForm(request.POST)
            if form.is_valid():
                rounds.record_veto(round_, unit, request.user, **form.cleaned_data)
                messages.success(request, "一票否决已记录：该单位不参加排名和评先。")
            else:
                messages.error(request, "一票否决须填写原因和批准会议")
        elif what == "remove_veto":
            rounds.lift_veto(round_, unit)
            messages.success(request, "一票否决已撤销。")
    except rounds.RoundRefused as refused:
        messages.error(request, str(refused))
    return back


@login_required
def fairness(request, round_id):
    round_ = round_for_office(request.user, round_id)
    if round_.status in SCORES_HIDDEN:
        return scores_hidden(request, round_)
    outcome = rounds.compute(round_)
    deviations = judge_deviations(outcome.results)
    agreement = item_agreement(outcome.panel, outcome.counties, outcome.results)
    comparison = compare_aggregations(outcome.panel, outcome.counties)
    items = {item.pk: item for item in outcome.items}
    return render(request, "assessment/fairness.html", {
        "round": round_,
        "scheme": round_.scheme,
        "judges": [
            {
                "judge": outcome.judges[row.judge_id], "counties": row.counties,
                "mean": fmt_score(row.mean_deviation), "mean_abs": fmt_score(row.mean_abs_deviation), "outlier": row.outlier,
            }
            for row in deviations
        ],
        "agreement": [
            {"item": items[row.item_id], "spread": fmt_score(row.mean_spread), "share": fmt_score(row.share), "level": row.level}
            for row in agreement
        ],
        "comparison": [
            {
                "unit": outcome.units[row.unit_id], "rank": row.rank, "final": fmt_score(row.final),
                "other_rank": row.other_rank, "other_final": fmt_score(row.other_final), "changed": row.changed,
            }
            for row in comparison
        ],
        "current": "去掉最高分和最低分" if round_.scheme.drop_extremes else "算术平均（不去极值）",
        "other": "算术平均（不去极值）" if round_.scheme.drop_extremes else f"去掉最高分和最低分（每组不少于{round_.scheme.drop_extremes_min_judges}名评委时）",
        "any_changed": any(row.changed for row in comparison),
        "charts": rounds.chart_data(outcome, with_judges=True),
    })


@login_required
def county_result(request, round_id, unit_id):
    """What the county sees once results are published: its score explained, judges unnamed; the ranking."""
    round_, unit = assessed_unit(round_id, unit_id)
    user = request.user
    is_office = user.has_perm("assessment.manage_round", round_)
    if not (is_office or user.has_perm("units.view_unit", unit)):
        raise Http404("无权查看该单位的考核结果")
    published = round_.status == RoundStatus.PUBLISHED
    result = Result.objects.filter(round=round_, unit=unit).first() if published else None
    ranking = Result.objects.filter(round=round_).select_related("unit").order_by("rank", "unit__sort_order") if published else []
    radar = None
    if result:
        categories = result.explanation["categories"]
        radar = {
            "indicators": [{"name": c["name"], "max": float(c["points"])} for c in categories],
            "series": [{"name": unit.display_name, "value": [c["score"] for c in categories]}],
        }
    # The stored explanation numbers the items; their names come from the scheme (one query).
    contents = dict(round_.scheme.items.values_list("number", "content")) if result else {}
    items = [{**row, "content": contents.get(row["number"], "")} for row in result.explanation["items"]] if result else []
    return render(request, "assessment/county_result.html", {
        "items": items,
        "round": round_, "scheme": round_.scheme, "unit": unit, "result": result, "ranking": ranking,
        "explained": result.explanation if result else None, "published": published,
        "radar": radar,
    })
