"""The finance bureau's overview of every self-evaluation it covers, and the rectification list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.checks.models import Finding
from jixiao.checks.queries import active
from jixiao.evaluations.models import Rectification, RectificationStatus, Status
from jixiao.goals.domain import summarize_all
from jixiao.goals.models import Goal
from jixiao.params import parse_date
from jixiao.units.access import require
from jixiao.units.queries import visible_units

SORTS = {"unit": lambda row: (row["unit"].path, -row["year"]), "rate": lambda row: (row["rate"] is None, row["rate"] or 0),
         "score": lambda row: (row["score"] is None, -(row["score"] or 0)), "findings": lambda row: -row["findings"]}


def overview_rows(user):
    units = visible_units(user)
    goals = Goal.objects.filter(unit_year__unit__in=units).select_related("unit_year__unit", "evaluation").prefetch_related("indicators")
    open_counts = {
        (row["unit_id"], row["fiscal_year"]): row["count"]
        for row in active(Finding.objects.filter(unit__in=units)).values("unit_id", "fiscal_year").annotate(count=Count("pk"))
    }
    rows = []
    for summary in summarize_all(goals):
        goal, evaluation = summary.goal, summary.evaluation
        rows.append({
            "goal": goal, "unit": goal.unit_year.unit, "year": goal.unit_year.fiscal_year, "rate": summary.rate,
            "score": summary.result.total if summary.result else None, "grade": summary.result.grade if summary.result else "",
            "declared": goal.declared_score, "declared_grade": goal.declared_grade,
            "status": evaluation.get_status_display() if evaluation else "未开始",
            "status_code": evaluation.status if evaluation else "",
            "findings": open_counts.get((goal.unit_year.unit_id, goal.unit_year.fiscal_year), 0),
        })
    return rows


@login_required
def overview(request):
    rows = overview_rows(request.user)
    grade = request.GET.get("grade", "")
    status = request.GET.get("status", "")
    if grade:
        rows = [row for row in rows if row["grade"] == grade]
    if status:
        rows = [row for row in rows if row["status_code"] == status]
    sort = request.GET.get("sort", "unit")
    rows.sort(key=SORTS.get(sort, SORTS["unit"]))
    grades = {}
    for row in rows:
        label = row["grade"] or "未评分"
        grades[label] = grades.get(label, 0) + 1
    charts = {
        "scatter": [[float(row["rate"]), float(row["score"]), f"{row['unit'].name} {row['goal'].name}"]
                    for row in rows if row["rate"] is not None and row["score"] is not None],
        "grades": [{"name": name, "value": count} for name, count in grades.items()],
    }
    return render(request, "evaluations/overview.html", {
        "rows": rows, "sort": sort, "grade": grade, "status": status, "statuses": Status.choices,
        "charts": charts,
    })


@login_required
def rectifications(request):
    items = Rectification.objects.filter(unit__in=visible_units(request.user)).select_related("unit", "closed_by")
    return render(request, "evaluations/rectifications.html", {"items": items})


@login_required
@require_POST
def close_rectification(request, item_id):
    item = get_object_or_404(Rectification.objects.filter(unit__in=visible_units(request.user)), pk=item_id)
    require(request.user, "units.change_unit_data", item.unit)
    note = request.POST.get("close_note", "").strip()
    if not note:
        messages.error(request, "关闭整改事项须填写整改结果。")
        return redirect("evaluations:rectifications")
    item.status, item.close_note, item.closed_at, item.closed_by = RectificationStatus.CLOSED, note, timezone.now(), request.user
    item._history_user = request.user
    item.save()
    messages.success(request, "整改事项已关闭。")
    return redirect("evaluations:rectifications")


@login_required
@require_POST
def plan_rectification(request, item_id):
    """Set who owns a rectification item and by when it is due."""
    item = get_object_or_404(Rectification.objects.filter(unit__in=visible_units(request.user)), pk=item_id)
    require(request.user, "units.change_unit_data", item.unit)
    try:
        due = parse_date(request.POST.get("due_date", ""))
    except ValueError as error:
        messages.error(request, f"整改期限{error}")
        return redirect("evaluations:rectifications")
    owner = request.POST.get("owner", "").strip()
    owner_limit = Rectification._meta.get_field("owner").max_length
    if len(owner) > owner_limit:
        messages.error(request, f"整改期限未保存：责任人不能超过 {owner_limit} 个字（现在 {len(owner)} 个）。")
        return redirect("evaluations:rectifications")
    item.owner, item.due_date = owner, due
    item._history_user = request.user
    item.save()
    messages.success(request, "已保存责任人和整改期限。")
    return redirect("evaluations:rectifications")
