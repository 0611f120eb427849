"""A county's result from a small panel equals the value worked out by hand."""

import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.assessment.domain.aggregation import (
    AggregationSettings,
    CountyInput,
    JudgeStatus,
    Panel,
    PanelGroup,
    PanelItem,
    TieRule,
    advanced_units,
    category_scores,
    county_result,
    item_scores,
    rank_all,
)
from jixiao.assessment.domain.numbers import mean, median, round2, trimmed_mean

D = Decimal
# Two items: item 1 (6 points, category 1), item 2 (4 points, category 2).
ITEMS = [PanelItem(1, 1, D(6)), PanelItem(2, 2, D(4))]
LEADERS, DEPARTMENTS, COUNTIES = PanelGroup(10, "市科协领导", D(40)), PanelGroup(20, "机关各部门", D(30)), PanelGroup(30, "县区科协", D(30))
GROUPS = [LEADERS, DEPARTMENTS, COUNTIES]
# Judges 1–3 leaders, 4–5 departments, 6–7 county judges.
JUDGE_GROUPS = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 30, 7: 30}
BONUS_CAPS = {101: D(4), 102: D(4), 103: D(2)}


def panel(**settings):
    return Panel(ITEMS, GROUPS, JUDGE_GROUPS, BONUS_CAPS, AggregationSettings(**settings))


def scores(*pairs):
    """Judge n's (item 1, item 2) scores, in judge order 1, 2, …"""
    return {judge: {1: D(first), 2: D(second)} for judge, (first, second) in enumerate(pairs, start=1)}


SMALL_PANEL = scores(("5", "3.5"), ("6", "4"), ("4.5", "3"), ("5", "3"), ("5.5", "2.5"), ("6", "4"), ("4", "4"))


def test_plain_mean_of_each_group_weighted_40_30_30():
    county = CountyInput(1, SMALL_PANEL)
    result = county_result(panel(), county)

    # Leaders: totals 8.5, 10, 7.5 → mean 26/3; departments: 8, 8 → 8; counties: 10, 8 → 9.
    assert [group.score for group in result.groups] == [D(26) / 3, D(8), D(9)]
    # 40% × 26/3 + 30% × 8 + 30% × 9 = 3.4666… + 2.4 + 2.7 = 8.5666… → 8.57
    assert result.final == D("8.57")
    # Item 1 (6 points): leaders (5 + 6 + 4.5)/3, departments (5 + 5.5)/2, counties (6 + 4)/2 → 2.0666… + 1.575 + 1.5
    assert round2(item_scores(panel(), county, result)[1]) == D("5.14")
    assert category_scores(panel(), county, result) == {1: item_scores(panel(), county, result)[1], 2: item_scores(panel(), county, result)[2]}


def test_a_county_judge_does_not_score_his_own_county_and_his_group_is_the_other_judge():
    county = CountyInput(1, SMALL_PANEL, excluded={6: "评委所在单位即被考核单位"})

    result = county_result(panel(), county)

    judge_6 = result.groups[2].judges[0]
    assert (judge_6.judge_id, judge_6.status, judge_6.total) == (6, JudgeStatus.EXCLUDED, None)
    # Counties group is now judge 7 alone: 8. 40% × 26/3 + 30% × 8 + 30% × 8 = 8.2666… → 8.27
    assert result.groups[2].score == D(8)
    assert result.final == D("8.27")


def test_dropping_extremes_applies_only_where_a_group_has_five_judges():
    five_leaders = {1: 10, 2: 10, 3: 10, 4: 10, 5: 10, 6: 30}
    county = CountyInput(1, {
        1: {1: D(40), 2: D(30)}, 2: {1: D(50), 2: D(30)}, 3: {1: D(50), 2: D(35)},
        4: {1: D(55), 2: D(35)}, 5: {1: D(59), 2: D(40)}, 6: {1: D(50), 2: D(30)},
    })
    items = [PanelItem(1, 1, D(60)), PanelItem(2, 2, D(40))]
    groups = [PanelGroup(10, "领导", D(70)), PanelGroup(30, "县区", D(30))]

    plain = county_result(Panel(items, groups, five_leaders, settings=AggregationSettings()), county)
    trimmed = county_result(Panel(items, groups, five_leaders, settings=AggregationSettings(drop_extremes=True)), county)

    # Leaders' totals 70, 80, 85, 90, 99. Plain mean 424/5 = 84.8; dropping 70 and 99: (80 + 85 + 90)/3 = 85.
    assert plain.groups[0].score == D("84.8")
    assert trimmed.groups[0].score == D(85)
    assert [judge.status for judge in trimmed.groups[0].judges] == [
        JudgeStatus.DROPPED_LOW, JudgeStatus.KEPT, JudgeStatus.KEPT, JudgeStatus.KEPT, JudgeStatus.DROPPED_HIGH,
    ]
    # The county group has one judge: nothing is dropped there.
    assert trimmed.groups[1].trimmed is False
    # 70% × 84.8 + 30% × 80 = 83.36; 70% × 85 + 30% × 80 = 83.5
    assert (plain.final, trimmed.final) == (D("83.36"), D("83.50"))


