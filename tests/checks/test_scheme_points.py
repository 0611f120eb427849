"""The scheme-points family: points add up exactly, weights to 100 %, the execution score ≤ points × rate."""

from decimal import Decimal as D

from jixiao.assessment.domain.scheme import CategorySpec, GroupSpec, ItemSpec, SchemeSpec, check_scheme
from jixiao.checks.rules.scheme_points import (
    execution_points_allowed,
    on_step,
    points_add_up,
    points_total,
    weights_add_up,
)
from jixiao.goals.checks import GoalFacts, IndicatorFacts, check_goal


def test_points_add_up_exactly():
    assert points_add_up([D(13), D(28), D(26), D(7), D(26)], D(100))
    assert not points_add_up([D(30), D(20)], D(60))
    assert points_total([D("2.5"), None, D("7.5")]) == D(10)
    assert weights_add_up([D(40), D(30), D(30)]) and not weights_add_up([D(40), D(30)])


def test_step_and_execution_points():
    assert on_step(D("3.5"), D("0.5")) and not on_step(D("3.3"), D("0.5"))
    assert execution_points_allowed(D(10), D("92.31")) == D("9.23")
    assert execution_points_allowed(D(10), D("92.35")) == D("9.24")  # 9.235 half up
    assert execution_points_allowed(D(10), D("120")) == D("10.00")


def test_goal_indicator_points_against_the_scheme_use_the_family_code():
    rows = (
        IndicatorFacts(ref="indicator:1", level1="产出指标", level2="数量指标", name="甲", operator=">=", target=D(1),
                       actual=D(1), unit_of_measure="场", points=D(30)),
        IndicatorFacts(ref="indicator:2", level1="产出指标", level2="数量指标", name="乙", operator=">=", target=D(1),
                       actual=D(1), unit_of_measure="场", points=D(10)),
    )
    goal = GoalFacts(ref="goal:1", name="项目", indicators=rows, category_points={"产出指标": D(50)})
    [result] = check_goal(goal)
    assert (result.code, result.severity, result.message) == ("points.items_sum", "error", "项目产出指标分值合计 40 分，评分办法规定 50 分")


def test_assessment_scheme_sums_use_the_same_codes():
    spec = SchemeSpec(
        base_points=D(100), bonus_cap=D(10), step=D("0.5"),
        categories=[CategorySpec(1, "服务科技工作者", D(60)), CategorySpec(2, "科普", D(30))],
        items=[ItemSpec(1, 1, D(30)), ItemSpec(2, 1, D(20)), ItemSpec(3, 2, D(30))],
        bonus_caps=[D(5), D(5)], groups=[GroupSpec("领导", D(40)), GroupSpec("部门", D(30))],
    )
    codes = sorted(result.code for result in check_scheme(spec).errors)
    assert codes == ["points.categories_sum", "points.items_sum", "points.weights_sum"]
