"""A goal's scoring: its scheme (data in the database, named per goal by its code) and the engine's result.

A goal that names a code scores under that published version, or is refused
(UnknownScheme) when no such version exists: never silently under the MoF default.
A goal that names none scores under the scheme published for its unit's place,
year and kind (jixiao.scoring.queries.scheme_for).
"""

import re
from decimal import Decimal

from jixiao.scoring.engine import EvaluationScore, IndicatorInput, score_evaluation
from jixiao.scoring.queries import SchemeBook, scheme_by_code
from jixiao.scoring.schemes import LAYOUT_HUNAN, ScoringScheme
from jixiao.units.regions import place_names

# Forms whose table states a completion percentage per row instead of an actual value
# (Hunan 2017: "完成情况 100%"); there a row with no actual is scored on that percentage.
COMPLETION_LAYOUTS = {LAYOUT_HUNAN}
PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[%％]\s*$")


def scheme_of(goal, book: SchemeBook | None = None, places: dict | None = None) -> ScoringScheme:
    """The goal's scheme: the version its code names (UnknownScheme when none), else its place's.

    places: {unit pk: place names}, kept by a caller that asks for many goals (one query per unit).
    """
    if goal.scheme_code:
        return book.by_code(goal.scheme_code) if book is not None else scheme_by_code(goal.scheme_code)
    unit_year = goal.unit_year
    if places is None:
        names = place_names(unit_year.unit)
    elif unit_year.unit_id not in places:
        names = places[unit_year.unit_id] = place_names(unit_year.unit)
    else:
        names = places[unit_year.unit_id]
    return (book or SchemeBook.load()).scheme_for(names, unit_year.fiscal_year, goal.kind)


def stated_completion(text: str) -> Decimal | None:
    found = PERCENT.match(text or "")
    return Decimal(found[1]) if found else None


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored value without the column's trailing zeros (43.0000 → 43), as users typed it."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal


def input_for(indicator, scheme: ScoringScheme) -> IndicatorInput:
    completion = stated_completion(indicator.claimed_completion)
    # A reviewer's grade of a 定性 indicator takes the place of the completion the form states.
    graded = indicator.operator == "qualitative" and indicator.qualitative_tier is not None
    if scheme.layout in COMPLETION_LAYOUTS and indicator.actual is None and completion is not None and not graded:
        return IndicatorInput(
            key=str(indicator.pk), level1=indicator.level1, level2=indicator.level2,
            name=f"{indicator.name}（按所填完成情况）", operator=">=", target=Decimal(100), unit="%",
            points=indicator.points or Decimal(0), actual=completion,
        )
    operator = indicator.operator
    return IndicatorInput(
        key=str(indicator.pk), level1=indicator.level1, level2=indicator.level2, name=indicator.name,
        operator=operator, target=_plain(indicator.target), target_high=_plain(indicator.target_high),
        unit=indicator.unit_of_measure, points=indicator.points or Decimal(0), actual=_plain(indicator.actual),
        qualitative_tier=indicator.qualitative_tier, qualitative_score=indicator.qualitative_score,
        reason=indicator.explanation if operator == "quantitative_other" else indicator.tier_reason,
    )


def score_goal(goal, execution_rate: Decimal | None = None, indicators=None, scheme: ScoringScheme | None = None,
               book: SchemeBook | None = None) -> EvaluationScore:
    """Score a goal's indicators (or the given, possibly unsaved, ones) under its scheme (or the one given)."""
    scheme = scheme or scheme_of(goal, book)
    rows = list(goal.indicators.all()) if indicators is None else indicators
    return score_evaluation([input_for(row, scheme) for row in rows], scheme, execution_rate)