def test_a_judge_who_has_not_scored_every_item_does_not_count():
    county_scores = dict(SMALL_PANEL)
    county_scores[2] = {1: D(6)}
    result = county_result(panel(), CountyInput(1, county_scores))

    assert result.groups[0].judges[1].status == JudgeStatus.INCOMPLETE
    assert result.groups[0].judges[1].reason == "评了 1/2 项"
    # Leaders: (8.5 + 7.5)/2 = 8. 40% × 8 + 30% × 8 + 30% × 9 = 8.3
    assert result.final == D("8.30")


def test_a_group_without_any_valid_score_is_left_out_and_the_others_reweighted():
    only_leaders_and_departments = {judge: values for judge, values in SMALL_PANEL.items() if judge <= 5}
    result = county_result(panel(), CountyInput(1, only_leaders_and_departments))

    # (40 × 26/3 + 30 × 8) / 70 = 586.666…/70 = 8.38095… → 8.38
    assert result.final == D("8.38")
    assert result.notes == ["县区科协组无有效评分，按其余评委组权重重新折算"]


def test_bonus_is_capped_per_item_and_in_total():
    county = CountyInput(1, SMALL_PANEL, bonus=[(101, D(3)), (101, D(2)), (103, D(3)), (102, D(1))])

    result = county_result(panel(bonus_cap=D(6)), county)

    # Item 101: 3 + 2 = 5, capped at 4; item 103: 3, capped at 2; item 102: 1. 4 + 1 + 2 = 7, capped at 6 in total.
    assert [(line.bonus_item_id, line.claimed, line.awarded) for line in result.bonus_lines] == [
        (101, D(5), D(4)), (102, D(1), D(1)), (103, D(3), D(2)),
    ]
    assert result.bonus == D(6)
    assert result.final == D("14.57")
    assert result.notes == ["加分合计 7 分，超过加分上限，按 6 分计"]


def test_routine_work_is_blended_in_with_its_weight():
    result = county_result(panel(routine_weight=D(20)), CountyInput(1, SMALL_PANEL, routine=D(9)))
    # 80% × 8.5666… + 20% × 9 = 6.85333… + 1.8 = 8.65333… → 8.65
    assert result.final == D("8.65")

    missing = county_result(panel(routine_weight=D(20)), CountyInput(1, SMALL_PANEL))
    assert missing.final is None
    assert missing.notes == ["平时工作情况尚未登记"]


def uniform(total_first, total_second):
    """Every judge gives the same two item scores."""
    return {judge: {1: D(total_first), 2: D(total_second)} for judge in JUDGE_GROUPS}


def test_a_vetoed_county_leaves_the_ranking_and_the_commendation():
    counties = [
        CountyInput(1, uniform(6, 4), veto="年内发生重大安全事故"),
        CountyInput(2, uniform(5, 3)),
        CountyInput(3, uniform(4, 3)),
    ]

    results, ranked = rank_all(panel(), counties)

    assert [(entry.unit_id, entry.rank, entry.final) for entry in ranked] == [
        (2, 1, D("8.00")), (3, 2, D("7.00")), (1, None, D("10.00")),
    ]
    assert results[0].vetoed and results[0].veto_reason == "年内发生重大安全事故"
    assert advanced_units(ranked, 1) == {2}


