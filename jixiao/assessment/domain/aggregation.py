"""From judges' item scores to a ranked list of counties.

Per county and judge group, the group's score is the mean of its judges'
totals; where the scheme says so and the group has at least the set number of
judges for that county, the highest and lowest totals are dropped first. The
panel score is the weighted sum over groups (re-weighted over the groups that
scored, when a whole group could not). The routine-work record is blended in
with its weight, bonus points are added (capped per bonus item and in total),
and a veto takes the county out of the ranking. Ties follow the scheme's rule.

Only a judge who scored every item of a county counts for that county; a judge
in conflict with the county does not score it at all. Intermediate values stay
exact; the final score is rounded to two decimals, and ties compare those.
"""

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.assessment.domain.numbers import ZERO, fmt_points, fmt_score, mean, round2

HUNDRED = Decimal(100)


class TieRule:
    SHARED = "shared"
    BASE_SCORE = "base_score"
    FIRST_GROUP = "first_group"


@dataclass(frozen=True)
class PanelItem:
    id: int
    category: int
    points: Decimal


@dataclass(frozen=True)
class PanelGroup:
    id: int
    name: str
    weight: Decimal


@dataclass(frozen=True)
class AggregationSettings:
    drop_extremes: bool = False
    drop_extremes_min_judges: int = 5
    routine_weight: Decimal = ZERO
    bonus_cap: Decimal = Decimal(10)
    tie_break: str = TieRule.SHARED

    def flipped(self) -> "AggregationSettings":
        """The other aggregation: with extremes dropped if these settings keep them, and vice versa."""
        return AggregationSettings(
            not self.drop_extremes, self.drop_extremes_min_judges, self.routine_weight, self.bonus_cap, self.tie_break
        )


@dataclass(frozen=True)
class Panel:
    items: Sequence[PanelItem]
    groups: Sequence[PanelGroup]
    judge_groups: Mapping[int, int]
    bonus_caps: Mapping[int, Decimal] = field(default_factory=dict)
    settings: AggregationSettings = AggregationSettings()


@dataclass(frozen=True)
class CountyInput:
    """A county's inputs. `totals` (judge → (sum of the panel's items scored, how many)) and `category_totals`
    (judge → category → sum) are what the results and the ranking need, computed by the database with SQL
    aggregates; `scores` (judge → item → score) is only loaded where one county is explained item by item.
    Without `totals`, they are derived from `scores`."""

    unit_id: int
    scores: Mapping[int, Mapping[int, Decimal]] = field(default_factory=dict)
    excluded: Mapping[int, str] = field(default_factory=dict)
    bonus: Sequence[tuple[int, Decimal]] = ()
    routine: Decimal | None = None
    veto: str | None = None
    totals: Mapping[int, tuple[Decimal, int]] | None = None
    category_totals: Mapping[int, Mapping[int, Decimal]] | None = None


class JudgeStatus:
    KEPT = "kept"
    DROPPED_HIGH = "dropped_high"
    DROPPED_LOW = "dropped_low"
    INCOMPLETE = "incomplete"
    EXCLUDED = "excluded"

    LABELS = {
        KEPT: "计入",
        DROPPED_HIGH: "去掉的最高分",
        DROPPED_LOW: "去掉的最低分",
        INCOMPLETE: "未评完，不计入",
        EXCLUDED: "回避",
    }


KEPT = JudgeStatus.KEPT


@dataclass
class JudgeTotal:
    judge_id: int
    total: Decimal | None
    scored: int
    status: str
    reason: str = ""


@dataclass
class GroupOutcome:
    group_id: int
    name: str
    weight: Decimal
    judges: list[JudgeTotal]
    score: Decimal | None
    trimmed: bool

    @property
    def counted(self) -> list[JudgeTotal]:
        return [judge for judge in self.judges if judge.status == JudgeStatus.KEPT]


@dataclass
class BonusLine:
    bonus_item_id: int
    claimed: Decimal
    cap: Decimal
    awarded: Decimal


@dataclass
class CountyResult:
    unit_id: int
    groups: list[GroupOutcome]
    panel_score: Decimal | None
    routine: Decimal | None
    combined: Decimal | None
    bonus_lines: list[BonusLine]
    bonus: Decimal
    final: Decimal | None
    vetoed: bool
    veto_reason: str
    notes: list[str]

    @property
    def complete(self) -> bool:
        return self.final is not None


