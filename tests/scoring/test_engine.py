"""The scoring engine on worked examples typed from the documents, and on each rule's edge.

Yueyang 2017 (003) under the Hunan 2017 department-wide form must come out at
98, 优, as its self-evaluation report states; Lishui 2020 (002) shows the MoF
scheme with no satisfaction indicator and its unmet 院士 target.
"""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from jixiao.scoring.engine import (
    MISSING_ACTUAL,
    IndicatorInput,
    apportion,
    grade_for,
    score_evaluation,
    score_indicator,
)
from jixiao.scoring.schemes import (
    OUTCOME,
    OUTPUT,
    SATISFACTION,
    ScoringScheme,
    max_score_given_execution,
)
from tests.scoring.shipped import HUNAN_2017, MOF_2020, SHIPPED_BOOK

scheme_for = SHIPPED_BOOK.scheme_for

# ---------------------------------------------------------------- Yueyang 2017

# 003's quantitative table gives, per row, only the indicator text and a
# completion percentage (产出: every row "100%"; 效益: 社会效益 "95%", 满意度 "95%"),
# then "绩效自评综合得分 98%" and "评价等次 优". It states no per-indicator points
# and few actual figures. The points are therefore ours: the Hunan form's 产出 60
# shared equally over its 15 rows (4 each) and 效益 40 over its 4 indicators (10
# each). Where the narrative gives the figure an indicator asks for, it is typed
# (学术交流: 5 次 人才沙龙; 优秀科技人才: 10 名巴陵青年英才; 科普示范: 3 村 + 2 协会 + 7 社区
# + 2 单位 = 14; 青少年科技大赛: 模型竞赛、机器人大赛、科技创新大赛 = 3); where it does not,
# the actual is the target (the lower bound of a range), which is what the row's
# "100%" claims. The four 效益 indicators are scored as the document does, at 95 %
# of their points: 社会效益 is qualitative, and the satisfaction rates have no
# measured value in the document, so the reviewer's 95 % is a first-tier
# qualitative score of 9.5 out of 10.
YUEYANG_REASON_100 = "自评表完成情况 100%"
YUEYANG_REASON_95 = "自评表完成情况 95%"


def yueyang_2017_indicators():
    def output(key, level2, name, **typed):
        return IndicatorInput(key, OUTPUT, level2, name, points=D("4"), **typed)

    def qualitative(key, level1, level2, name, points, score, reason):
        return IndicatorInput(
            key, level1, level2, name, operator="qualitative", points=points,
            qualitative_tier=0, qualitative_score=score, reason=reason,
        )

    def on_time(key, name):
        return qualitative(key, OUTPUT, "时效指标", name, D("4"), D("4"), YUEYANG_REASON_100)

    return [
        qualitative("quality-1", OUTPUT, "质量指标", "符合《中华人民共和国科学技术普及法》", D("4"), D("4"), YUEYANG_REASON_100),
        qualitative("quality-2", OUTPUT, "质量指标", "符合《全民科学素质行动计划纲要》", D("4"), D("4"), YUEYANG_REASON_100),
        output("quantity-1", "数量指标", "举办主题科普活动", operator="range", target=D("5"), target_high=D("10"), unit="场次", actual=D("5")),
        output("quantity-2", "数量指标", "推荐科普示范单位", operator="range", target=D("5"), target_high=D("10"), unit="个", actual=D("14")),
        output("quantity-3", "数量指标", "开展企业科技信息服务", operator="range", target=D("1"), target_high=D("2"), unit="次", actual=D("1")),
        output("quantity-4", "数量指标", "开展学术交流活动", operator="range", target=D("5"), target_high=D("10"), unit="次", actual=D("5")),
        output("quantity-5", "数量指标", "开展青少年科技大赛", operator=">=", target=D("2"), unit="次", actual=D("3")),
        output("quantity-6", "数量指标", "举荐优秀科技人才", operator=">=", target=D("10"), unit="人", actual=D("10")),
        on_time("time-1", "举办主题科普活动年内完成"),
        on_time("time-2", "推荐科普示范村、协会、社区、单位、个人年内完成"),
        on_time("time-3", "开展企业科技信息服务年内完成"),
        on_time("time-4", "开展学术交流活动年内完成"),
        on_time("time-5", "青少年科技大赛年内完成"),
        on_time("time-6", "举荐优秀科技人才年内完成"),
        qualitative("cost-1", OUTPUT, "成本指标", "控制预算内", D("4"), D("4"), YUEYANG_REASON_100),
        qualitative("social-1", OUTCOME, "社会效益", "提高岳阳市公民的科学文化素质", D("10"), D("9.5"), YUEYANG_REASON_95),
        qualitative("social-2", OUTCOME, "社会效益", "推动岳阳经济的发展", D("10"), D("9.5"), YUEYANG_REASON_95),
        qualitative("satisfaction-1", OUTCOME, "社会公众或服务对象满意度", "科技人员满意率高于95%", D("10"), D("9.5"), YUEYANG_REASON_95),
        qualitative("satisfaction-2", OUTCOME, "社会公众或服务对象满意度", "群众满意率高于95%", D("10"), D("9.5"), YUEYANG_REASON_95),
    ]


