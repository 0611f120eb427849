"""What a fair office looks at before publishing.

- Each judge's leniency: the mean of (the judge's total − the panel's median
  total) over the counties the judge scored in full, and a flag when it lies far
  from the other judges' (more than three robust standard deviations, and at
  least two points, from the judges' median).
- Agreement per item: how far judges' scores of an item lie from the panel's
  median for that county, as a share of the item's points.
- Whether the ranking changes under the other aggregation (with or without
  dropping the highest and lowest totals).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.assessment.domain.aggregation import CountyInput, CountyResult, JudgeStatus, Panel, rank_all
from jixiao.assessment.domain.numbers import ZERO, mean, median

# MAD × 1.4826 estimates the standard deviation of normally spread values.
MAD_TO_SD = Decimal("1.4826")
OUTLIER_SPREADS = Decimal(3)
OUTLIER_MIN_POINTS = Decimal(2)
# Mean distance from the median as a share of the item's points.
HIGH_AGREEMENT_UP_TO = Decimal(10)
MEDIUM_AGREEMENT_UP_TO = Decimal(20)

SCORED = {JudgeStatus.KEPT, JudgeStatus.DROPPED_HIGH, JudgeStatus.DROPPED_LOW}


@dataclass
class JudgeDeviation:
    judge_id: int
    counties: int
    mean_deviation: Decimal
    mean_abs_deviation: Decimal
    outlier: bool


def judge_deviations(results: Sequence[CountyResult]) -> list[JudgeDeviation]:
    deviations: dict[int, list[Decimal]] = {}
    for result in results:
        totals = {judge.judge_id: judge.total for group in result.groups for judge in group.judges if judge.status in SCORED}
        if len(totals) < 2:
            continue
        panel_median = median(list(totals.values()))
        for judge_id, total in totals.items():
            deviations.setdefault(judge_id, []).append(total - panel_median)
    rows = [
        JudgeDeviation(judge_id, len(values), mean(values), mean([abs(v) for v in values]), False)
        for judge_id, values in sorted(deviations.items())
    ]
    if len(rows) >= 3:
        centre = median([row.mean_deviation for row in rows])
        spread = median([abs(row.mean_deviation - centre) for row in rows]) * MAD_TO_SD
        limit = max(spread * OUTLIER_SPREADS, OUTLIER_MIN_POINTS)
        for row in rows:
            row.outlier = abs(row.mean_deviation - centre) > limit
    return rows


@dataclass
class ItemAgreement:
    item_id: int
    points: Decimal
    mean_spread: Decimal | None
    share: Decimal | None

    @property
    def level(self) -> str:
        if self.share is None:
            return "—"
        if self.share <= HIGH_AGREEMENT_UP_TO:
            return "高"
        if self.share <= MEDIUM_AGREEMENT_UP_TO:
            return "中"
        return "低"


def item_agreement(panel: Panel, counties: Sequence[CountyInput], results: Sequence[CountyResult]) -> list[ItemAgreement]:
    scored_by_unit = {
        result.unit_id: [judge.judge_id for group in result.groups for judge in group.judges if judge.status in SCORED]
        for result in results
    }
    rows = []
    for item in panel.items:
        spreads = []
        for county in counties:
            values = [county.scores[judge_id][item.id] for judge_id in scored_by_unit.get(county.unit_id, [])]
            if len(values) >= 2:
                centre = median(values)
                spreads.append(mean([abs(value - centre) for value in values]))
        if spreads:
            spread = mean(spreads)
            rows.append(ItemAgreement(item.id, item.points, spread, spread * 100 / item.points if item.points else ZERO))
        else:
            rows.append(ItemAgreement(item.id, item.points, None, None))
    return rows


@dataclass
class RankComparison:
    unit_id: int
    rank: int | None
    final: Decimal | None
    other_rank: int | None
    other_final: Decimal | None

    @property
    def changed(self) -> bool:
        return self.rank != self.other_rank


def compare_aggregations(panel: Panel, counties: Sequence[CountyInput]) -> list[RankComparison]:
    _, ranked = rank_all(panel, counties)
    other_panel = Panel(panel.items, panel.groups, panel.judge_groups, panel.bonus_caps, panel.settings.flipped())
    _, other_ranked = rank_all(other_panel, counties)
    other = {entry.unit_id: entry for entry in other_ranked}
    return [
        RankComparison(entry.unit_id, entry.rank, entry.final, other[entry.unit_id].rank, other[entry.unit_id].final)
        for entry in ranked
    ]
