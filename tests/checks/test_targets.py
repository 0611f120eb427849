"""The targets family: whether an actual meets its target, and one code for each shortfall
used by the goal forms and the report health check alike."""

from decimal import Decimal as D

import pytest

from jixiao.checks.registry import RULES
from jixiao.checks.rules.targets import target_met, within
from jixiao.goals.checks import GoalFacts, IndicatorFacts, check_goal


@pytest.mark.parametrize(("operator", "target", "actual", "met"), [
    (">=", "60", "60", True), (">=", "60", "43", False), (">", "60", "60", False), (">", "60", "61", True),
    ("=", "12", "12", True), ("=", "12", "12.5", False), ("<=", "5", "5", True), ("<=", "5", "5.01", False),
    ("<", "5", "5", False), ("<", "5", "4.99", True), ("range", "5", "12", True), ("range", "5", "4", False),
])
def test_target_met(operator, target, actual, met):
    assert target_met(operator, D(target), D(actual)) is met


def test_nothing_to_tell_without_figures_or_for_qualitative_targets():
    assert target_met(">=", D("60"), None) is None
    assert target_met("qualitative", D("60"), D("70")) is None
    assert within(D("6"), D("5"), D("10")) is True
    assert within(D("11"), D("5"), D("10")) is False
    assert within(D("11"), D("5"), None) is True
    assert within(None, D("5"), None) is None


def test_merged_codes_have_one_severity():
    assert RULES["target.no_unit"].severity == "hint"
    assert RULES["target.vague"].severity == "warning"
    assert RULES["target.not_met"].severity == "warning"
    assert RULES["score.without_indicators"].severity == "hint"  # a reading choice on a narrative report: a hint (severity policy)
    for old in ("goals.no_unit", "report.target_no_unit", "goals.vague_range", "report.target_vague", "goals.not_met",
                "report.plan_not_met", "goals.points_total", "report.scheme_points", "assessment.items_sum"):
        assert old not in RULES


def _goal(*indicators, **extra):
    return GoalFacts(ref="goal:1", name="人才发展专项", indicators=indicators, **extra)


def test_goal_indicator_not_met_and_without_unit():
    academicians = IndicatorFacts(ref="indicator:1", level1="产出指标", level2="数量指标", name="邀请院士",
                                  operator=">=", target=D("60"), actual=D("43"), unit_of_measure="名", points=D("10"))
    unitless = IndicatorFacts(ref="indicator:2", level1="产出指标", level2="数量指标", name="培训",
                              operator=">=", target=D("200"), actual=D("200"), points=D("10"))
    results = {result.code: result for result in check_goal(_goal(academicians, unitless))}
    assert results["target.not_met"].message == "人才发展专项“邀请院士”目标 60名，实际 43名（完成 71.67%），未达到目标"
    assert results["target.not_met"].severity == "warning"
    assert results["target.no_unit"].message == "人才发展专项“培训”的指标值没有计量单位"
    assert results["target.no_unit"].severity == RULES["target.no_unit"].severity


def test_a_met_target_is_not_flagged():
    met = IndicatorFacts(ref="indicator:1", level1="产出指标", level2="数量指标", name="邀请院士",
                         operator=">=", target=D("60"), actual=D("61"), unit_of_measure="名", points=D("10"))
    assert [result.code for result in check_goal(_goal(met))] == []
