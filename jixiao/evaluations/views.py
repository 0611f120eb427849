"""The finance bureau's overview of every self-evaluation it covers, and the rectification list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.evaluations import overview_counts
from jixiao.evaluations.models import Rectification, RectificationStatus, Status
from jixiao.goals.models import Goal
from jixiao.goals.scoring import scheme_of
from jixiao.params import parse_date
from jixiao.scoring.domain import may_edit_schemes
from jixiao.scoring.queries import SchemeBook, UnknownScheme
from jixiao.units.access import require
from jixiao.units.queries import visible_units
from jixiao.units.regions import place_names_of

# Sorted in the database on the stored results (goals/results.py); the unit's path keeps the order stable.
SORTS = {
    "unit": ["unit_year__unit__path", "-unit_year__fiscal_year", "sort_order", "pk"],
    "rate": [F("result_rate").asc(nulls_last=True), "unit_year__unit__path", "pk"],
    "score": [F("result_score").desc(nulls_last=True), "unit_year__unit__path", "pk"],
    "findings": ["-result_open_findings", "unit_year__unit__path", "pk"],
}
# The unit-years in the order SORTS["unit"] gives their goals.
UNIT_YEAR_ORDER = ["unit_year__unit__path", "-unit_year__fiscal_year"]
PAGE_SIZE = 50


def overview_goals(user, grade: str = "", status: str = "", sort: str = "unit"):
    """The goals a user may see, filtered and sorted in the database on their stored results."""
    goals = Goal.objects.filter(unit_year__unit__in=visible_units(user))
    grade, status = overview_counts.wanted(grade, status)
    if grade is not None:
        goals = goals.filter(result_grade=grade)
    if status == "":
        goals = goals.filter(evaluation__isnull=True)
    elif status is not None:
        goals = goals.filter(evaluation__status=status)
    return goals.order_by(*SORTS.get(sort, SORTS["unit"]))


def consequence_of(goal, book: SchemeBook, places: dict) -> str:
    """结果应用: what the goal's scheme does with its grade (优 priority, 差 cancel, ...); "" when not graded."""
    if not goal.result_grade:
        return ""
    try:
        return scheme_of(goal, book, places).consequences.get(goal.result_grade, "")
    except UnknownScheme:
        return ""


def overview_rows(goals) -> list[dict]:
    rows = []
    goals = list(goals)
    # Place names of the page's units in one query, for goals that name no scheme (their place's applies).
    book, places = SchemeBook.load(), place_names_of({goal.unit_year.unit for goal in goals})
    for goal in goals:
        evaluation = getattr(goal, "evaluation", None)
        rows.append({
            "goal": goal, "unit": goal.unit_year.unit, "year": goal.unit_year.fiscal_year, "rate": goal.result_rate,
            "score": goal.result_score, "grade": goal.result_grade,
            "declared": goal.declared_score, "declared_grade": goal.declared_grade,
            "status": evaluation.get_status_display() if evaluation else "未开始",
            "status_code": evaluation.status if evaluation else "",
            "findings": goal.result_open_findings,
            "consequence": consequence_of(goal, book, places),
        })
    return rows


@login_required
def overview(request):
    """One page of the overview: the grade counts (and so the count), the page's ids, its goals with their unit-year,
    unit and evaluation."""
    grade = request.GET.get("grade", "")
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "unit")
    goals = overview_goals(request.user, grade, status, sort)
    # The grade counts are the page's count too, summed from the stored counts per unit-year (overview_counts).
    counts = overview_counts.counts_of(visible_units(request.user), grade, status)
    counted = overview_counts.grade_counts(counts)
    grades = [{"name": name or "未评分", "value": count} for name, count in counted]
    paginator = Paginator(goals.values_list("pk", flat=True), PAGE_SIZE)
    paginator.count = sum(count for _, count in counted)
    page = paginator.get_page(request.GET.get("page"))
    if sort in SORTS and sort != "unit":
        # The sort picks the page's ids over narrow rows, in the database.
        ids = list(page.object_list)
    else:
        # By unit, the stored counts say which unit-years hold the page: only their goals are sorted.
        unit_years, skip = overview_counts.page_unit_years(
            counts, UNIT_YEAR_ORDER, max(page.start_index() - 1, 0), PAGE_SIZE)
        ids = list(goals.filter(unit_year_id__in=unit_years).values_list("pk", flat=True)[skip:skip + PAGE_SIZE])
    # The page's 50 goals are then read whole with their unit-year, unit and evaluation (sorting whole rows,
    # texts and all, cost the database most of the time).
    by_id = Goal.objects.select_related("unit_year__unit", "evaluation").in_bulk(ids)
    page.object_list = [by_id[pk] for pk in ids]
    rows = overview_rows(page.object_list)
    charts = {
        # The scatter shows the page's goals: a province's thousands would not read as points.
        "scatter": [[float(row["rate"]), float(row["score"]), f"{row['unit'].name} {row['goal'].name}"]
                    for row in rows if row["rate"] is not None and row["score"] is not None],
        "grades": grades,
    }
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "evaluations/overview.html", {
        "rows": rows, "page": page, "query": query.urlencode(), "sort": sort, "grade": grade, "status": status,
        "statuses": Status.choices, "charts": charts, "may_edit_schemes": may_edit_schemes(request.user),
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
