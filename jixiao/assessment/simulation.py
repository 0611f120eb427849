"""A simulated scoring round for the demo, generated from a fixed seed and marked as simulated everywhere.

Nothing here comes from a source document: the counties' figures, the judges
and their scores are invented by a seeded random generator so that the demo
shows a whole round (scoring, ranking, fairness analytics, outputs). One judge
is made deliberately lenient so that the fairness page has something to flag.
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from jixiao.assessment import rounds
from jixiao.assessment.models import (
    BonusAward,
    ItemReport,
    ItemScore,
    Judge,
    MeasureValue,
    Round,
    Scheme,
    Submission,
    SubmissionStatus,
)
from jixiao.units.demo import DEMO_PASSWORD
from jixiao.units.models import Role, RoleKind

SIMULATION_NOTE = "模拟评委组：市科协领导5人、机关各部门5人、县区科协6人，随机种子 {seed}"
SIMULATED_ADVANCED_COUNT = 3
LENIENT_JUDGE = "judge_sim_dept_5"


def simulated_judges(scheme: Scheme, counties: dict[str, object]) -> list[tuple[str, str, int, object]]:
    """(username, display name, group number, home unit): 5 city leaders, 5 departments, one judge per county."""
    city = scheme.issuing_unit
    judges = [("lianyungang_judge", "连云港评委", 1, city)]
    judges += [(f"judge_sim_leader_{n}", f"模拟评委·市科协领导{n}", 1, city) for n in range(1, 5)]
    judges += [(f"judge_sim_dept_{n}", f"模拟评委·机关部门{n}", 2, city) for n in range(1, 6)]
    judges += [(f"judge_sim_{key}", f"模拟评委·{unit.display_name}科协", 3, unit) for key, unit in counties.items()]
    return judges


def _on_step(value: Decimal, points: Decimal, step: Decimal) -> Decimal:
    steps = (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return min(max(steps * step, Decimal(0)), points)


@transaction.atomic
def simulate(scheme: Scheme, counties: dict[str, object], office_user, seed: int = 2018) -> Round:
    """Open, fill, score, close and publish a round of `scheme` with simulated data."""
    if Round.objects.filter(scheme__issuing_unit=scheme.issuing_unit, scheme__year=scheme.year).exists():
        raise rounds.RoundRefused(f"{scheme.year}年度考核已存在，未生成模拟评审")
    generator = random.Random(seed)
    round_ = rounds.open_round(scheme, office_user, units=list(counties.values()))
    round_.is_simulated = True
    round_.simulation_note = SIMULATION_NOTE.format(seed=seed)
    round_.save(update_fields=["is_simulated", "simulation_note"])

    _simulated_submissions(round_, counties, generator)
    judges = _simulated_panel(round_, scheme, counties)
    rounds.start_scoring(round_, office_user)
    _simulated_scores(round_, scheme, counties, judges, generator)
    _simulated_bonus(round_, scheme, counties, office_user)
    rounds.close_round(round_, office_user)
    return rounds.publish_round(round_, office_user, SIMULATED_ADVANCED_COUNT)


def _simulated_submissions(round_: Round, counties, generator: random.Random) -> None:
    items = list(round_.scheme.items.prefetch_related("measures__thresholds"))
    for unit in counties.values():
        submission = Submission.objects.create(
            round=round_, unit=unit, status=SubmissionStatus.SUBMITTED,
            summary="（模拟数据）本填报由演示程序生成，用于展示考核流程。",
        )
        for item in items:
            ItemReport.objects.create(submission=submission, item=item, narrative=f"（模拟）第{item.number}项完成情况说明。")
            for measure in item.measures.all():
                thresholds = [t.minimum for t in measure.thresholds.all() if t.minimum is not None]
                base = max(thresholds) if thresholds else Decimal(5)
                # Most figures reach their threshold; about one in six falls short.
                factor = Decimal(generator.choice([70, 90, 100, 110, 120, 150])) / 100
                value = (base * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                if measure.unit_label == "%":
                    value = min(value, Decimal(100))
                MeasureValue.objects.create(submission=submission, measure=measure, value=value)
        submission.submitted_at = round_.events.first().at
        submission.save(update_fields=["submitted_at"])


def _simulated_panel(round_: Round, scheme: Scheme, counties) -> list[Judge]:
    User = get_user_model()
    groups = {group.number: group for group in scheme.judge_groups.all()}
    judges = []
    for username, display, group_number, home in simulated_judges(scheme, counties):
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": display})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Role.objects.get_or_create(user=user, unit=home, kind=RoleKind.JUDGE)
        judges.append(Judge.objects.create(round=round_, user=user, group=groups[group_number], home_unit=home))
    return judges


def _simulated_scores(round_: Round, scheme: Scheme, counties, judges: list[Judge], generator: random.Random) -> None:
    from jixiao.assessment.scoring import exclusions  # noqa: PLC0415  (scoring imports rules, which import models)

    items = list(scheme.items.all())
    quality = {unit.pk: Decimal(generator.randint(72, 94)) / 100 for unit in counties.values()}
    leniency = {judge.pk: Decimal(generator.randint(-4, 4)) / 100 for judge in judges}
    for judge in judges:
        if judge.user.username == LENIENT_JUDGE:
            leniency[judge.pk] = Decimal("0.14")
    excluded = exclusions(round_, list(counties.values()))
    scores = []
    for judge in judges:
        for unit in counties.values():
            if (judge.pk, unit.pk) in excluded:
                continue
            for item in items:
                noise = Decimal(generator.randint(-8, 8)) / 100
                share = quality[unit.pk] + leniency[judge.pk] + noise
                scores.append(ItemScore(judge=judge, unit=unit, item=item, score=_on_step(item.points * share, item.points, item.step)))
    bulk_create_with_history(scores, ItemScore)


def _simulated_bonus(round_: Round, scheme: Scheme, counties, office_user) -> None:
    bonus_items = {bonus.number: bonus for bonus in scheme.bonus_items.all()}
    units = list(counties.values())
    awards = [
        (units[0], 1, Decimal(2), "（模拟）获省科协表彰"),
        (units[0], 3, Decimal(1), "（模拟）信息被中国科协网站采用"),
        (units[3], 2, Decimal(3), "（模拟）单项工作成为全省推广的新经验"),
    ]
    for unit, number, points, evidence in awards:
        BonusAward.objects.create(round=round_, unit=unit, bonus_item=bonus_items[number], points=points, evidence=evidence, awarded_by=office_user)

