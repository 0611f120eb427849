"""A round's life (collecting → scoring → closed → published, reopened with a reason) and its results.

Results are computed by the pure functions of domain.aggregation from the
stored scores; `compute` loads a round into plain data and back.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from jixiao.assessment.domain.aggregation import (
    AggregationSettings,
    CountyInput,
    CountyResult,
    JudgeStatus,
    Panel,
    PanelGroup,
    PanelItem,
    Ranked,
    advanced_units,
    category_scores,
    item_scores,
    rank_all,
)
from jixiao.assessment.domain.numbers import fmt_points, fmt_score, quartiles, round2
from jixiao.assessment.models import (
    BonusAward,
    BonusItem,
    Category,
    Item,
    ItemScore,
    Judge,
    Ranking,
    RankingRow,
    Result,
    Round,
    RoundEvent,
    RoundEventKind,
    RoundStatus,
    RoutineRecord,
    Scheme,
    SchemeStatus,
    Veto,
)
from jixiao.assessment.scoring import exclusions
from jixiao.units.models import Unit, UnitLevel


class RoundRefused(Exception):
    """A step the office cannot take now; the message says why, in Chinese."""


def _log(round_: Round, kind: str, user, reason: str = "") -> None:
    RoundEvent.objects.create(round=round_, kind=kind, user=user, reason=reason)


@transaction.atomic
def open_round(scheme: Scheme, user, deadline=None, units=None) -> Round:
    if scheme.status != SchemeStatus.ISSUED:
        raise RoundRefused("考核办法下达后才能开始考核")
    if Round.objects.filter(scheme__issuing_unit=scheme.issuing_unit, scheme__year=scheme.year).exists():
        raise RoundRefused(f"{scheme.year}年度考核已经开始")
    round_ = Round.objects.create(scheme=scheme, submission_deadline=deadline)
    if units is None:
        units = Unit.objects.filter(parent=scheme.issuing_unit, level=UnitLevel.COUNTY)
    round_.assessed_units.set(units)
    _log(round_, RoundEventKind.OPENED, user)
    return round_


def _locked(round_: Round) -> Round:
    return Round.objects.select_for_update().select_related("scheme__issuing_unit").get(pk=round_.pk)


@transaction.atomic
def start_scoring(round_: Round, user) -> Round:
    round_ = _locked(round_)
    if round_.status != RoundStatus.COLLECTING:
        raise RoundRefused("现场评审已经开始")
    if not round_.judges.exists():
        raise RoundRefused("尚未设置评委，不能开始现场评审")
    round_.status = RoundStatus.SCORING
    round_.save(update_fields=["status"])
    _log(round_, RoundEventKind.SCORING_STARTED, user)
    return round_


@transaction.atomic
def close_round(round_: Round, user) -> Round:
    round_ = _locked(round_)
    if round_.status != RoundStatus.SCORING:
        raise RoundRefused("只有正在评审的考核才能关闭评分")
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["status"])
    _log(round_, RoundEventKind.CLOSED, user)
    store_ranking(compute(round_, item_scores_of=[]))
    return round_


@transaction.atomic
def reopen_round(round_: Round, reason: str, user) -> Round:
    """Scores may change again; a published result is withdrawn. The reason is required and logged."""
    reason = (reason or "").strip()
    round_ = _locked(round_)
    if round_.status not in (RoundStatus.CLOSED, RoundStatus.PUBLISHED):
        raise RoundRefused("评分尚未关闭，无需重新开放")
    if not reason:
        raise RoundRefused("重新开放评分须填写原因")
    round_.results.all().delete()
    Ranking.objects.filter(round=round_).delete()
    round_.status = RoundStatus.SCORING
    round_.published_at = None
    round_.save(update_fields=["status", "published_at"])
    _log(round_, RoundEventKind.REOPENED, user, reason)
    return round_


@transaction.atomic
def publish_round(round_: Round, user, advanced_count: int | None) -> Round:
    round_ = _locked(round_)
    if round_.status != RoundStatus.CLOSED:
        raise RoundRefused("请先关闭评分并审核结果，再公布")
    outcome = compute(round_)
    unfinished = [
        f"{outcome.units[r.unit_id].display_name}（{'；'.join(r.notes)}）" for r in outcome.results if not r.complete and not r.vetoed
    ]
    if unfinished:
        raise RoundRefused(f"得分尚不完整，不能公布：{'、'.join(unfinished)}")
    if advanced_count is None or advanced_count < 0 or advanced_count > len(outcome.units):
        raise RoundRefused(f"先进单位名额须在 0 到 {len(outcome.units)} 之间")
    round_.advanced_count = advanced_count
    outcome.advanced = advanced_units(outcome.ranked, advanced_count)
    round_.results.all().delete()
    Result.objects.bulk_create(
        Result(
            round=round_, unit_id=entry.unit_id, rank=entry.rank, final_score=entry.final,
            panel_score=round2(result.panel_score) if result.panel_score is not None else None,
            bonus=result.bonus, vetoed=result.vetoed, advanced=entry.unit_id in outcome.advanced,
            explanation=explain(outcome, entry.unit_id, with_names=False),
        )
        for entry in outcome.ranked
        for result in [outcome.result(entry.unit_id)]
    )
    round_.status = RoundStatus.PUBLISHED
    round_.published_at = timezone.now()
    round_.save(update_fields=["status", "published_at", "advanced_count"])
    store_ranking(outcome)
    _log(round_, RoundEventKind.PUBLISHED, user, f"先进单位名额 {advanced_count}")
    return round_


# --- Loading a round into the pure domain -----------------------------------


@dataclass
class RoundOutcome:
    round: Round
    panel: Panel
    counties: list[CountyInput]
    results: list[CountyResult]
    ranked: list[Ranked]
    units: dict[int, Unit]
    judges: dict[int, Judge]
    items: list[Item]
    categories: list[Category]
    bonus_items: dict[int, BonusItem]
    vetoes: dict[int, object]
    advanced: set[int] = field(default_factory=set)

    def result(self, unit_id: int) -> CountyResult:
        return self._index("results")[unit_id]

    def ranked_entry(self, unit_id: int) -> Ranked:
        return self._index("ranked")[unit_id]

    def county(self, unit_id: int) -> CountyInput:
        return self._index("counties")[unit_id]

    def _index(self, name: str) -> dict:
        # By unit, built once: a ranking of thousands of counties looks each one up.
        cache = self.__dict__.setdefault("_by_unit", {})
        if name not in cache:
            cache[name] = {entry.unit_id: entry for entry in getattr(self, name)}
        return cache[name]


def settings_of(scheme: Scheme) -> AggregationSettings:
    return AggregationSettings(
        drop_extremes=scheme.drop_extremes,
        drop_extremes_min_judges=scheme.drop_extremes_min_judges,
        routine_weight=scheme.routine_weight,
        bonus_cap=scheme.bonus_cap,
        tie_break=scheme.tie_break,
    )


ALL = "all"


def compute(round_: Round, item_scores_of=ALL) -> RoundOutcome:
    """The round's results and ranking. Judges' sums per county and category are computed by the
    database (one aggregate query, never every score row); the item-by-item scores are loaded only for
    `item_scores_of` (a list of unit ids, or ALL where every county is explained: publishing, fairness)."""
    scheme = round_.scheme
    items = list(scheme.items.select_related("category"))
    categories = list(scheme.categories.all())
    bonus_items = {bonus.pk: bonus for bonus in scheme.bonus_items.all()}
    judges = {judge.pk: judge for judge in round_.judges.select_related("user", "group", "home_unit")}
    units = {unit.pk: unit for unit in round_.assessed_units.order_by("sort_order", "pk")}
    panel = Panel(
        items=[PanelItem(item.pk, item.category.number, item.points) for item in items],
        groups=[PanelGroup(group.pk, group.name, group.weight) for group in scheme.judge_groups.all()],
        judge_groups={judge.pk: judge.group_id for judge in judges.values()},
        bonus_caps={bonus.pk: bonus.cap for bonus in bonus_items.values()},
        settings=settings_of(scheme),
    )
    panel_scores = ItemScore.objects.filter(judge__round=round_, item__scheme=scheme)
    # One aggregate: each judge's sum and count per county and category; a judge's total is the sum of
    # its category sums (exact in Decimal), so one pass over the score rows serves both.
    totals: dict[int, dict[int, tuple[Decimal, int]]] = {unit_id: {} for unit_id in units}
    category_totals: dict[int, dict[int, dict[int, Decimal]]] = {unit_id: {} for unit_id in units}
    for unit_id, judge_id, category, total, count in (
        panel_scores.order_by().values("unit_id", "judge_id", "item__category__number")
        .annotate(total=Sum("score"), count=Count("pk"))
        .values_list("unit_id", "judge_id", "item__category__number", "total", "count")
    ):
        if unit_id in totals:
            category_totals[unit_id].setdefault(judge_id, {})[category] = total
            summed, counted = totals[unit_id].get(judge_id, (Decimal(0), 0))
            totals[unit_id][judge_id] = (summed + total, counted + count)
    scores: dict[int, dict[int, dict[int, Decimal]]] = {unit_id: {} for unit_id in units}
    if item_scores_of:
        rows = panel_scores if item_scores_of == ALL else panel_scores.filter(unit_id__in=item_scores_of)
        for unit_id, judge_id, item_id, score in rows.values_list("unit_id", "judge_id", "item_id", "score"):
            if unit_id in scores:
                scores[unit_id].setdefault(judge_id, {})[item_id] = score
    excluded = exclusions(round_, units.values())
    bonus: dict[int, list[tuple[int, Decimal]]] = {}
    for award in round_.bonus_awards.all():
        bonus.setdefault(award.unit_id, []).append((award.bonus_item_id, award.points))
    routine = dict(round_.routine_records.values_list("unit_id", "score"))
    vetoes = {veto.unit_id: veto for veto in round_.vetoes.all()}
    counties = [
        CountyInput(
            unit_id=unit_id,
            scores=scores[unit_id],
            totals=totals[unit_id],
            category_totals=category_totals[unit_id],
            excluded={judge_id: reason for (judge_id, excluded_unit), reason in excluded.items() if excluded_unit == unit_id},
            bonus=bonus.get(unit_id, []),
            routine=routine.get(unit_id),
            veto=vetoes[unit_id].reason if unit_id in vetoes else None,
        )
        for unit_id in units
    ]
    results, ranked = rank_all(panel, counties)
    outcome = RoundOutcome(round_, panel, counties, results, ranked, units, judges, items, categories, bonus_items, vetoes)
    outcome.advanced = advanced_units(ranked, round_.advanced_count)
    return outcome


# --- Explanation --------------------------------------------------------------


def explain(outcome: RoundOutcome, unit_id: int, with_names: bool) -> dict:
    """Every step from the judges' item scores to the final score, as plain text values.

    Without names (for the county and the published record) judges are 评委1, 评委2, … within their group.
    """
    result = outcome.result(unit_id)
    county = outcome.county(unit_id)
    entry = outcome.ranked_entry(unit_id)
    scheme = outcome.round.scheme
    groups = []
    for group in result.groups:
        judges = []
        for position, judge_total in enumerate(group.judges, start=1):
            judge = outcome.judges[judge_total.judge_id]
            row = {
                "label": judge.name if with_names else f"评委{position}",
                "total": fmt_points(judge_total.total) if judge_total.total is not None else "—",
                "status": JudgeStatus.LABELS[judge_total.status],
                "counted": judge_total.status == JudgeStatus.KEPT,
                "reason": judge_total.reason,
            }
            if with_names:
                row["judge_id"] = judge.pk
                row["items"] = [fmt_points(county.scores.get(judge.pk, {}).get(item.pk)) for item in outcome.items]
            judges.append(row)
        groups.append({
            "name": group.name,
            "weight": fmt_points(group.weight),
            "score": fmt_score(group.score),
            "trimmed": group.trimmed,
            "counted": len(group.counted),
            "judges": judges,
        })
    means = item_scores(outcome.panel, county, result)
    categories = category_scores(outcome.panel, county, result)
    veto = outcome.vetoes.get(unit_id)
    return {
        "groups": groups,
        "panel_score": fmt_score(result.panel_score),
        "routine_weight": fmt_points(scheme.routine_weight),
        "routine": fmt_points(result.routine) if result.routine is not None else "—",
        "combined": fmt_score(result.combined),
        "bonus": [
            {
                "number": outcome.bonus_items[line.bonus_item_id].number,
                "claimed": fmt_points(line.claimed),
                "cap": fmt_points(line.cap),
                "awarded": fmt_points(line.awarded),
            }
            for line in result.bonus_lines
        ],
        "bonus_total": fmt_points(result.bonus),
        "final": fmt_score(result.final),
        "rank": entry.rank,
        "tie_note": entry.tie_note,
        "notes": result.notes,
        "items": [
            {"number": item.number, "points": fmt_points(item.points), "score": fmt_score(means.get(item.pk))}
            for item in outcome.items
        ],
        "categories": [
            {"name": category.name, "points": fmt_points(category.points), "score": fmt_score(categories.get(category.number))}
            for category in outcome.categories
        ],
        "veto": {"reason": veto.reason, "meeting": veto.meeting} if veto else None,
        "advanced": unit_id in outcome.advanced,
    }


# --- The stored ranking -------------------------------------------------------


def ranking_rows(outcome: RoundOutcome) -> list[dict]:
    """Each county's line of the ranking as printed (figures as text), in ranking order."""
    rows = []
    for entry in outcome.ranked:
        result = outcome.result(entry.unit_id)
        rows.append({
            "unit": outcome.units[entry.unit_id],
            "rank": entry.rank,
            "groups": [fmt_score(group.score) for group in result.groups],
            "panel": fmt_score(result.panel_score),
            "routine": fmt_points(result.routine) if result.routine is not None else "—",
            "bonus": fmt_points(result.bonus),
            "final": fmt_score(result.final),
            "vetoed": result.vetoed,
            "advanced": entry.unit_id in outcome.advanced,
            "tie_note": entry.tie_note,
            "notes": result.notes,
        })
    return rows


