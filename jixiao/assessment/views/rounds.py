"""The office's round pages: status and its changes, judges, county attributes, the progress board."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.assessment import rounds
from jixiao.assessment.forms import AdvancedCountForm, JudgeForm, OpenRoundForm, ReasonForm, deadline_problem
from jixiao.assessment.models import (
    ConflictDeclaration,
    Evidence,
    Judge,
    RoundStatus,
    Submission,
    UnitAttribute,
    UnitAttributeCode,
)
from jixiao.assessment.scoring import exclusions, progress
from jixiao.assessment.views.access import round_for_office
from jixiao.history import field_changes
from jixiao.params import parse_id
from jixiao.units.models import RoleKind
from jixiao.units.queries import subtree


def judge_candidates(round_):
    issuing = round_.scheme.issuing_unit
    return (
        get_user_model().objects.filter(
            Q(roles__kind=RoleKind.JUDGE, roles__unit__path__startswith=issuing.path)
            | Q(roles__kind=RoleKind.JUDGE, roles__unit_id__in=issuing.ancestor_ids())
        )
        .exclude(assessment_judgeships__round=round_)
        .distinct()
        .order_by("username")
    )


def _judge_form(round_, data=None):
    return JudgeForm(data, round_=round_, candidates=judge_candidates(round_), units=subtree(round_.scheme.issuing_unit))


@login_required
def detail(request, round_id):
    round_ = round_for_office(request.user, round_id)
    counties = list(round_.assessed_units.order_by("sort_order", "pk"))
    submissions = {s.unit_id: s for s in Submission.objects.filter(round=round_)}
    attributes = {
        (a.unit_id, a.code): a.value for a in UnitAttribute.objects.filter(unit__in=counties, year=round_.scheme.year)
    }
    attribute_rows = [
        {
            "unit": unit,
            "cells": [(code, label, attributes.get((unit.pk, code))) for code, label in UnitAttributeCode.choices],
        }
        for unit in counties
    ]
    return render(request, "assessment/round_detail.html", {
        "round": round_,
        "scheme": round_.scheme,
        "counties": [(unit, submissions.get(unit.pk)) for unit in counties],
        "attribute_codes": UnitAttributeCode.choices,
        "attribute_rows": attribute_rows,
        "judges": round_.judges.select_related("user", "group", "home_unit").prefetch_related("conflicts__unit"),
        "judge_form": _judge_form(round_),
        "reason_form": ReasonForm(),
        "advanced_form": AdvancedCountForm(initial={"advanced_count": round_.advanced_count}),
        "deadline_form": OpenRoundForm(initial={"deadline": round_.submission_deadline}),
        "events": round_.events.select_related("user"),
    })


@login_required
@require_POST
def change_status(request, round_id):
    round_ = round_for_office(request.user, round_id)
    action = request.POST.get("action")
    try:
        if action == "start":
            rounds.start_scoring(round_, request.user)
            messages.success(request, "现场评审已开始，评委可以评分。")
        elif action == "close":
            rounds.close_round(round_, request.user)
            messages.success(request, "评分已关闭。请审核结果后公布。")
        elif action == "reopen":
            rounds.reopen_round(round_, request.POST.get("reason", ""), request.user)
            messages.success(request, "评分已重新开放，原因已记录。")
        elif action == "publish":
            form = AdvancedCountForm(request.POST)
            count = form.cleaned_data["advanced_count"] if form.is_valid() else None
            rounds.publish_round(round_, request.user, count)
            messages.success(request, "考核结果已公布。")
        elif action == "deadline":
            form = OpenRoundForm(request.POST)
            if round_.status != RoundStatus.COLLECTING:
                raise rounds.RoundRefused("只有填报阶段可以修改截止时间")
            if not form.is_valid():
                raise rounds.RoundRefused("填报截止时间" + deadline_problem(form))
            round_.submission_deadline = form.cleaned_data["deadline"]
            round_.save(update_fields=["submission_deadline"])
            messages.success(request, "填报截止时间已更新。")
        else:
            raise rounds.RoundRefused("未知操作")
    except rounds.RoundRefused as refused:
        messages.error(request, str(refused))
    return redirect("assessment:round", round_.pk)


@login_required
@require_POST
def judges(request, round_id):
    round_ = round_for_office(request.user, round_id)
    if request.POST.get("remove"):
        judge = Judge.objects.filter(round=round_, pk=parse_id(request.POST["remove"])).first()
        if judge is None:
            messages.error(request, "要移出的评委不在本轮名单中，请刷新页面。")
            return redirect("assessment:round", round_.pk)
        if judge.scores.exists():
            messages.error(request, f"{judge.name} 已有评分，不能移出评委名单")
        else:
            judge.delete()
            messages.success(request, f"已将 {judge.name} 移出评委名单")
        return redirect("assessment:round", round_.pk)
    form = _judge_form(round_, request.POST)
    if form.is_valid():
        Judge.objects.create(round=round_, **form.cleaned_data)
        messages.success(request, "评委已加入。")
    else:
        messages.error(request, "请选择评委、评委组和所在单位。")
    return redirect("assessment:round", round_.pk)


@login_required
@require_POST
def attributes(request, round_id):
    """有科普大篷车 and the like, per county for the scheme's year: 是 / 否 / 未登记."""
    round_ = round_for_office(request.user, round_id)
    year = round_.scheme.year
    for unit in round_.assessed_units.all():
        for code, _ in UnitAttributeCode.choices:
            typed = request.POST.get(f"{code}-{unit.pk}", "")
            if typed in ("yes", "no"):
                UnitAttribute.objects.update_or_create(unit=unit, year=year, code=code, defaults={"value": typed == "yes"})
            elif typed == "":
                UnitAttribute.objects.filter(unit=unit, year=year, code=code).delete()
    messages.success(request, "考核对象属性已保存；相关门槛随之更新。")
    return redirect("assessment:round", round_.pk)