def test_yueyang_2017_scores_98_excellent_under_the_hunan_2017_form():
    scheme = scheme_for(["岳阳市", "岳阳", "湖南省", "湖南"], 2017)
    result = score_evaluation(yueyang_2017_indicators(), scheme, execution_rate=None)

    assert scheme is HUNAN_2017
    assert result.errors == []
    assert result.category(OUTPUT).subtotal == D("60.00")
    assert result.category(OUTCOME).subtotal == D("38.00")
    assert result.total == D("98.00")
    assert result.grade == "优"
    assert result.explanation[-1] == "总分：60.00 + 38.00 = 98.00分，评价等次：优"
    assert result.indicator("quantity-2").explanation == "实际 14个 超过区间上限 10个，已完成，得满分 4.00分"
    assert result.indicator("social-1").explanation == (
        "定性评价第一档（80%–100%，即 8.00–10.00分），评审得分 9.50分；理由：自评表完成情况 95%"
    )


def test_yueyang_output_all_met_and_outcome_at_95_percent_is_what_makes_98():
    # The document's own arithmetic: 产出 60 × 100 % + 效益 40 × 95 % = 98.
    result = score_evaluation(yueyang_2017_indicators(), HUNAN_2017)
    assert [(c.name, c.scheme_points, c.subtotal) for c in result.categories] == [
        (OUTPUT, D("60"), D("60.00")),
        (OUTCOME, D("40"), D("38.00")),
    ]
    assert result.execution_score == D("0") and result.execution_explanation == ""
    assert result.max_total == D("100")


# ---------------------------------------------------------------- Lishui 2020

def test_lishui_academicians_invited_short_of_target_score_in_proportion():
    # 002 人才发展专项: "邀请60名以上院士来丽疗休养和参加第九届“人才科技”峰会" planned;
    # 30 人次 came for rest and study and 13 attended the summit.
    academicians = IndicatorInput(
        "academicians", OUTPUT, "数量指标", "邀请院士来丽", ">=", D("60"), unit="名", points=D("10"), actual=D("43")
    )
    scored = score_indicator(academicians, MOF_2020)
    assert scored.score == D("7.17")
    assert scored.explanation == "实际 43 ÷ 目标 60 × 10分 = 7.17分"


