"""What waits for a person, and what they sent: the 待办 home.

Each list is one query over the units the person holds a role on (units.queries.visible_units
with the role kinds that may act), whatever the number of units; the states are those of
evaluations.models.Status and accounts.models.UnitYearStatus, and the next step is the one
evaluations.domain.TRANSITIONS / accounts.rules name, so the home says what the object pages do.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse

from jixiao.accounts.models import UnitYear, UnitYearEvent, UnitYearStatus
from jixiao.checks.models import Finding, FindingStatus
from jixiao.checks.registry import Severity
from jixiao.evaluations.models import SelfEvaluation, Status, Step
from jixiao.units.models import RoleKind
from jixiao.units.queries import EDITING_ROLES, visible_units

REVIEWING_ROLES = {RoleKind.REVIEWER, RoleKind.UNIT_ADMIN}
BUREAU_ROLES = {RoleKind.FINANCE_BUREAU}
# How many items each list shows on the home page; the count is always the full count.
SHOWN = 20
AREA_NAMES = {"accounts": "收支数据", "goals": "绩效目标", "evaluations": "绩效自评", "healthcheck": "报告体检"}


@dataclass
class Item:
    title: str
    href: str
    state: str = ""
    detail: str = ""


@dataclass
class Task:
    key: str
    label: str
    hint: str
    count: int = 0
    items: list[Item] = field(default_factory=list)
    # Items not listed on the home page (the list stops at SHOWN).
    more: int = 0


def _goal_href(evaluation) -> str:
    goal = evaluation.goal
    return reverse("goals:goal", args=[goal.unit_year.unit_id, goal.unit_year.fiscal_year, goal.pk])


def _evaluation_item(evaluation) -> Item:
    goal = evaluation.goal
    unit_year = goal.unit_year
    return Item(f"{unit_year.unit.display_name} · {goal.year_title}", _goal_href(evaluation), evaluation.get_status_display())


def _evaluations(units, statuses):
    return (SelfEvaluation.objects.filter(goal__unit_year__unit__in=units, status__in=list(statuses))
            .select_related("goal__unit_year__unit")
            .order_by("goal__unit_year__unit__path", "-goal__unit_year__fiscal_year", "goal__sort_order", "goal__pk"))


def _evaluation_task(key, label, hint, units, statuses) -> Task:
    rows = list(_evaluations(units, statuses)[: SHOWN + 1])
    count = len(rows) if len(rows) <= SHOWN else _evaluations(units, statuses).count()
    return Task(key, label, hint, count, [_evaluation_item(row) for row in rows[:SHOWN]], count - min(count, SHOWN))


def _year_task(key, label, hint, units, status) -> Task:
    years = UnitYear.objects.filter(unit__in=units, status=status).select_related("unit").order_by("unit__path", "-fiscal_year")
    rows = list(years[: SHOWN + 1])
    count = len(rows) if len(rows) <= SHOWN else years.count()
    items = [Item(f"{row.unit.display_name} · {row.fiscal_year}年度收支数据",
                  reverse("accounts:unit_year", args=[row.unit_id, row.fiscal_year]), row.get_status_display())
             for row in rows[:SHOWN]]
    return Task(key, label, hint, count, items, count - len(items))


def _finding_href(unit_id, year, area) -> str:
    if area == "accounts":
        return reverse("accounts:unit_year", args=[unit_id, year]) + "#findings"
    if area == "goals":
        return reverse("goals:unit_year", args=[unit_id, year]) + "#findings"
    return reverse("checks:list") + f"?unit={unit_id}&year={year}&area={area}"


def _findings_task(key, label, hint, units, condition) -> Task:
    """Open findings grouped by unit, year and area: one aggregate query."""
    groups = list(Finding.objects.filter(condition, unit__in=units)
                  .values("unit_id", "unit__name", "unit__short_name", "fiscal_year", "area")
                  .annotate(count=Count("pk")).order_by("unit__path", "-fiscal_year", "area"))
    items = [Item(f"{row['unit__short_name'] or row['unit__name']} · {row['fiscal_year']}年度 · "
                  f"{AREA_NAMES.get(row['area'], '其他')}",
                  _finding_href(row["unit_id"], row["fiscal_year"], row["area"]), f"{row['count']} 条")
             for row in groups[:SHOWN]]
    return Task(key, label, hint, sum(row["count"] for row in groups), items, len(groups) - len(items))


def tasks_for(user) -> list[Task]:
    """The lists that wait for this person, in the order of the flow; only those of roles they hold."""
    tasks = []
    editing = visible_units(user, EDITING_ROLES)
    reviewing = visible_units(user, REVIEWING_ROLES)
    bureau = visible_units(user, BUREAU_ROLES)
    if editing.exists():
        tasks += [
            _evaluation_task("fill", "待填报", "绩效自评草稿：填写实际完成值后提交审核", editing, {Status.DRAFT}),
            _evaluation_task("fix", "待修改", "被退回的自评：按退回意见修改后再次提交",
                             editing, {Status.RETURNED, Status.BUREAU_RETURNED}),
            _findings_task("fix_errors", "待改正错误", "错误须改正后才能提交", editing,
                           Q(severity=Severity.ERROR) & ~Q(status=FindingStatus.RESOLVED)),
            _findings_task("answer", "待说明", "警告和提示：改正或填写情况说明", editing,
                           Q(status=FindingStatus.OPEN) & ~Q(severity=Severity.ERROR)),
        ]
    if reviewing.exists():
        tasks += [
            _evaluation_task("review", "待审核", "已提交的自评：审核通过或退回修改", reviewing, {Status.SUBMITTED}),
            _evaluation_task("send", "待报送", "已审核的自评：报送财政部门", reviewing, {Status.APPROVED}),
            _year_task("review_year", "年度数据待审核", "已提交的年度收支数据", reviewing, UnitYearStatus.SUBMITTED),
        ]
    if bureau.exists():
        tasks += [
            _evaluation_task("receive", "待接收", "已报送财政的自评：财政接收或退回", bureau, {Status.SENT}),
            _year_task("receive_year", "年度数据待接收", "已审核的年度收支数据", bureau, UnitYearStatus.APPROVED),
        ]
    return tasks


def sent_by(user) -> list[Item]:
    """What this person submitted or sent, and where it stands now (two queries)."""
    evaluation_ids = (Step.objects.filter(user=user, action__in=["submit", "send"])
                      .values_list("evaluation_id", flat=True).distinct())
    evaluations = (SelfEvaluation.objects.filter(pk__in=evaluation_ids).select_related("goal__unit_year__unit")
                   .order_by("-updated_at")[:SHOWN])
    items = [_evaluation_item(evaluation) for evaluation in evaluations]
    year_ids = (UnitYearEvent.objects.filter(user=user, action="submit").values_list("unit_year_id", flat=True).distinct())
    for row in UnitYear.objects.filter(pk__in=year_ids).select_related("unit").order_by("unit__path", "-fiscal_year")[:SHOWN]:
        items.append(Item(f"{row.unit.display_name} · {row.fiscal_year}年度收支数据",
                          reverse("accounts:unit_year", args=[row.unit_id, row.fiscal_year]), row.get_status_display()))
    return items


def todo_panel(user):
    """The home page's first panel (units.home.HOME_PANELS)."""
    tasks = tasks_for(user)
    sent = sent_by(user)
    if not tasks and not sent:
        return None
    return {"template": "evaluations/todo_panel.html", "order": 0, "tasks": tasks, "sent": sent,
            "waiting": sum(task.count for task in tasks)}
