"""Properties the scoring engine keeps for any input (hypothesis)."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.scoring.engine import IndicatorInput, apportion, grade_for, score_evaluation, score_indicator
from jixiao.scoring.schemes import OUTCOME, OUTPUT, SATISFACTION
from tests.scoring.shipped import HUNAN_2017, MOF_2020

LINEAR = replace(MOF_2020, code="mof-2020-linear", reverse_rule="linear_to_double")
RANGE_BAND = replace(HUNAN_2017, code="hunan-band", range_above_rule="ratio")
DEDUCTING = replace(MOF_2020, code="mof-2020-deducting", over_achievement_deduction=True)
SCHEMES = [MOF_2020, LINEAR, HUNAN_2017, RANGE_BAND, DEDUCTING]

values = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
points = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
quantitative_operators = st.sampled_from([">=", ">", "=", "<", "<=", "range"])
level1 = st.sampled_from([OUTPUT, OUTCOME, SATISFACTION])


@st.composite
def quantitative(draw):
    low = draw(values)
    return IndicatorInput(
        key=str(draw(st.integers(0, 10**6))),
        level1=draw(level1),
        operator=draw(quantitative_operators),
        target=low,
        target_high=low + draw(values),
        points=draw(points),
        actual=draw(st.one_of(st.none(), values)),
    )


@st.composite
def qualitative(draw):
    tier = draw(st.integers(0, 2))
    # Whole points keep every tier bound on a cent, so a typed score always exists.
    ind_points = D(draw(st.integers(0, 100)))
    high, low = MOF_2020.qualitative_tiers[tier]
    score = draw(st.decimals(min_value=ind_points * low / 100, max_value=ind_points * high / 100, places=2))
    return IndicatorInput(
        key="q", level1=draw(level1), operator="qualitative", points=ind_points,
        qualitative_tier=tier, qualitative_score=score, reason="理由",
    )


indicator = st.one_of(quantitative(), qualitative())


@given(indicator, st.sampled_from(SCHEMES))
def test_a_score_lies_within_zero_and_its_points(ind, scheme):
    scored = score_indicator(ind, scheme)
    assert D("0") <= scored.score <= scored.points
    assert scored.score == scored.score.quantize(D("0.01"))
    assert scored.explanation


@given(positive, values, values, points, st.sampled_from([">=", ">"]), st.sampled_from([MOF_2020, LINEAR, HUNAN_2017]))
def test_more_is_never_worse_for_at_least_indicators(target, first, second, ind_points, operator, scheme):
    low, high = sorted((first, second))
    ind = IndicatorInput("m", OUTPUT, operator=operator, target=target, points=ind_points)
    assert score_indicator(replace(ind, actual=low), scheme).score <= score_indicator(replace(ind, actual=high), scheme).score


@given(positive, values, values, points, st.sampled_from(["<=", "<"]), st.sampled_from([MOF_2020, LINEAR]))
def test_more_is_never_better_for_at_most_indicators_under_both_reverse_rules(target, first, second, ind_points, operator, scheme):
    low, high = sorted((first, second))
    ind = IndicatorInput("m", OUTPUT, operator=operator, target=target, points=ind_points)
    assert score_indicator(replace(ind, actual=low), scheme).score >= score_indicator(replace(ind, actual=high), scheme).score


@given(positive, values, values, values, points)
def test_more_is_never_worse_for_ranges_read_as_at_least(low, width, first, second, ind_points):
    a, b = sorted((first, second))
    ind = IndicatorInput("r", OUTPUT, operator="range", target=low, target_high=low + width, points=ind_points)
    assert score_indicator(replace(ind, actual=a), HUNAN_2017).score <= score_indicator(replace(ind, actual=b), HUNAN_2017).score


@settings(max_examples=200)
@given(st.lists(indicator, max_size=12), st.sampled_from(SCHEMES), st.one_of(st.none(), values))
def test_the_total_is_the_sum_of_its_parts(indicators, scheme, rate):
    result = score_evaluation(indicators, scheme, rate)
    category_sum = sum((category.subtotal for category in result.categories), D("0"))
    indicator_sum = sum((scored.score for scored in result.indicators), D("0"))
    assert result.total == result.execution_score + category_sum == result.execution_score + indicator_sum
    for category in result.categories:
        assert category.subtotal == sum((scored.score for scored in category.indicators), D("0"))
        assert category.subtotal <= category.effective_points
    assert D("0") <= result.total <= result.max_total
    assert result.grade == grade_for(result.total, scheme)
    assert D("0") <= result.execution_score <= scheme.execution_points
    assert len(result.indicators) == len(indicators)


@given(st.lists(st.sampled_from([OUTPUT, OUTCOME, SATISFACTION]), min_size=1, max_size=10, unique=True).flatmap(
    lambda names: st.tuples(st.just(names), st.lists(st.tuples(st.sampled_from(names), positive.filter(lambda p: p <= 100)), min_size=1, max_size=10))
))
def test_effective_points_always_add_up_to_the_scheme(case):
    names, rows = case
    indicators = [IndicatorInput(str(n), name, operator=">=", target=D("1"), actual=D("1"), points=p) for n, (name, p) in enumerate(rows)]
    used = {name for name, _ in rows}
    result = score_evaluation(indicators, MOF_2020, D("100"))
    if {OUTPUT, OUTCOME} <= used:
        # Every point of the scheme lands on some indicator, and every indicator met its target.
        assert sum((scored.points for scored in result.indicators), D("0")) == D("90")
        assert result.total == D("100")


@given(positive, st.lists(st.decimals(min_value=0, max_value=1000, places=2), min_size=1, max_size=20))
def test_apportion_parts_sum_exactly_and_follow_the_weights(total, weights):
    total = total.quantize(D("0.01"))
    parts = apportion(total, weights)
    assert sum(parts, D("0")) == total
    weight_sum = sum(weights, D("0"))
    if weight_sum:
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part - total * weight / weight_sum) < D("0.01")


@pytest.mark.parametrize(
    ("total", "grade"), [("59.99", "差"), ("60", "中"), ("79.99", "中"), ("80", "良"), ("89.99", "良"), ("90", "优")]
)
def test_grade_matches_its_band_at_the_edges(total, grade):
    assert grade_for(D(total), MOF_2020) == grade


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_grade_matches_its_band_everywhere(total):
    expected = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    assert grade_for(total, MOF_2020) == expected