def lishui_2020_popular_science():
    # 002 基本情况表, 科学普及专项, 计划 against 实际; the points are ours (5 per output, 20 + 10 outcome).
    def met(key, name, target, unit, actual):
        return IndicatorInput(key, OUTPUT, "数量指标", name, ">=", D(target), unit=unit, points=D("5"), actual=D(actual))

    return [
        met("papers", "评选优秀论文", "200", "篇", "242"),
        met("entries", "青少年科技创新大赛参赛作品", "200", "件", "242"),
        met("awards", "推荐省级大赛获奖", "40", "件", "47"),
        met("sms", "手机科普短信", "130", "万条次", "140"),
        met("wechat", "“丽水科普”微信公众号推送", "260", "期", "280"),
        met("videos", "制作并推广科普视频", "10", "个", "20"),
        met("grants", "资助学会科技创新项目", "25", "个", "33"),
        met("farm-school", "组织参加省农函大培训", "50", "人", "83"),
        met("officials", "全市科普干部能力提升培训", "50", "人", "50"),
        met("classes", "举办科普干部能力提升培训班", "1", "期", "1"),
        IndicatorInput("literacy", OUTCOME, "社会效益", "公民具备科学素质比例", ">=", D("10"), unit="%", points=D("20"), actual=D("10")),
        IndicatorInput(
            "youth", OUTCOME, "社会效益", "青少年科技活动影响力进一步扩大", "qualitative", points=D("10"),
            qualitative_tier=0, qualitative_score=D("9"), reason="巡展参加师生6260人次，2357名中小学生参与线上答题",
        ),
    ]


def test_lishui_popular_science_without_a_satisfaction_indicator_moves_its_points():
    # No satisfaction figure in 002 (the table only says "满意"), so 满意度 10 goes to 产出 and 效益 as 50 : 30.
    result = score_evaluation(lishui_2020_popular_science(), MOF_2020, execution_rate=D("92.33"))

    assert result.errors == []
    assert result.execution_score == D("9.23")
    assert result.execution_explanation == "预算执行率 92.33% × 10分 = 9.23分"
    assert result.category(OUTPUT).effective_points == D("56.25")
    assert result.category(OUTCOME).effective_points == D("33.75")
    assert result.category(SATISFACTION).effective_points == D("0")
    assert result.explanation[1] == "未设置满意度指标：满意度指标 10分 按 产出 50 : 效益 30 的比例调入，产出指标 +6.25分、效益指标 +3.75分"
    assert result.category(OUTPUT).subtotal == D("56.25")
    assert result.indicator("literacy").points == D("22.50")
    assert result.indicator("youth").score == D("10.13")  # 9 ÷ 10 × 11.25 = 10.125
    assert result.indicator("youth").explanation.startswith("定性评价第一档（80%–100%，即 8.00–10.00分），评审得分 9 ÷ 分值 10 × 折算分值 11.25分 = 10.13分")
    assert result.category(OUTCOME).subtotal == D("32.63")
    assert result.total == D("98.11")
    assert result.grade == "优"
    assert result.explanation[-1] == "总分：9.23 + 56.25 + 32.63 = 98.11分，评价等次：优"


def test_with_a_satisfaction_indicator_nothing_moves():
    indicators = [
        *lishui_2020_popular_science(),
        IndicatorInput("satisfied", SATISFACTION, "服务对象满意度", "服务对象满意率", ">=", D("90"), unit="%", points=D("10"), actual=D("81")),
    ]
    result = score_evaluation(indicators, MOF_2020, execution_rate=D("100"))
    assert result.category(OUTPUT).effective_points == D("50")
    assert result.indicator("satisfied").score == D("9.00")
    assert result.indicator("youth").score == D("9.00")
    assert result.total == D("10.00") + D("50.00") + D("29.00") + D("9.00")


# ---------------------------------------------------------------- 不适用

