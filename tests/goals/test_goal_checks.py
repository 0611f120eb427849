"""Goal quality checks on the source documents' goals: what a reviewer should be told to fix."""

import pytest

from jixiao.checks.models import Finding


@pytest.fixture
def source_goals(source_accounts):
    return source_accounts


def findings(unit, code):
    return list(Finding.objects.filter(unit=unit, area="goals", rule_code=code).order_by("pk"))


def test_yueyang_vague_ranges_are_flagged(source_goals):
    messages = [f.message for f in findings(source_goals["yueyang"], "target.vague")]
    assert "2017年度部门整体支出“举办主题科普活动”的指标值“不低于5－10场次”是区间，无法判断完成多少才算达标" in messages
    assert len(messages) == 4  # 5－10场次, 5-10个, 1-2次, 5-10次


def test_yueyang_hundred_percent_claims_without_values_are_flagged(source_goals):
    claims = findings(source_goals["yueyang"], "target.claim_without_value")
    quantitative = [f.message for f in claims if "目标：" in f.message]
    assert "2017年度部门整体支出“举荐优秀科技人才”填报完成情况“100%”，但没有实际完成值（目标：不低于10人）" in quantitative
    # Six 数量指标 with a number in their target; the rest (时效, 质量, 成本) claim 100 % as text.
    assert len(quantitative) == 6
    assert all(f.fix.startswith("只写“100%”") for f in claims)


def test_lishui_unmet_academician_target(source_goals):
    not_met = findings(source_goals["lishui"], "target.not_met")
    assert [f.message for f in not_met] == [
        "人才发展专项“邀请院士来丽疗休养和参加“人才科技”峰会”目标 通过各种途径和资源邀请60名以上院士来丽疗休养和参加第九届“人才科技”峰会，"
        "实际 43名（完成 71.67%），未达到目标"
    ]


def test_lishui_overall_goal_without_indicators(source_goals):
    assert [f.message for f in findings(source_goals["lishui"], "target.no_indicators")] == [
        "2020年度部门整体支出的总体目标没有细化为任何绩效指标"
    ]


def test_jiangmen_score_without_indicator_table(source_goals):
    assert [f.message for f in findings(source_goals["jiangmen"], "score.without_indicators")] == [
        "科学技术普及支出自评 95 分“优秀”，预算执行率 66.82%，但没有任何绩效指标支撑该得分"
    ]


def test_points_must_add_up_to_the_scheme(source_goals):
    yueyang = source_goals["yueyang"]
    assert findings(yueyang, "points.items_sum") == []
    from jixiao.goals.domain import run_goal_checks
    from jixiao.goals.models import Indicator

    indicator = Indicator.objects.get(goal__unit_year__unit=yueyang, name="控制预算内")
    indicator.points = 10
    indicator.save()
    run_goal_checks(indicator.goal.unit_year)
    assert [f.message for f in findings(yueyang, "points.items_sum")] == [
        "2017年度部门整体支出产出指标分值合计 66 分，评分办法规定 60 分"
    ]


def test_ezhou_national_science_day_held_9_of_10_and_no_points_to_score_with(source_goals):
    """The 鄂州 2022 自评表 states 9 of 10 科普日 events held and gives that row 7 points, with no deviation reason."""
    ezhou = source_goals["ezhou"]
    assert [f.message for f in findings(ezhou, "target.not_met")] == [
        "科学普及经费“开展全国科普日专题科普活动”目标 10场，实际 9场（完成 90.00%），未达到目标"
    ]
    assert [f.message for f in findings(ezhou, "points.missing")] == ["科学普及经费的 9 项指标都没有分值，无法计算得分"]