def _judge_total(judge_id: int, county: CountyInput, item_ids: frozenset[int]) -> JudgeTotal:
    if county.totals is not None:
        # Summed by the database over the panel's items only: complete when every item is scored.
        total, scored_count = county.totals.get(judge_id, (ZERO, 0))
        if scored_count < len(item_ids):
            return JudgeTotal(judge_id, None, scored_count, JudgeStatus.INCOMPLETE, f"评了 {scored_count}/{len(item_ids)} 项")
        return JudgeTotal(judge_id, total, scored_count, JudgeStatus.KEPT)
    scores = county.scores.get(judge_id, {})
    # The usual case, a judge who scored exactly the panel's items, sums in one pass.
    if len(scores) == len(item_ids) and scores.keys() >= item_ids:
        return JudgeTotal(judge_id, sum(scores.values(), ZERO), len(item_ids), JudgeStatus.KEPT)
    scored = [scores[item_id] for item_id in item_ids if item_id in scores]
    if len(scored) < len(item_ids):
        return JudgeTotal(judge_id, None, len(scored), JudgeStatus.INCOMPLETE, f"评了 {len(scored)}/{len(item_ids)} 项")
    return JudgeTotal(judge_id, sum(scored, ZERO), len(scored), JudgeStatus.KEPT)


def _total_of(judge: JudgeTotal) -> Decimal:
    return judge.total


def _group_outcome(group: PanelGroup, judges: list[JudgeTotal], settings: AggregationSettings) -> GroupOutcome:
    complete = [judge for judge in judges if judge.status == KEPT]
    trimmed = settings.drop_extremes and len(complete) >= settings.drop_extremes_min_judges
    if trimmed:
        # Ties between totals: the judge listed first is the one dropped, so the explanation is stable
        # (min and max keep the first of equals, as a stable sort would).
        lowest = min(complete, key=_total_of)
        highest = max((judge for judge in complete if judge is not lowest), key=_total_of)
        lowest.status, highest.status = JudgeStatus.DROPPED_LOW, JudgeStatus.DROPPED_HIGH
        complete = [judge for judge in complete if judge.status == KEPT]
    score = mean([judge.total for judge in complete]) if complete else None
    return GroupOutcome(group.id, group.name, group.weight, judges, score, trimmed)


def county_result(panel: Panel, county: CountyInput, item_ids: frozenset[int] | None = None) -> CountyResult:
    settings = panel.settings
    notes: list[str] = []
    item_ids = item_ids if item_ids is not None else frozenset(item.id for item in panel.items)
    judges_by_group: dict[int, list[JudgeTotal]] = {group.id: [] for group in panel.groups}
    for judge_id, group_id in panel.judge_groups.items():
        if judge_id in county.excluded:
            judges_by_group[group_id].append(JudgeTotal(judge_id, None, 0, JudgeStatus.EXCLUDED, county.excluded[judge_id]))
        else:
            judges_by_group[group_id].append(_judge_total(judge_id, county, item_ids))
    groups = [_group_outcome(group, judges_by_group[group.id], settings) for group in panel.groups]

    scored_groups = [group for group in groups if group.score is not None]
    weight_sum = sum((group.weight for group in scored_groups), ZERO)
    panel_score = None
    if scored_groups and weight_sum > 0:
        panel_score = sum((group.score * group.weight for group in scored_groups), ZERO) / weight_sum
        missing = [group.name for group in groups if group.score is None]
        if missing:
            notes.append(f"{'、'.join(missing)}组无有效评分，按其余评委组权重重新折算")
    else:
        notes.append("尚无评委评完全部项目")

    routine_weight = settings.routine_weight
    combined = None
    if panel_score is not None:
        if routine_weight == 0:
            combined = panel_score
        elif county.routine is None:
            notes.append("平时工作情况尚未登记")
        else:
            combined = panel_score * (HUNDRED - routine_weight) / HUNDRED + county.routine * routine_weight / HUNDRED

    bonus_lines = _bonus_lines(county.bonus, panel.bonus_caps)
    claimed_bonus = sum((line.awarded for line in bonus_lines), ZERO)
    bonus = min(claimed_bonus, settings.bonus_cap)
    if claimed_bonus > bonus:
        notes.append(f"加分合计 {fmt_points(claimed_bonus)} 分，超过加分上限，按 {fmt_points(bonus)} 分计")

    final = round2(combined + bonus) if combined is not None else None
    return CountyResult(
        county.unit_id, groups, panel_score, county.routine, combined, bonus_lines, bonus, final,
        county.veto is not None, county.veto or "", notes,
    )


def item_scores(panel: Panel, county: CountyInput, result: CountyResult) -> dict[int, Decimal]:
    """Per item, the panel's score: each group's mean over the judges counted in its total, weighted like the totals.

    Means are linear, so the items add up to the panel score, and any grouping of items (a category) to its share.
    """
    scored = [group for group in result.groups if group.score is not None]
    weight_sum = sum((group.weight for group in scored), ZERO)
    if not scored:
        return {}
    return {
        item.id: sum(
            (mean([county.scores[judge.judge_id][item.id] for judge in group.counted]) * group.weight for group in scored),
            ZERO,
        ) / weight_sum
        for item in panel.items
    }