def test_a_not_applicable_indicator_gives_its_points_to_its_level_1_neighbours():
    indicators = [
        IndicatorInput("a", OUTPUT, "数量指标", "a", ">=", D("10"), points=D("20"), actual=D("10")),
        IndicatorInput("b", OUTPUT, "质量指标", "b", ">=", D("10"), points=D("15"), actual=D("5")),
        IndicatorInput("c", OUTPUT, "时效指标", "c", ">=", D("10"), points=D("10"), actual=D("10")),
        IndicatorInput("d", OUTPUT, "成本指标", "d", "not_applicable", points=D("5"), reason="本年无采购"),
        IndicatorInput("e", OUTCOME, "社会效益", "e", ">=", D("1"), points=D("30"), actual=D("1")),
        IndicatorInput("f", SATISFACTION, "服务对象满意度", "f", ">=", D("90"), points=D("10"), actual=D("90")),
    ]
    result = score_evaluation(indicators, MOF_2020, execution_rate=D("100"))
    # 50 shared as 20 : 15 : 10 = 22.22 + 16.67 + 11.11 (the leftover cent to the largest remainder).
    assert [result.indicator(key).points for key in "abcd"] == [D("22.22"), D("16.67"), D("11.11"), D("0")]
    assert result.indicator("b").score == D("8.34")  # 5 ÷ 10 × 16.67 = 8.335
    assert result.indicator("b").explanation == "实际 5 ÷ 目标 10 × 16.67分 = 8.34分（分值 15分 折算为 16.67分）"
    assert result.indicator("d").not_applicable
    assert result.category(OUTPUT).explanation[1] == "产出指标中不适用指标的 5分 按分值比例分配给其余 3 个指标"
    assert result.category(OUTPUT).subtotal == D("41.67")
    assert result.errors == []


def test_a_not_applicable_indicator_without_a_reason_is_flagged():
    scored = score_indicator(IndicatorInput("d", OUTPUT, operator="not_applicable", points=D("5")), MOF_2020)
    assert scored.flags == ["未说明不适用的理由"] and scored.score == D("0")


# ---------------------------------------------------------------- reverse indicators

def reverse(actual, target="100", operator="<="):
    return IndicatorInput("cost", OUTPUT, "成本指标", "单场活动成本", operator, D(target), unit="万元", points=D("10"), actual=D(actual))


@pytest.mark.parametrize(
    ("actual", "ratio_score", "linear_score"),
    [("80", "10.00", "10.00"), ("100", "10.00", "10.00"), ("120", "8.33", "8.00"), ("150", "6.67", "5.00"), ("200", "5.00", "0.00"), ("250", "4.00", "0.00")],
)
def test_reverse_rule_ratio_and_linear_to_double(actual, ratio_score, linear_score):
    linear = replace(MOF_2020, reverse_rule="linear_to_double")
    assert score_indicator(reverse(actual), MOF_2020).score == D(ratio_score)
    assert score_indicator(reverse(actual), linear).score == D(linear_score)


def test_reverse_explanations_show_their_formula():
    linear = replace(MOF_2020, reverse_rule="linear_to_double")
    assert score_indicator(reverse("120"), MOF_2020).explanation == "实际 120 超过目标：目标 100 ÷ 实际 120 × 10分 = 8.33分"
    assert score_indicator(reverse("120"), linear).explanation == (
        "实际 120 超过目标：(2 × 目标 100 − 实际 120) ÷ 目标 100 × 10分 = 8.00分"
    )
    assert score_indicator(reverse("90"), MOF_2020).explanation == "实际 90万元 ≤ 目标 100万元，已完成，得满分 10.00分"


def test_an_unknown_reverse_rule_is_refused():
    with pytest.raises(ValueError):
        replace(MOF_2020, reverse_rule="half")


# ---------------------------------------------------------------- qualitative

def qualitative(tier, score, reason="活动覆盖全部县区", points="10"):
    return IndicatorInput(
        "q", OUTCOME, "社会效益", "科普氛围", "qualitative", points=D(points),
        qualitative_tier=tier, qualitative_score=None if score is None else D(score), reason=reason,
    )


@pytest.mark.parametrize(("tier", "score"), [(0, "8"), (0, "10"), (1, "6"), (1, "8"), (2, "0"), (2, "6")])
def test_a_qualitative_score_on_its_tier_bounds_is_accepted(tier, score):
    scored = score_indicator(qualitative(tier, score), MOF_2020)
    assert scored.errors == []
    assert scored.score == D(score)


