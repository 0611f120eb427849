"""Fairness analytics: a lenient judge stands out, items with scattered scores show low agreement, and the office
sees whether the ranking would change under the other aggregation."""

from decimal import Decimal

from jixiao.assessment.domain.aggregation import (
    AggregationSettings,
    CountyInput,
    Panel,
    PanelGroup,
    PanelItem,
    rank_all,
)
from jixiao.assessment.domain.fairness import compare_aggregations, item_agreement, judge_deviations

D = Decimal
ITEMS = [PanelItem(1, 1, D(10)), PanelItem(2, 1, D(10))]
ONE_GROUP = [PanelGroup(1, "评委", D(100))]


def panel(judges, drop_extremes=False):
    return Panel(ITEMS, ONE_GROUP, {judge: 1 for judge in judges}, settings=AggregationSettings(drop_extremes=drop_extremes, drop_extremes_min_judges=5))


def county(unit_id, totals):
    """Each judge's two item scores, as (item 1, item 2) pairs keyed by judge."""
    return CountyInput(unit_id, {judge: {1: D(a), 2: D(b)} for judge, (a, b) in totals.items()})


def test_a_judge_far_more_lenient_than_the_panel_is_flagged():
    counties = [
        county(1, {1: (7, 7), 2: (7, 6), 3: (6, 7), 4: (7, 7), 5: (10, 10)}),
        county(2, {1: (5, 5), 2: (5, 4), 3: (4, 5), 4: (5, 6), 5: (9, 9)}),
    ]
    results, _ = rank_all(panel(range(1, 6)), counties)

    rows = {row.judge_id: row for row in judge_deviations(results)}

    # County 1: totals 14, 13, 13, 14, 20 → median 14; county 2: 10, 9, 9, 11, 18 → median 10.
    assert [(rows[j].mean_deviation, rows[j].outlier) for j in range(1, 6)] == [
        (D(0), False), (D(-1), False), (D(-1), False), (D("0.5"), False), (D("7"), True),
    ]


def test_small_differences_between_judges_are_not_flagged():
    counties = [county(1, {1: (7, 7), 2: (7, 6), 3: (6, 7), 4: (7, 8)})]
    results, _ = rank_all(panel(range(1, 5)), counties)

    assert [row.outlier for row in judge_deviations(results)] == [False, False, False, False]


def test_agreement_per_item_is_the_mean_distance_from_the_median_as_a_share_of_its_points():
    counties = [county(1, {1: (5, 2), 2: (5, 5), 3: (5, 8)})]
    p = panel(range(1, 4))
    results, _ = rank_all(p, counties)

    rows = item_agreement(p, counties, results)

    # Item 1: everyone 5 → spread 0, high. Item 2: 2, 5, 8 around 5 → (3 + 0 + 3)/3 = 2, 20% of 10 points: medium.
    assert [(row.mean_spread, row.share, row.level) for row in rows] == [(D(0), D(0), "高"), (D(2), D(20), "中")]


def test_the_office_sees_a_ranking_that_changes_when_extremes_are_dropped():
    # County 1 owes its lead to one very generous judge; without extremes county 2 leads.
    counties = [
        county(1, {1: (6, 6), 2: (6, 6), 3: (6, 6), 4: (6, 6), 5: (10, 10)}),
        county(2, {1: (7, 6), 2: (7, 6), 3: (7, 6), 4: (6, 6), 5: (6, 6)}),
    ]

    rows = compare_aggregations(panel(range(1, 6)), counties)

    assert [(row.unit_id, row.rank, row.final, row.other_rank, row.other_final, row.changed) for row in rows] == [
        (1, 1, D("13.60"), 2, D("12.00"), True),
        (2, 2, D("12.60"), 1, D("12.67"), True),
    ]
