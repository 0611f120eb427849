"""Goals: loading plain facts for the checks and the scoring engine, saving what users type."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from jixiao.accounts import derived
from jixiao.accounts.models import UnitYear
from jixiao.accounts.queries import sheet_for
from jixiao.checks.domain import sync_findings
from jixiao.checks.registry import Place
from jixiao.checks.rules import scheme_points
from jixiao.goals import checks
from jixiao.goals.models import Goal, GoalKind
from jixiao.goals.scoring import scheme_of, score_goal
from jixiao.scoring.engine import EvaluationScore
from jixiao.scoring.queries import SchemeBook, UnknownScheme
from jixiao.scoring.schemes import ScoringScheme


def execution_of(goal: Goal, sheet=None) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(budget, spent, rate %) of the money behind a goal, read from accounts/derived: its special
    fund (by key) for a project goal, the whole unit-year for a department goal."""
    sheet = sheet or sheet_for(goal.unit_year, with_previous=False)
    if goal.kind == GoalKind.PROJECT:
        if goal.special_fund_id is None:
            return None, None, None
        return derived.execution(sheet, goal.special_fund_id)
    return derived.execution(sheet)


@dataclass(frozen=True)
class GoalSummary:
    """What a list of goals shows per goal: its money, execution rate and score (None without points)."""

    goal: Goal
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    result: EvaluationScore | None

    @property
    def evaluation(self):
        return getattr(self.goal, "evaluation", None)


def summarize(goal: Goal, sheet=None, book: SchemeBook | None = None, places: dict | None = None) -> GoalSummary:
    """The goal's money, execution rate and score. book / places: kept by a caller that summarizes many goals, so
    that their schemes are read once (scoring.queries.SchemeBook) rather than once a goal."""
    budget, spent, rate = execution_of(goal, sheet)
    indicators = list(goal.indicators.all())
    scored = any(indicator.points is not None for indicator in indicators)
    try:
        result = score_goal(goal, rate, indicators=indicators, scheme=scheme_of(goal, book, places)) if scored else None
    except UnknownScheme:
        # Not scored rather than scored under another scheme; the goal checks name the unknown code.
        result = None
    return GoalSummary(goal, budget, spent, rate, result)


def with_sheets(goals):
    """(goal, its unit-year's accounts) for many goals, reading each unit-year's accounts once."""
    sheets = {}
    for goal in goals:
        if goal.unit_year_id not in sheets:
            sheets[goal.unit_year_id] = sheet_for(goal.unit_year, with_previous=False)
        yield goal, sheets[goal.unit_year_id]


def summarize_all(goals) -> list[GoalSummary]:
    book, places = SchemeBook.load(), {}
    return [summarize(goal, sheet, book, places) for goal, sheet in with_sheets(goals)]


def facts_for(goal: Goal, scheme: ScoringScheme | None = None, sheet=None) -> checks.GoalFacts:
    """The goal's plain facts; its scheme's category points and which level-1 classes each one holds."""
    indicators = tuple(
        checks.IndicatorFacts(
            ref=f"indicator:{ind.pk}", level1=ind.level1, level2=ind.level2, name=ind.name, operator=ind.operator,
            target=ind.target, target_text=ind.target_text, unit_of_measure=ind.unit_of_measure, points=ind.points,
            actual=ind.actual, claimed_completion=ind.claimed_completion, explanation=ind.explanation,
        )
        for ind in goal.indicators.all()
    )
    return checks.GoalFacts(
        ref=f"goal:{goal.pk}", name=goal.name, overall_goal=goal.overall_goal, indicators=indicators,
        declared_score=goal.declared_score,
        declared_grade=goal.declared_grade,
        category_points=dict(scheme.category_points) if scheme else {},
        category_members={name: scheme.members(name) for name in scheme.category_points} if scheme else {},
        execution_rate=execution_of(goal, sheet)[2],
    )


def run_goal_checks(unit_year: UnitYear):
    sheet = sheet_for(unit_year, with_previous=False)
    results = []
    book = SchemeBook.load()
    for goal in unit_year.goals.prefetch_related("indicators"):
        try:
            scheme = scheme_of(goal, book)
        except UnknownScheme as unknown:
            results.append(scheme_points.UNKNOWN_SCHEME.found(
                f"{goal.name}：{unknown}", (Place(goal.name, f"goal:{goal.pk}", goal.scheme_code),), f"scheme:goal:{goal.pk}"))
            scheme = None
        results += checks.check_goal(facts_for(goal, scheme, sheet))
    return sync_findings(unit_year.unit, unit_year.fiscal_year, checks.AREA, results)


@transaction.atomic
def save_indicator(indicator, values: dict, user) -> None:
    """Store typed values on an indicator (history records who and when) and re-run the checks."""
    changed = False
    for field, value in values.items():
        if getattr(indicator, field) != value:
            setattr(indicator, field, value)
            changed = True
    if changed:
        indicator._history_user = user
        indicator.save()
        run_goal_checks(indicator.goal.unit_year)