@pytest.mark.parametrize(
    ("tier", "score", "message"),
    [
        (0, "7.99", "得分 7.99分 不在所选第一档（80%–100%，即 8.00–10.00分）之内"),
        (1, "8.01", "得分 8.01分 不在所选第二档（60%–80%，即 6.00–8.00分）之内"),
        (1, "5.99", "得分 5.99分 不在所选第二档（60%–80%，即 6.00–8.00分）之内"),
        (2, "6.5", "得分 6.5分 不在所选第三档（0%–60%，即 0.00–6.00分）之内"),
    ],
)
def test_a_qualitative_score_outside_its_tier_is_an_error(tier, score, message):
    scored = score_indicator(qualitative(tier, score), MOF_2020)
    assert scored.errors == [message]
    assert scored.score == D("0")


def test_a_qualitative_score_needs_a_tier_a_reason_and_a_score():
    assert score_indicator(qualitative(0, "9", reason="  "), MOF_2020).errors == ["定性评价须填写评分理由"]
    assert score_indicator(qualitative(None, "9"), MOF_2020).errors == ["请选择定性评价档次（共 3 档）"]
    assert score_indicator(qualitative(0, None), MOF_2020).errors == ["请填写定性评价得分"]


def test_a_scheme_step_refuses_scores_between_steps():
    half_points = replace(MOF_2020, step=D("0.5"))
    assert score_indicator(qualitative(0, "8.5"), half_points).errors == []
    assert score_indicator(qualitative(0, "8.25"), half_points).errors == ["得分须为 0.5 分的整数倍"]


def test_quantitative_other_needs_an_explanation():
    other = IndicatorInput("o", OUTPUT, "质量指标", "验收合格", "quantitative_other", points=D("10"), qualitative_score=D("9"))
    assert score_indicator(other, MOF_2020).errors == ["定量（其他）指标须填写说明"]
    explained = replace(other, reason="9个项目中8个一次验收合格")
    scored = score_indicator(explained, MOF_2020)
    assert scored.score == D("9.00")
    assert scored.explanation == "定量（其他）：评审得分 9.00分；说明：9个项目中8个一次验收合格"
    assert score_indicator(replace(explained, qualitative_score=D("11")), MOF_2020).errors == ["得分 11分 须在 0–10分 之间"]


# ---------------------------------------------------------------- quantitative edges

def test_a_missing_actual_scores_zero_with_an_error():
    scored = score_indicator(IndicatorInput("x", OUTPUT, operator=">=", target=D("60"), unit="名", points=D("10")), MOF_2020)
    assert scored.score == D("0")
    assert scored.errors == [MISSING_ACTUAL] == ["未填写实际完成值"]
    assert scored.explanation == "目标 ≥60名，未填写实际完成值，得0分"


def test_a_missing_target_is_an_error():
    scored = score_indicator(IndicatorInput("x", OUTPUT, operator=">=", points=D("10"), actual=D("3")), MOF_2020)
    assert scored.errors == ["未填写目标值"] and scored.score == D("0")


def test_equal_target_scores_smaller_over_larger():
    meeting = IndicatorInput("m", OUTPUT, operator="=", target=D("2"), unit="期", points=D("6"))
    assert score_indicator(replace(meeting, actual=D("2")), MOF_2020).score == D("6.00")
    assert score_indicator(replace(meeting, actual=D("1")), MOF_2020).score == D("3.00")
    assert score_indicator(replace(meeting, actual=D("3")), MOF_2020).score == D("4.00")


