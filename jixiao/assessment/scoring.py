"""Judges' scores: who may score whom, and saving a score safely while many judges save at once.

A score is one row per (judge, unit, item), kept unique by the database. Each
save share-locks the round's row, which the office's status changes lock
exclusively, so a save and the office closing the round cannot cross: a score
either lands before the close or is refused after it. Saves of different judges
run side by side; the saves of one judge (two tabs, a declared conflict) queue
on the judge's own row, so the same score row is never inserted twice.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery

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


def assessed_with_conflict(judge: Judge, unit_id: int):
    """The round's assessed unit with this id (None if it is not assessed), and the reason the judge declared a
    conflict with it (None if none), in one query."""
    declared = ConflictDeclaration.objects.filter(judge=judge, unit=OuterRef("pk")).values("reason")[:1]
    unit = judge.round.assessed_units.filter(pk=unit_id).annotate(declared_conflict=Subquery(declared)).first()
    return unit, (unit.declared_conflict if unit is not None else None)


_UNREAD = object()


def conflict_of(judge: Judge, unit, declared=_UNREAD) -> str | None:
    """Why the judge may not score this assessed unit (own unit, parent, sub-unit, declared conflict), or None.
    `declared` is the judge's declared reason (or None) when already read; otherwise it is looked up."""
    if declared is _UNREAD:
        declared = ConflictDeclaration.objects.filter(judge=judge, unit=unit).values_list("reason", flat=True).first()
    return conflict_reason(judge.home_unit.path, judge.round.scheme.issuing_unit.path, unit.path, declared)


def may_score(judge: Judge, unit) -> str | None:
    """None when the judge may score the unit; otherwise why not."""
    assessed, declared = assessed_with_conflict(judge, unit.pk)
    if assessed is None:
        return "该单位不是本次考核对象"
    return conflict_reason(judge.home_unit.path, judge.round.scheme.issuing_unit.path, assessed.path, declared)


def panel_reasons(judge: Judge, units) -> dict[int, str | None]:
    """unit id → why this judge may not score it (None: may score), for the judge's panel in two queries
    whatever the number of counties; the same rule as may_score (units are the round's assessed units)."""
    declared = dict(ConflictDeclaration.objects.filter(judge=judge).values_list("unit_id", "reason"))
    home_path, issuing_path = judge.home_unit.path, judge.round.scheme.issuing_unit.path
    return {unit.pk: conflict_reason(home_path, issuing_path, unit.path, declared.get(unit.pk)) for unit in units}


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


def lock_for_saving(judge: Judge) -> str:
    """Inside a transaction: share-lock the round (closing waits for saves in flight; saves after a close see it)
    and lock the judge's own row (his saves queue one behind another). Returns the round's status."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.status FROM {Round._meta.db_table} r JOIN {Judge._meta.db_table} j ON j.round_id = r.id "
                "WHERE j.id = %s FOR SHARE OF r FOR NO KEY UPDATE OF j",
                [judge.pk],
            )
            row = cursor.fetchone()
        if row is None:
            raise ScoreRefused("您已不在本次考核的评委名单中")
        return row[0]
    # SQLite lets one writer at a time anyway; the row locks are PostgreSQL's.
    return Round.objects.select_for_update().filter(pk=judge.round_id).values_list("status", flat=True).get()


def save_score(judge: Judge, unit, item: Item, text: str | None) -> SavedScore:
    """Validate and save one item score (empty text clears it). Raises EntryError / ScoreRefused."""
    if item.scheme_id != judge.round.scheme_id:
        raise ScoreRefused("该项目不属于本次考核")
    value = parse_score(text, item.points, item.step)
    with transaction.atomic():
        status = lock_for_saving(judge)
        if status != RoundStatus.SCORING:
            raise ScoreRefused("评分已关闭，不能再修改" if status in (RoundStatus.CLOSED, RoundStatus.PUBLISHED) else "现场评审尚未开始")
        reason = may_score(judge, unit)
        if reason:
            raise ScoreRefused(f"不能为该单位评分：{reason}")
        # One row per (judge, unit, item), guaranteed by the unique constraint; one judge's saves queue on his row.
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