def board(round_) -> dict:
    counties = list(round_.assessed_units.order_by("sort_order", "pk"))
    item_count = round_.scheme.items.count()
    scored = progress(round_)
    excluded = exclusions(round_, counties)
    rows = []
    for judge in round_.judges.select_related("user", "group"):
        cells = []
        for unit in counties:
            if (judge.pk, unit.pk) in excluded:
                cells.append({"text": "回避", "state": "excluded", "title": excluded[(judge.pk, unit.pk)]})
            else:
                count = scored.get((judge.pk, unit.pk), 0)
                state = "done" if count == item_count else ("partial" if count else "none")
                cells.append({"text": f"{count}/{item_count}", "state": state, "title": ""})
        done = sum(1 for cell in cells if cell["state"] == "done")
        expected = sum(1 for cell in cells if cell["state"] != "excluded")
        rows.append({"judge": judge, "cells": cells, "done": done, "expected": expected})
    return {"round": round_, "counties": counties, "rows": rows}


@login_required
def progress_board(request, round_id):
    round_ = round_for_office(request.user, round_id)
    template = "assessment/_progress_board.html" if request.htmx else "assessment/progress.html"
    return render(request, template, board(round_))



@login_required
def round_history(request, round_id):
    """Office only: judges' conflict declarations (made and withdrawn) and the counties' evidence, deletions included."""
    round_ = round_for_office(request.user, round_id)
    judges = {judge.pk: judge.name for judge in round_.judges.all()}
    units = {unit.pk: unit.display_name for unit in round_.assessed_units.all()}
    submissions = dict(Submission.objects.filter(round=round_).values_list("pk", "unit_id"))
    changes = [
        *field_changes(ConflictDeclaration.history.filter(judge_id__in=judges).select_related("history_user"),
                       lambda r: f"{judges.get(r.judge_id, '')} 回避 {units.get(r.unit_id, '')}", {"reason": "回避原因"},
                       removal=("撤回回避", "（已撤回）")),
        *field_changes(Evidence.history.filter(submission_id__in=submissions).select_related("history_user"),
                       lambda r: f"{units.get(submissions.get(r.submission_id), '')} 佐证材料", {"original_name": "文件"}),
    ]
    changes.sort(key=lambda change: change.when, reverse=True)
    return render(request, "assessment/round_history.html", {"round": round_, "changes": changes})