def test_ranges_only_where_the_scheme_allows_them():
    typed = IndicatorInput("r", OUTPUT, "数量指标", "学术交流", "range", D("5"), D("10"), "次", D("10"), D("7"))
    refused = score_indicator(typed, MOF_2020)
    assert refused.score == D("0")
    assert refused.errors == [f"评分方案“{MOF_2020.name}”不允许区间目标值，请改为单一目标值（如 ≥5）"]
    assert score_indicator(typed, HUNAN_2017).score == D("10.00")
    below = score_indicator(replace(typed, actual=D("4")), HUNAN_2017)
    assert below.score == D("8.00")
    assert below.explanation == "实际 4 低于区间下限：实际 4 ÷ 下限 5 × 10分 = 8.00分"
    band = replace(HUNAN_2017, range_above_rule="ratio")
    assert score_indicator(replace(typed, actual=D("20")), band).score == D("5.00")
    assert score_indicator(replace(typed, target_high=D("4")), HUNAN_2017).errors == ["区间下限不能大于上限"]


def test_above_a_range_at_or_below_zero_scores_nothing_instead_of_dividing_by_zero():
    # A change of −5 to −1 % typed as a range; an actual of 0 is above it, and high ÷ actual would divide by zero.
    typed = IndicatorInput("r", OUTPUT, "数量指标", "成本变动", "range", D("-5"), D("-1"), "%", D("10"), D("0"))
    band = replace(HUNAN_2017, range_above_rule="ratio")
    scored = score_indicator(typed, band)
    assert (scored.score, scored.errors) == (D("0"), [])
    assert scored.explanation == "实际 0% 超过区间上限 -1%，得0分"


def test_over_achievement_is_flagged_and_deducted_only_when_the_scheme_says_so():
    typed = IndicatorInput("v", OUTPUT, "数量指标", "科普视频", ">=", D("10"), unit="个", points=D("10"), actual=D("30"))
    scored = score_indicator(typed, MOF_2020)
    assert scored.score == D("10.00")
    assert scored.flags == ["超额完成：实际 30 超过目标 10 的 2 倍，请核实目标设定是否偏低"]
    assert score_indicator(replace(typed, actual=D("20")), MOF_2020).flags == []
    deducting = replace(MOF_2020, over_achievement_deduction=True)
    assert score_indicator(typed, deducting).score == D("6.67")  # 2 × 10 ÷ 30 × 10
    assert score_indicator(replace(typed, actual=D("20")), deducting).score == D("10.00")


def test_strictly_greater_met_only_by_equality_is_flagged():
    typed = IndicatorInput("s", SATISFACTION, operator=">", target=D("95"), unit="%", points=D("10"), actual=D("95"))
    scored = score_indicator(typed, MOF_2020)
    assert scored.score == D("10.00")
    assert scored.flags == ["实际值等于目标值 95%，未严格高于目标"]


def test_floats_are_refused():
    with pytest.raises(TypeError):
        score_indicator(IndicatorInput("f", OUTPUT, operator=">=", target=0.5, points=D("1"), actual=D("1")), MOF_2020)


# ---------------------------------------------------------------- execution, categories, grades

@pytest.mark.parametrize(
    ("rate", "score"), [("0", "0"), ("50", "5.00"), ("96.96", "9.70"), ("99.99", "10.00"), ("100", "10.00"), ("130", "10.00")]
)
def test_execution_points_are_proportional_and_capped(rate, score):
    result = score_evaluation([], MOF_2020, execution_rate=D(rate))
    assert result.execution_score == D(score)


def test_execution_over_100_is_flagged_and_a_missing_rate_is_an_error():
    assert score_evaluation([], MOF_2020, D("130")).flags == ["预算执行率 130% 超过100%，请说明原因"]
    assert "未填写预算执行率" in score_evaluation([], MOF_2020, None).errors


def test_points_not_adding_up_to_the_scheme_are_an_error_and_are_scaled():
    indicators = [
        IndicatorInput("a", OUTPUT, operator=">=", target=D("1"), points=D("20"), actual=D("1")),
        IndicatorInput("b", OUTPUT, operator=">=", target=D("1"), points=D("20"), actual=D("1")),
    ]
    result = score_evaluation(indicators, MOF_2020, D("100"))
    assert "产出指标各指标分值合计 40分，与评分方案的 50分 不符，已按分值比例折算" in result.errors
    # 50 plus satisfaction's share (no satisfaction indicator), shared 20 : 20.
    assert [result.indicator(key).points for key in "ab"] == [D("28.13"), D("28.12")]
    assert result.category(OUTPUT).subtotal == D("56.25")
    assert "效益指标没有可评分的指标，33.75分 无法得分" in result.errors


