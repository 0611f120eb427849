"""The judge's pages, sized for a tablet: the counties to score, and one county item by item with autosave."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.assessment import rounds
from jixiao.assessment.domain.aggregation import item_scores
from jixiao.assessment.domain.numbers import ZERO, fmt_points, fmt_score
from jixiao.assessment.domain.scores import EntryError
from jixiao.assessment.forms import ConflictForm
from jixiao.assessment.models import ConflictDeclaration, RoundStatus, Submission
from jixiao.assessment.scoring import (
    ScoreRefused,
    assessed_with_conflict,
    conflict_of,
    lock_for_saving,
    own_scores,
    panel_reasons,
    save_score,
)
from jixiao.assessment.submissions import item_rows
from jixiao.assessment.views.access import judge_in_round
from jixiao.params import parse_id


@login_required
def panel(request, round_id):
    round_, judge = judge_in_round(request.user, round_id)
    item_count = round_.scheme.items.count()
    units = list(round_.assessed_units.order_by("sort_order", "pk"))
    reasons = panel_reasons(judge, units)
    scored_by_unit = dict(judge.scores.values("unit").annotate(n=Count("pk")).values_list("unit", "n"))
    counties = []
    for unit in units:
        scored = scored_by_unit.get(unit.pk, 0)
        counties.append({"unit": unit, "reason": reasons[unit.pk], "scored": scored, "done": scored == item_count})
    return render(request, "assessment/judge_panel.html", {
        "round": round_, "judge": judge, "counties": counties, "item_count": item_count,
        "conflict_form": ConflictForm(round_=round_),
        "conflicts": judge.conflicts.select_related("unit"),
    })


@login_required
@require_POST
def declare_conflict(request, round_id):
    round_, judge = judge_in_round(request.user, round_id)
    form = ConflictForm(request.POST, round_=round_)
    if not form.is_valid():
        messages.error(request, "请选择回避单位并填写原因")
    elif round_.status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED):
        messages.error(request, "评分已关闭，不能再声明回避")
    else:
        unit = form.cleaned_data["unit"]
        with transaction.atomic():
            # Queued with the judge's own saves: a save in flight lands before the deletion, a later one is refused.
            lock_for_saving(judge)
            ConflictDeclaration.objects.update_or_create(judge=judge, unit=unit, defaults={"reason": form.cleaned_data["reason"]})
            judge.scores.filter(unit=unit).delete()
        messages.success(request, f"已声明回避{unit.display_name}，您对该单位的评分不再计入。")
    return redirect("assessment:judge_panel", round_.pk)


@login_required
@require_POST
def withdraw_conflict(request, round_id, conflict_id):
    """The judge withdraws a declaration made by mistake; the history keeps both (who, when, the reason)."""
    round_, judge = judge_in_round(request.user, round_id)
    with transaction.atomic():
        status = lock_for_saving(judge)
        declaration = ConflictDeclaration.objects.filter(judge=judge, pk=parse_id(conflict_id)).select_related("unit").first()
        if declaration is None:
            messages.error(request, "该回避声明不存在（可能已撤回），请刷新页面。")
        elif status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED):
            messages.error(request, "评分已关闭，不能再撤回回避声明")
        else:
            # One row at a time, so that django-simple-history records the withdrawal and who made it.
            declaration.delete()
            messages.success(request, f"已撤回对{declaration.unit.display_name}的回避声明，可以为该单位评分（声明时删除的评分需重新录入）。")
    return redirect("assessment:judge_panel", round_.pk)


def _scoring_context(round_, judge, unit, typed=None, errors=None):
    scores = own_scores(judge, unit)
    submission = Submission.objects.filter(round=round_, unit=unit).first()
    rows = item_rows(round_, unit, submission)
    closed = round_.status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED)
    # Only once published: from a panel mean and their own score a judge could work out
    # another judge's score, which must stay hidden until the results are out.
    published = round_.status == RoundStatus.PUBLISHED
    panel_means = {}
    if published:
        outcome = rounds.compute(round_)
        panel_means = item_scores(outcome.panel, outcome.county(unit.pk), outcome.result(unit.pk))
    cards = []
    for row in rows:
        item = row.item
        stored = scores.get(item.pk)
        cards.append({
            "row": row,
            "value": typed.get(item.pk, "") if typed and item.pk in typed else ("" if stored is None else fmt_points(stored)),
            "error": (errors or {}).get(item.pk, ""),
            "saved": stored is not None,
            "panel_mean": fmt_score(panel_means.get(item.pk)) if published else None,
        })
    return {
        "round": round_, "scheme": round_.scheme, "judge": judge, "unit": unit, "submission": submission,
        "cards": cards, "open": round_.status == RoundStatus.SCORING, "closed": closed, "published": published,
        "scored": len(scores), "total": fmt_points(sum(scores.values(), ZERO)),
        "item_count": len(rows),
    }


def _judge_and_unit(request, round_id, unit_id):
    round_, judge = judge_in_round(request.user, round_id)
    unit, declared = assessed_with_conflict(judge, unit_id)
    if unit is None:
        raise Http404("该单位不是本次考核对象")
    reason = conflict_of(judge, unit, declared)
    if reason:
        raise Http404(f"不能为该单位评分：{reason}")
    return round_, judge, unit


@login_required
def score_unit(request, round_id, unit_id):
    """The whole county: GET shows it; POST saves every item typed (without JavaScript), keeping refused values."""
    round_, judge, unit = _judge_and_unit(request, round_id, unit_id)
    if request.method != "POST":
        return render(request, "assessment/score_unit.html", _scoring_context(round_, judge, unit))
    typed, errors, refused = {}, {}, None
    stored = own_scores(judge, unit)
    for item in round_.scheme.items.all():
        name = f"score-{item.pk}"
        if name not in request.POST:
            continue
        typed[item.pk] = request.POST[name].strip()
        if typed[item.pk] == (fmt_points(stored[item.pk]) if item.pk in stored else ""):
            continue
        try:
            save_score(judge, unit, item, typed[item.pk])
        except EntryError as error:
            errors[item.pk] = str(error)
        except ScoreRefused as error:
            refused = str(error)
            break
    if refused:
        messages.error(request, refused)
        return render(request, "assessment/score_unit.html", _scoring_context(round_, judge, unit, typed), status=409)
    if errors:
        messages.error(request, f"有 {len(errors)} 项分数未保存，请按提示修改；其余各项已保存。")
        return render(request, "assessment/score_unit.html", _scoring_context(round_, judge, unit, typed, errors), status=422)
    messages.success(request, "评分已保存。")
    return redirect("assessment:score_unit", round_.pk, unit.pk)


@login_required
@require_POST
def autosave(request, round_id, unit_id, item_id):
    """htmx: save one item as soon as it is typed; answers with that item's score cell and the new total."""
    round_, judge, unit = _judge_and_unit(request, round_id, unit_id)
    items = {item.pk: item for item in round_.scheme.items.all()}
    item = items.get(item_id)
    if item is None:
        raise Http404("该项目不属于本次考核")
    typed = request.POST.get(f"score-{item.pk}", "")
    # Always 200: htmx swaps only successful answers, and the refusal must appear beside the field.
    error = ""
    try:
        save_score(judge, unit, item, typed)
    except (EntryError, ScoreRefused) as refused:
        error = str(refused)
    scores = own_scores(judge, unit)
    return render(request, "assessment/_score_cell.html", {
        "round": round_, "unit": unit, "item": item, "value": typed.strip(), "error": error,
        "saved": not error and item.pk in scores, "open": round_.status == RoundStatus.SCORING and not error.startswith("评分已关闭"), "oob": True,
        "scored": len(scores), "total": fmt_points(sum(scores.values(), Decimal(0))),
        "item_count": len(items),
    })