def test_a_tie_is_shared_when_the_rule_says_so():
    counties = [CountyInput(1, uniform(5, 3)), CountyInput(2, uniform("4.5", "2.5"), bonus=[(101, D(1))]), CountyInput(3, uniform(4, 2))]

    _, ranked = rank_all(panel(tie_break=TieRule.SHARED), counties)

    assert [(entry.unit_id, entry.rank) for entry in ranked] == [(1, 1), (2, 1), (3, 3)]
    assert ranked[0].tie_note == "与其他单位同分 8.00，并列第 1 名"
    # Both tied units are advanced when one place is given: the tie takes the place together.
    assert advanced_units(ranked, 1) == {1, 2}


def test_a_tie_is_broken_by_the_score_before_bonus_when_the_rule_says_so():
    counties = [CountyInput(1, uniform("4.5", "2.5"), bonus=[(101, D(1))]), CountyInput(2, uniform(5, 3)), CountyInput(3, uniform(4, 2))]

    _, ranked = rank_all(panel(tie_break=TieRule.BASE_SCORE), counties)

    # Both total 8.00; county 2 scored 8 before bonus, county 1 scored 7: county 2 first.
    assert [(entry.unit_id, entry.rank) for entry in ranked] == [(2, 1), (1, 2), (3, 3)]
    assert ranked[1].tie_note == "总分 8.00 与其他单位相同，按同分规则比较不含加分的得分（7.00）"


def test_a_tie_is_broken_by_the_heaviest_group_when_the_rule_says_so():
    county_2 = {judge: {1: D("4.5"), 2: D("2.5")} if group == 10 else {1: D(6), 2: D("2.5")} for judge, group in JUDGE_GROUPS.items()}
    # County 1: every judge 8 → 8.00. County 2: leaders 7, the others 8.5 → 40% × 7 + 60% × 8.5 = 7.9, plus 0.1 bonus → 8.00.
    counties = [CountyInput(1, uniform(5, 3)), CountyInput(2, county_2, bonus=[(103, D("0.1"))])]

    _, ranked = rank_all(panel(tie_break=TieRule.FIRST_GROUP), counties)

    # The leaders (40 %) gave county 1 eight points and county 2 seven: county 1 first.
    assert [(entry.unit_id, entry.rank, entry.final) for entry in ranked] == [(1, 1, D("8.00")), (2, 2, D("8.00"))]
    assert ranked[1].tie_note == "总分 8.00 与其他单位相同，按同分规则比较市科协领导组得分（7.00）"


# --- Properties -------------------------------------------------------------

half_points = st.integers(min_value=0, max_value=12).map(lambda n: D(n) / 2)


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=3, max_size=15))
def test_mean_median_and_trimmed_mean_lie_between_the_extremes_and_ignore_order(values):
    for statistic in (mean, median, trimmed_mean):
        value = statistic(values)
        assert min(values) <= value <= max(values)
        assert statistic(list(reversed(values))) == value


@given(st.lists(st.tuples(half_points.filter(lambda v: v <= 6), half_points.filter(lambda v: v <= 4)), min_size=7, max_size=7),
       st.booleans())
def test_a_county_score_stays_between_its_lowest_and_highest_judge(pairs, drop_extremes):
    judge_scores = {judge: {1: first, 2: second} for judge, (first, second) in enumerate(pairs, start=1)}
    county = CountyInput(1, judge_scores)
    settings_panel = panel(drop_extremes=drop_extremes, drop_extremes_min_judges=3)
    result = county_result(settings_panel, county)
    totals = [first + second for first, second in pairs]

    assert round2(min(totals)) <= result.final <= round2(max(totals))
    assert abs(sum(category_scores(settings_panel, county, result).values()) - result.panel_score) < D("1e-20")


@given(st.lists(st.tuples(half_points.filter(lambda v: v <= 6), half_points.filter(lambda v: v <= 4), st.booleans()), min_size=1, max_size=12))
def test_ranks_follow_the_final_scores_and_vetoed_counties_are_unranked(counties_data):
    counties = [
        CountyInput(unit, uniform(first, second), veto="否决" if vetoed else None)
        for unit, (first, second, vetoed) in enumerate(counties_data, start=1)
    ]
    _, ranked = rank_all(panel(), counties)

    ranked_entries = [entry for entry in ranked if entry.rank is not None]
    assert len(ranked_entries) == sum(1 for *_, vetoed in counties_data if not vetoed)
    for higher, lower in itertools.pairwise(ranked_entries):
        assert higher.final >= lower.final
        assert (higher.rank == lower.rank) == (higher.final == lower.final)