def category_scores(panel: Panel, county: CountyInput, result: CountyResult) -> dict[int, Decimal]:
    """Per category, the panel's score: like the total, each group's mean of its counted judges' category sums."""
    if county.category_totals is not None:
        scored = [group for group in result.groups if group.score is not None]
        weight_sum = sum((group.weight for group in scored), ZERO)
        if not scored:
            return {}
        categories = sorted({item.category for item in panel.items})
        return {
            category: sum(
                (mean([county.category_totals.get(judge.judge_id, {}).get(category, ZERO) for judge in group.counted])
                 * group.weight for group in scored),
                ZERO,
            ) / weight_sum
            for category in categories
        }
    by_item = item_scores(panel, county, result)
    totals: dict[int, Decimal] = {}
    for item in panel.items:
        if item.id in by_item:
            totals[item.category] = totals.get(item.category, ZERO) + by_item[item.id]
    return totals


def _bonus_lines(awards: Sequence[tuple[int, Decimal]], caps: Mapping[int, Decimal]) -> list[BonusLine]:
    claimed: dict[int, Decimal] = {}
    for bonus_item_id, points in awards:
        claimed[bonus_item_id] = claimed.get(bonus_item_id, ZERO) + points
    return [
        BonusLine(bonus_item_id, total, caps[bonus_item_id], min(total, caps[bonus_item_id]))
        for bonus_item_id, total in sorted(claimed.items())
    ]


# --- Ranking ----------------------------------------------------------------


@dataclass
class Ranked:
    unit_id: int
    rank: int | None
    final: Decimal | None
    tie_note: str = ""


TIE_RULE_TEXT = {
    TieRule.SHARED: "总分相同者并列同一名次",
    TieRule.BASE_SCORE: "总分相同时，不含加分的得分高者在前；仍相同则并列",
    TieRule.FIRST_GROUP: "总分相同时，权重最大评委组的得分高者在前；仍相同则并列",
}


def _leading_group(groups: Sequence[PanelGroup]) -> PanelGroup | None:
    # The heaviest group; among equal weights the first listed.
    return max(groups, key=lambda group: group.weight) if groups else None


def _tie_key(result: CountyResult, rule: str, leading: PanelGroup | None) -> Decimal:
    if rule == TieRule.BASE_SCORE:
        return round2(result.combined)
    if rule == TieRule.FIRST_GROUP and leading is not None:
        score = next((group.score for group in result.groups if group.group_id == leading.id), None)
        return round2(score) if score is not None else Decimal(-1)
    return ZERO


def rank(results: Sequence[CountyResult], panel: Panel) -> list[Ranked]:
    """Competition ranking (1, 2, 2, 4) of the complete, non-vetoed results; the others follow unranked."""
    rule = panel.settings.tie_break
    leading = _leading_group(panel.groups)
    eligible = [result for result in results if result.complete and not result.vetoed]
    keyed = sorted(
        ((result.final, _tie_key(result, rule, leading), result) for result in eligible),
        key=lambda entry: (entry[0], entry[1]), reverse=True,
    )
    ranked: list[Ranked] = []
    previous_key = None
    for position, (final, tie_key, result) in enumerate(keyed, start=1):
        key = (final, tie_key)
        rank_number = ranked[-1].rank if key == previous_key else position
        ranked.append(Ranked(result.unit_id, rank_number, final))
        previous_key = key
    _explain_ties(ranked, [tie_key for _, tie_key, _ in keyed], rule, leading)
    eligible_ids = {result.unit_id for result in eligible}
    ranked.extend(Ranked(result.unit_id, None, result.final) for result in results if result.unit_id not in eligible_ids)
    return ranked


def _explain_ties(ranked: list[Ranked], tie_keys: list[Decimal], rule: str, leading: PanelGroup | None) -> None:
    by_final: dict[Decimal, list[int]] = {}
    for index, entry in enumerate(ranked):
        by_final.setdefault(entry.final, []).append(index)
    what = "不含加分的得分" if rule == TieRule.BASE_SCORE else f"{leading.name}组得分" if leading else ""
    for indexes in by_final.values():
        if len(indexes) < 2:
            continue
        shared = len({ranked[index].rank for index in indexes}) == 1
        for index in indexes:
            entry = ranked[index]
            if shared:
                entry.tie_note = f"与其他单位同分 {fmt_score(entry.final)}，并列第 {entry.rank} 名"
            else:
                entry.tie_note = f"总分 {fmt_score(entry.final)} 与其他单位相同，按同分规则比较{what}（{fmt_score(tie_keys[index])}）"


def advanced_units(ranked: Sequence[Ranked], count: int | None) -> set[int]:
    """Units ranked within the number of advanced places; a tie on the last place takes all tied."""
    if not count:
        return set()
    return {entry.unit_id for entry in ranked if entry.rank is not None and entry.rank <= count}


def rank_all(panel: Panel, counties: Sequence[CountyInput]) -> tuple[list[CountyResult], list[Ranked]]:
    item_ids = frozenset(item.id for item in panel.items)
    # A county's result is some twenty small objects without cycles; at 30,000 counties the cyclic garbage
    # collector would walk every one of them again at each full collection (40 % of the time, and growing
    # faster than the count), so it pauses while they are made. Nothing here can leak a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        results = [county_result(panel, county, item_ids) for county in counties]
        return results, rank(results, panel)
    finally:
        if collecting:
            gc.enable()