def test_a_level_1_the_scheme_does_not_know_scores_nothing():
    result = score_evaluation([IndicatorInput("c", "其他指标", operator="<=", target=D("5"), points=D("10"), actual=D("4"))], MOF_2020, D("100"))
    assert result.category("其他指标").subtotal == D("0")
    assert f"评分方案“{MOF_2020.name}”中没有一级指标“其他指标”，其下指标不计分" in result.errors


def test_level_1_aliases_score_a_row_under_the_category_the_scheme_has():
    # Under Hunan 2017 satisfaction is a level-2 of 效益; under MoF 2020 cost is a level-2 of 产出.
    satisfaction = IndicatorInput("s", SATISFACTION, operator=">=", target=D("95"), unit="%", points=D("40"), actual=D("95"))
    output = IndicatorInput("o", OUTPUT, operator=">=", target=D("1"), points=D("60"), actual=D("1"))
    hunan = score_evaluation([output, satisfaction], HUNAN_2017)
    assert [(c.name, c.subtotal) for c in hunan.categories] == [(OUTPUT, D("60.00")), (OUTCOME, D("40.00"))]
    assert hunan.errors == []
    cost = IndicatorInput("c", "成本指标", operator="<=", target=D("5"), points=D("10"), actual=D("4"))
    output_40 = replace(output, points=D("40"))
    mof = score_evaluation([output_40, cost], MOF_2020, D("100"))
    assert mof.category(OUTPUT).indicators[1].key == "c"
    assert mof.category(OUTPUT).subtotal == D("56.25")


def test_a_2021_framework_scheme_scores_cost_as_a_level_1():
    framework_2021 = ScoringScheme(
        "test-2021", "2021 框架（测试）", D("10"),
        {"成本指标": D("20"), OUTPUT: D("40"), OUTCOME: D("20"), SATISFACTION: D("10")},
    )
    indicators = [
        IndicatorInput("c", "成本指标", operator="<=", target=D("5"), points=D("20"), actual=D("4")),
        IndicatorInput("o", OUTPUT, operator=">=", target=D("5"), points=D("40"), actual=D("4")),
        IndicatorInput("e", OUTCOME, operator=">=", target=D("5"), points=D("20"), actual=D("5")),
        IndicatorInput("s", SATISFACTION, operator=">=", target=D("90"), points=D("10"), actual=D("90")),
    ]
    result = score_evaluation(indicators, framework_2021, D("100"))
    assert [c.name for c in result.categories] == ["成本指标", OUTPUT, OUTCOME, SATISFACTION]
    assert result.total == D("10") + D("20") + D("32.00") + D("20") + D("10")


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")],
)
def test_grade_bands(total, grade):
    assert grade_for(D(total), MOF_2020) == grade
    assert grade_for(D(total), HUNAN_2017) == grade


def test_apportion_sums_exactly():
    assert apportion(D("10"), [D("50"), D("30")]) == [D("6.25"), D("3.75")]
    assert apportion(D("10"), [D("1"), D("1"), D("1")]) == [D("3.34"), D("3.33"), D("3.33")]
    assert apportion(D("5"), [D("0"), D("0")]) == [D("2.50"), D("2.50")]


# ---------------------------------------------------------------- schemes

def test_schemes_are_chosen_by_region_and_year():
    assert scheme_for("湖南", 2017) is HUNAN_2017
    assert scheme_for(["岳阳市", "岳阳", "湖南省", "湖南"], 2017) is HUNAN_2017
    assert scheme_for("湖南", 2018) is MOF_2020
    assert scheme_for("湖南", 2017, kind="project") is MOF_2020
    assert scheme_for("浙江", 2020) is MOF_2020
    assert scheme_for(None, 2020) is MOF_2020


