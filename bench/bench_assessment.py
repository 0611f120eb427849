"""Target assessment: ranking thousands of counties, and judges' score submissions under load.

1. Ranking 3,000 synthetic counties × 26 items × 15 judges (three groups of
   five, extremes dropped, bonus capped) with the same pure functions the
   product uses. Building the synthetic scores is not timed.
2. Score submissions through the real view (Django's test Client, the bench
   database, the round lock and history included) while 30 judges score at
   once: each judge's thread submits a score about every second (0.5–1.5 s;
   on site a judge reads an item and listens for a minute or so between
   scores, so this is some fifty times the real pace). Then the harshest case
   is reported without a target: all 30 judges pressing at the same instant,
   wave after wave, in one Python process against SQLite, which serialises
   writers.

`python bench/run.py assessment` measures on a fresh SQLite database; with
DATABASE_URL=postgres://… set (an empty database) it measures on PostgreSQL,
where different judges' saves do not wait for each other (see
jixiao.assessment.scoring.lock_for_saving).
"""

import random
import statistics
import threading
import time
from decimal import Decimal

COUNTIES = 3000
ITEMS = 26
JUDGES_PER_GROUP = 5
CONCURRENT_JUDGES = 30
SCORES_PER_JUDGE = 10


def synthetic_panel(seed=1):
    from jixiao.assessment.domain.aggregation import AggregationSettings, CountyInput, Panel, PanelGroup, PanelItem

    generator = random.Random(seed)
    points = [Decimal(4)] * 10 + [Decimal(3)] * 10 + [Decimal(5)] * 6
    items = [PanelItem(number, number % 5, points[number]) for number in range(ITEMS)]
    groups = [PanelGroup(1, "市科协领导", Decimal(40)), PanelGroup(2, "机关各部门", Decimal(30)), PanelGroup(3, "县区科协", Decimal(30))]
    judge_groups = {judge: judge // JUDGES_PER_GROUP + 1 for judge in range(3 * JUDGES_PER_GROUP)}
    halves = [Decimal(n) / 2 for n in range(11)]
    counties = []
    for unit in range(COUNTIES):
        scores = {
            judge: {item.id: min(item.points, generator.choice(halves)) for item in items}
            for judge in judge_groups
        }
        bonus = [(1, Decimal(generator.randint(0, 5)))] if unit % 7 == 0 else []
        counties.append(CountyInput(unit, scores, bonus=bonus))
    panel = Panel(items, groups, judge_groups, {1: Decimal(4)}, AggregationSettings(drop_extremes=True))
    return panel, counties


def bench_ranking():
    from jixiao.assessment.domain.aggregation import rank_all

    panel, counties = synthetic_panel()
    started = time.perf_counter()
    _, ranked = rank_all(panel, counties)
    elapsed = time.perf_counter() - started
    assert len(ranked) == COUNTIES
    return elapsed


def scoring_setup():
    from django.contrib.auth import get_user_model

    from jixiao.assessment import rounds, schemes
    from jixiao.assessment.models import Judge
    from jixiao.sources import lianyungang_2018
    from jixiao.units.demo import load_units
    from jixiao.units.models import Role, RoleKind

    units = load_units()
    User = get_user_model()
    office, _ = User.objects.get_or_create(username="bench_office")
    counties = {key: units[key] for key in lianyungang_2018.COUNTIES.values()}
    scheme = schemes.issue(schemes.load_source(lianyungang_2018, units["lianyungang"], counties), office)
    round_ = rounds.open_round(scheme, office)
    group = scheme.judge_groups.get(number=1)
    judges = []
    for number in range(CONCURRENT_JUDGES):
        user = User.objects.create_user(f"bench_judge_{number}")
        Role.objects.create(user=user, unit=units["lianyungang"], kind=RoleKind.JUDGE)
        judges.append(Judge.objects.create(round=round_, user=user, group=group, home_unit=units["lianyungang"]))
    rounds.start_scoring(round_, office)
    return round_, judges, list(counties.values()), list(scheme.items.all())


def run_judges(round_, judges, counties, items, pace):
    """Each judge's thread posts scores; `pace(judge_number, step)` waits before each. Returns response times (ms)."""
    from django.db import connection
    from django.test import Client

    timings, failures = [], []
    lock = threading.Lock()

    def judge_thread(number, judge):
        client = Client()
        client.force_login(judge.user)
        generator = random.Random(number)
        try:
            for step in range(SCORES_PER_JUDGE):
                pace(number, step)
                item = items[(number + step) % len(items)]
                unit = counties[(number + step) % len(counties)]
                score = min(item.points, Decimal(generator.randint(0, 8)) / 2)
                started = time.perf_counter()
                response = client.post(
                    f"/assessment/rounds/{round_.pk}/score/{unit.pk}/items/{item.pk}/", {f"score-{item.pk}": str(score)}
                )
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings.append(elapsed)
                    if response.status_code != 200 or "已保存" not in response.content.decode():
                        failures.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=judge_thread, args=(n, judge)) for n, judge in enumerate(judges)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} 次评分提交失败")
    return timings


def run():
    ranking_seconds = bench_ranking()
    round_, judges, counties, items = scoring_setup()

    def paced(number, step):
        time.sleep(random.Random(number * 1000 + step).uniform(0.5, 1.5))

    paced_ms = run_judges(round_, judges, counties, items, paced)

    barrier = threading.Barrier(CONCURRENT_JUDGES)

    def burst(number, step):
        barrier.wait()

    burst_ms = run_judges(round_, judges, counties, items, burst)
    return [
        (f"排名：{COUNTIES} 个县区 × {ITEMS} 项 × {3 * JUDGES_PER_GROUP} 名评委（去极值、加分封顶）", ranking_seconds, 3.0, "s"),
        (f"评委评分提交中位响应（{CONCURRENT_JUDGES} 名评委同时评分，每人约每秒提交一次）", statistics.median(paced_ms), 100.0, "ms"),
        (f"评委评分提交中位响应（{CONCURRENT_JUDGES} 名评委同一瞬间提交，极端情形）", statistics.median(burst_ms), None, "ms"),
    ]