def chart_data(outcome: RoundOutcome, with_judges: bool) -> dict:
    ranked = [entry for entry in outcome.ranked if entry.final is not None]
    data = {
        "ranking": [{"name": outcome.units[e.unit_id].display_name, "value": str(e.final), "vetoed": e.rank is None} for e in ranked],
        "radar": {
            "indicators": [{"name": c.name, "max": float(c.points)} for c in outcome.categories],
            "series": [
                {
                    "name": outcome.units[result.unit_id].display_name,
                    "value": [fmt_score(categories.get(c.number)) for c in outcome.categories],
                }
                for result, categories in (
                    (result, category_scores(outcome.panel, outcome.county(result.unit_id), result)) for result in outcome.results
                )
                if categories
            ],
        },
    }
    if with_judges:
        totals: dict[int, list] = {}
        for result in outcome.results:
            for group in result.groups:
                for judge in group.judges:
                    if judge.total is not None:
                        totals.setdefault(judge.judge_id, []).append(judge.total)
        data["judges"] = [
            {"name": outcome.judges[judge_id].name, "box": [str(value) for value in quartiles(values)]}
            for judge_id, values in totals.items()
        ]
    return data


def store_ranking(outcome: RoundOutcome) -> Ranking:
    """Store the ranking of a computed outcome in place of the round's previous one (inside the caller's lock)."""
    ranking, _ = Ranking.objects.update_or_create(round=outcome.round, defaults={"charts": chart_data(outcome, with_judges=True)})
    ranking.rows.all().delete()
    RankingRow.objects.bulk_create(
        [RankingRow(ranking=ranking, position=position, unit=row.pop("unit"), values=row)
         for position, row in enumerate(ranking_rows(outcome), start=1)],
        batch_size=1000,
    )
    return ranking