def test_scheme_points():
    assert MOF_2020.total_points == D("100")
    assert HUNAN_2017.total_points == D("100")
    assert (MOF_2020.execution_points, MOF_2020.category_points) == (D("10"), {OUTPUT: D("50"), OUTCOME: D("30"), SATISFACTION: D("10")})
    assert HUNAN_2017.category_points == {OUTPUT: D("60"), OUTCOME: D("40")}
    assert max_score_given_execution(D("66.8"), MOF_2020) == D("96.68")  # Jiangmen 2022 cannot honestly reach more than 96.68
    assert max_score_given_execution(D("96.96"), MOF_2020) == D("99.70")


def test_the_same_points_typed_as_10_or_10_00_print_as_typed():
    def evaluation(points):
        return [
            IndicatorInput("a", OUTPUT, operator=">=", target=D("10"), points=D(points), actual=D("5")),
            IndicatorInput("b", OUTPUT, operator=">=", target=D("10"), points=D(points), actual=D("10")),
            IndicatorInput("c", OUTPUT, operator=">=", target=D("10"), points=D(points), actual=D("10")),
            IndicatorInput("d", OUTPUT, operator=">=", target=D("10"), points=D(points), actual=D("10")),
            IndicatorInput("e", OUTPUT, operator=">=", target=D("10"), points=D(points), actual=D("10")),
            IndicatorInput("f", OUTCOME, operator=">=", target=D("1"), points=D("30"), actual=D("1")),
            IndicatorInput("g", SATISFACTION, operator=">=", target=D("1"), points=D("10"), actual=D("1")),
        ]

    assert score_evaluation(evaluation("10"), MOF_2020, D("100")).indicator("a").explanation == "实际 5 ÷ 目标 10 × 10分 = 5.00分"
    assert score_evaluation(evaluation("10.00"), MOF_2020, D("100")).indicator("a").explanation == "实际 5 ÷ 目标 10 × 10.00分 = 5.00分"


def test_tier_choices_for_the_form():
    from jixiao.scoring.engine import qualitative_tier_choices

    assert qualitative_tier_choices(MOF_2020) == [(0, "第一档（80%–100%）"), (1, "第二档（60%–80%）"), (2, "第三档（0%–60%）")]


def test_results_are_frozen_and_equal_to_ones_built_by_hand():
    from dataclasses import FrozenInstanceError

    from jixiao.scoring.engine import IndicatorScore

    typed = IndicatorInput("x", OUTPUT, operator=">=", target=D("60"), points=D("10"), actual=D("30"))
    scored = score_indicator(typed, MOF_2020)
    assert scored == IndicatorScore("x", D("10"), D("5.00"), "实际 30 ÷ 目标 60 × 10分 = 5.00分", [], [], D("10"), OUTPUT, "", False)
    with pytest.raises(FrozenInstanceError):
        scored.score = D("10")
    result = score_evaluation([typed], MOF_2020, D("100"))
    with pytest.raises(FrozenInstanceError):
        result.total = D("100")


def test_inputs_accept_whole_numbers_and_text_and_print_plainly():
    typed = IndicatorInput("x", OUTPUT, operator="≥", target=D("1E+2"), points=10, actual="50")
    assert (typed.operator, typed.points, typed.actual) == (">=", D("10"), D("50"))
    assert score_indicator(typed, MOF_2020).explanation == "实际 50 ÷ 目标 100 × 10分 = 5.00分"


def test_a_tier_posted_as_text_is_read_as_its_number():
    assert score_indicator(qualitative("1", "7"), MOF_2020).score == D("7.00")
    assert score_indicator(qualitative("", "7"), MOF_2020).errors == ["请选择定性评价档次（共 3 档）"]
