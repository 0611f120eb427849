"""Stored results of goals: money, execution rate, score, grade and open findings, kept when their inputs change.

Lists (the finance bureau's overview, the goals page's chart of years) read these columns
in one query per page instead of loading every unit-year's accounts and re-scoring every goal
on every request. They are written here only, from the same path the goal page uses
(`goals/domain.summarize`: accounts/derived for the money, scoring/engine for the score), so a
list and the goal page show the same figure.

Refreshed for a unit-year whenever its findings are stored (`checks.signals.findings_synced`,
sent after every save of figures, funds or indicators and every step), when a goal changes
under its evaluation's lock (`evaluations.domain.change_goal`) and by `manage.py store_results`.
"""

from django.utils import timezone

from jixiao.accounts.models import UnitYear
from jixiao.accounts.queries import sheet_for
from jixiao.checks.models import Finding
from jixiao.checks.queries import active
from jixiao.goals.domain import summarize
from jixiao.goals.models import Goal
from jixiao.goals.signals import results_stored
from jixiao.scoring.queries import SchemeBook

RESULT_FIELDS = ["result_budget", "result_spent", "result_rate", "result_score", "result_grade",
                 "result_open_findings", "result_at"]


def open_findings(unit_id: int, fiscal_year: int) -> int:
    return active(Finding.objects.filter(unit_id=unit_id, fiscal_year=fiscal_year)).count()


def refresh(unit_year: UnitYear) -> int:
    """Recompute and store the results of every goal of a unit-year; returns how many goals."""
    goals = list(unit_year.goals.select_related("unit_year__unit").prefetch_related("indicators"))
    if not goals:
        return 0
    sheet = sheet_for(unit_year, with_previous=False)
    findings = open_findings(unit_year.unit_id, unit_year.fiscal_year)
    now = timezone.now()
    book, places = SchemeBook.load(), {}
    for goal in goals:
        summary = summarize(goal, sheet, book, places)
        goal.result_budget, goal.result_spent, goal.result_rate = summary.budget, summary.spent, summary.rate
        goal.result_score = summary.result.total if summary.result else None
        goal.result_grade = summary.result.grade if summary.result else ""
        goal.result_open_findings = findings
        goal.result_at = now
    Goal.objects.bulk_update(goals, RESULT_FIELDS, batch_size=500)
    results_stored.send(sender=UnitYear, unit_year=unit_year)
    return len(goals)


def refresh_for(unit, fiscal_year: int) -> int:
    """After a unit's findings changed: its own unit-year, and its parent's when it is a sub-unit."""
    count = 0
    for unit_year in UnitYear.objects.filter(unit_id__in=[unit.pk, unit.parent_id] if unit.parent_id else [unit.pk],
                                             fiscal_year=fiscal_year).select_related("unit"):
        count += refresh(unit_year)
    return count


def refresh_all(unit_years=None) -> int:
    """Every unit-year that has goals (a fresh database, or after the scoring code changed)."""
    unit_years = unit_years if unit_years is not None else (
        UnitYear.objects.filter(goals__isnull=False).distinct().select_related("unit"))
    return sum(refresh(unit_year) for unit_year in unit_years)

