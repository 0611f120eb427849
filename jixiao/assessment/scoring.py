"""Judges' scores: who may score whom, and saving a score safely while many judges save at once.

A score is one row per (judge, unit, item), kept unique by the database. Each
save locks the round's row first, so a save and the office closing the round
cannot cross: a score either lands before the close or is refused after it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count

from jixiao.assessment.domain.scores import conflict_reason, parse_score
from jixiao.assessment.models import ConflictDeclaration, Item, ItemScore, Judge, Round, RoundStatus
from jixiao.assessment.rules import has_judge_role


def judge_for(user, round_: Round | int) -> Judge | None:
    """The user's judge record in the round (with its round, scheme and units loaded), if the user still holds a
    judge role there."""
    if not user.is_authenticated:
        return None
    round_id = round_ if isinstance(round_, int) else round_.pk
    judge = (
        Judge.objects.filter(round_id=round_id, user=user)
        .select_related("round__scheme__issuing_unit", "group", "home_unit", "user")
        .first()
    )
    if judge is None or not has_judge_role(user, judge.round.scheme.issuing_unit):
        return None
    return judge


def conflict_of(judge: Judge, unit) -> str | None:
    """Why the judge may not score this assessed unit (own unit, parent, sub-unit, declared conflict), or None."""
    declared = ConflictDeclaration.objects.filter(judge=judge, unit=unit).values_list("reason", flat=True).first()
    return conflict_reason(judge.home_unit.path, judge.round.scheme.issuing_unit.path, unit.path, declared)


def may_score(judge: Judge, unit) -> str | None:
    """None when the judge may score the unit; otherwise why not."""
    if not judge.round.assessed_units.filter(pk=unit.pk).exists():
        return "该单位不是本次考核对象"
    return conflict_of(judge, unit)


def exclusions(round_: Round, units) -> dict[tuple[int, int], str]:
    """(judge id, unit id) → why that judge does not score that unit, for the whole round at once."""
    declared = {(c.judge_id, c.unit_id): c.reason for c in ConflictDeclaration.objects.filter(judge__round=round_)}
    issuing_path = round_.scheme.issuing_unit.path
    excluded = {}
    for judge in round_.judges.select_related("home_unit"):
        for unit in units:
            reason = conflict_reason(judge.home_unit.path, issuing_path, unit.path, declared.get((judge.pk, unit.pk)))
            if reason:
                excluded[(judge.pk, unit.pk)] = reason
    return excluded


class ScoreRefused(Exception):
    """A save the judge may not make; the message is for the judge, in Chinese."""


@dataclass
class SavedScore:
    item: Item
    value: Decimal | None


def save_score(judge: Judge, unit, item: Item, text: str | None) -> SavedScore:
    """Validate and save one item score (empty text clears it). Raises EntryError / ScoreRefused."""
    if item.scheme_id != judge.round.scheme_id:
        raise ScoreRefused("该项目不属于本次考核")
    value = parse_score(text, item.points, item.step)
    with transaction.atomic():
        # Every save holds the round's row: closing the round waits for saves in flight, and saves after it see it.
        status = Round.objects.select_for_update().filter(pk=judge.round_id).values_list("status", flat=True).get()
        if status != RoundStatus.SCORING:
            raise ScoreRefused("评分已关闭，不能再修改" if status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED) else "现场评审尚未开始")
        reason = may_score(judge, unit)
        if reason:
            raise ScoreRefused(f"不能为该单位评分：{reason}")
        # One row per (judge, unit, item), guaranteed by the unique constraint; saves are serialised by the lock above.
        stored = ItemScore.objects.filter(judge=judge, unit=unit, item=item).first()
        if value is None:
            if stored is not None:
                stored.delete()
        elif stored is None:
            ItemScore.objects.create(judge=judge, unit=unit, item=item, score=value)
        elif stored.score != value:
            stored.score = value
            stored.save(update_fields=["score", "updated_at"])
    return SavedScore(item, value)


def own_scores(judge: Judge, unit) -> dict[int, Decimal]:
    return dict(ItemScore.objects.filter(judge=judge, unit=unit).values_list("item_id", "score"))


def progress(round_: Round) -> dict[tuple[int, int], int]:
    """(judge id, unit id) → how many items the judge has scored for the unit."""
    rows = ItemScore.objects.filter(judge__round=round_).values("judge_id", "unit_id").annotate(scored=Count("id"))
    return {(row["judge_id"], row["unit_id"]): row["scored"] for row in rows}

