"""Self-evaluations of the source units: Yueyang 2017 waiting for its reviewer, Lishui's problems to rectify."""

from datetime import datetime

from django.utils import timezone

from jixiao.accounts.models import UnitYear
from jixiao.evaluations.models import Rectification, SelfEvaluation, Status, Step, TeamMember
from jixiao.evaluations.overview_counts import recount_all
from jixiao.goals.models import Goal, GoalKind
from jixiao.sources import ganzhou_2018, lishui_2020, yueyang_2017


def load(units) -> None:
    yueyang_goal = Goal.objects.get(unit_year__unit=units["yueyang"], unit_year__fiscal_year=yueyang_2017.FISCAL_YEAR,
                                    kind=GoalKind.DEPARTMENT)
    evaluation, created = SelfEvaluation.objects.get_or_create(goal=yueyang_goal, defaults={"status": Status.SUBMITTED})
    if created:
        step = Step.objects.create(evaluation=evaluation, action="submit", from_status=Status.DRAFT,
                                   to_status=Status.SUBMITTED, comment="演示数据：按岳阳市科协2017年度自评报告载入，待审核人审核")
        # Submitted on the report's own date, which the documents print as 报告日期.
        signed = datetime(*yueyang_2017.REPORT_DATE, 9, 0, tzinfo=timezone.get_current_timezone())
        Step.objects.filter(pk=step.pk).update(at=signed)
    evaluation.team.all().delete()
    for order, (name, title, unit_name) in enumerate(yueyang_2017.EVALUATION_TEAM, start=1):
        TeamMember.objects.create(evaluation=evaluation, sort_order=order, name=name, title=title, unit_name=unit_name)
    for problem, measure in yueyang_2017.PROBLEMS_AND_MEASURES:
        Rectification.objects.get_or_create(
            unit=units["yueyang"], raised_in_year=yueyang_2017.FISCAL_YEAR, problem=problem, measure=measure,
            defaults={"evaluation": evaluation},
        )
    others = [units[key] for key in ("lishui", "jiangmen", "ganzhou", "ezhou")]
    for goal in Goal.objects.filter(unit_year__unit__in=others):
        SelfEvaluation.objects.get_or_create(goal=goal)

    ganzhou = Goal.objects.get(unit_year__unit=units["ganzhou"], unit_year__fiscal_year=ganzhou_2018.FISCAL_YEAR,
                               kind=GoalKind.PROJECT)
    for problem, measure in ganzhou_2018.PROBLEMS_AND_MEASURES:
        Rectification.objects.get_or_create(
            unit=units["ganzhou"], raised_in_year=ganzhou_2018.FISCAL_YEAR, problem=problem, measure=measure,
            defaults={"evaluation": ganzhou.evaluation},
        )

    lishui = units["lishui"]
    department = Goal.objects.get(unit_year__unit=lishui, unit_year__fiscal_year=lishui_2020.FISCAL_YEAR, kind=GoalKind.DEPARTMENT)
    for problem, measure in lishui_2020.PROBLEMS_AND_MEASURES:
        Rectification.objects.get_or_create(
            unit=lishui, raised_in_year=lishui_2020.FISCAL_YEAR, problem=problem, measure=measure,
            defaults={"evaluation": department.evaluation},
        )
    # The year after the evaluation, where its open problems are carried.
    UnitYear.objects.get_or_create(unit=lishui, fiscal_year=lishui_2020.FISCAL_YEAR + 1)
    # The evaluations above were created as loaded, not step by step: the overview's counts follow once, here.
    recount_all()