@transaction.atomic
def stored_ranking(round_: Round) -> Ranking:
    """The round's stored ranking; computed and stored first where a closed round has none yet (closed before
    rankings were stored). Only for rounds whose scores are shown (closed or published)."""
    ranking = Ranking.objects.filter(round=round_).first()
    if ranking is None:
        round_ = _locked(round_)
        ranking = Ranking.objects.filter(round=round_).first() or store_ranking(compute(round_, item_scores_of=[]))
    return ranking


def ranking_lines(rows) -> list[dict]:
    """Stored rows (with their units) as the page and the workbook print them: ranking_rows' shape."""
    return [{**row.values, "unit": row.unit} for row in rows]


# --- The office's adjustments before publishing ------------------------------


def _locked_for_adjustment(round_: Round) -> Round:
    round_ = _locked(round_)
    if round_.status == RoundStatus.PUBLISHED:
        raise RoundRefused("结果已公布；如需调整，请先重新开放评分并说明原因")
    return round_


def _adjusted(round_: Round) -> None:
    # Scores are shown (and so stored) once scoring is closed; before that closing stores them.
    if round_.status == RoundStatus.CLOSED:
        store_ranking(compute(round_, item_scores_of=[]))


@transaction.atomic
def award_bonus(round_: Round, unit: Unit, user, **fields) -> BonusAward:
    round_ = _locked_for_adjustment(round_)
    award = BonusAward.objects.create(round=round_, unit=unit, awarded_by=user, **fields)
    _adjusted(round_)
    return award


@transaction.atomic
def withdraw_bonus(round_: Round, award: BonusAward) -> None:
    round_ = _locked_for_adjustment(round_)
    award.delete()
    _adjusted(round_)


@transaction.atomic
def record_routine(round_: Round, unit: Unit, **fields) -> None:
    round_ = _locked_for_adjustment(round_)
    RoutineRecord.objects.update_or_create(round=round_, unit=unit, defaults=fields)
    _adjusted(round_)


@transaction.atomic
def record_veto(round_: Round, unit: Unit, user, **fields) -> None:
    round_ = _locked_for_adjustment(round_)
    Veto.objects.update_or_create(round=round_, unit=unit, defaults={**fields, "recorded_by": user})
    _adjusted(round_)


@transaction.atomic
def lift_veto(round_: Round, unit: Unit) -> None:
    round_ = _locked_for_adjustment(round_)
    Veto.objects.filter(round=round_, unit=unit).delete()
    _adjusted(round_)
