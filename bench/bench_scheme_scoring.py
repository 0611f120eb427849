"""Scoring engine: 100,000 synthetic projects × 10 indicators under schemes loaded from the database.

The schemes are read once per run (jixiao.scoring.queries.SchemeBook.load, timed with
the scoring): most projects under MoF 2020, every tenth under the Hubei-style 20 / 80
(年度绩效目标 split by the unit) and every tenth under the Chongqing-style form.

The projects mix what self-evaluations hold: ≥ indicators met and missed, a
reverse (≤) indicator, an = indicator, a qualitative one and, now and then, a
不适用 one or no satisfaction indicator (so both redistributions run). Building
the synthetic inputs is not timed; scoring, with every explanation in Chinese,
is.
"""

import gc
import random
import time
from decimal import Decimal

PROJECTS = 100_000
INDICATORS = 10


def synthetic_projects(count=PROJECTS, seed=1):
    from jixiao.scoring.engine import IndicatorInput
    from jixiao.scoring.schemes import OUTCOME, OUTPUT, SATISFACTION

    generator = random.Random(seed)
    figures = [Decimal(n) for n in range(0, 401)]
    rates = [Decimal(n) / 100 for n in range(5000, 10501)]
    projects = []
    for number in range(count):
        with_satisfaction = number % 4 != 0
        output_points = [Decimal(10)] * 4 + [Decimal(5)] * 2
        rows = []
        for index, points in enumerate(output_points):
            target = figures[generator.randint(20, 200)]
            actual = figures[generator.randint(0, 400)]
            if index == 3:
                operator = "<="
            elif index == 4 and number % 10 == 0:
                rows.append(IndicatorInput(f"{number}-o{index}", OUTPUT, "成本指标", "成本", "not_applicable", points=points, reason="无"))
                continue
            elif index == 4:
                operator = "="
            else:
                operator = ">="
            rows.append(IndicatorInput(f"{number}-o{index}", OUTPUT, "数量指标", f"产出{index}", operator, target, unit="场次", points=points, actual=actual))
        rows.append(IndicatorInput(f"{number}-e0", OUTCOME, "社会效益", "效益0", ">=", figures[100], unit="%", points=Decimal(10), actual=figures[generator.randint(50, 120)]))
        rows.append(IndicatorInput(f"{number}-e1", OUTCOME, "社会效益", "效益1", ">=", figures[50], unit="人次", points=Decimal(10), actual=figures[generator.randint(0, 60)]))
        tier = generator.randint(0, 2)
        high_pct, low_pct = ((100, 80), (80, 60), (60, 0))[tier]
        rows.append(IndicatorInput(
            f"{number}-e2", OUTCOME, "可持续影响", "效益2", "qualitative", points=Decimal(10),
            qualitative_tier=tier, qualitative_score=Decimal(generator.randint(low_pct, high_pct)) / 10, reason="评审意见",
        ))
        if with_satisfaction:
            rows.append(IndicatorInput(f"{number}-s0", SATISFACTION, "服务对象满意度", "满意率", ">=", figures[90], unit="%", points=Decimal(10), actual=figures[generator.randint(70, 100)]))
        else:
            rows.append(IndicatorInput(f"{number}-e3", OUTCOME, "社会效益", "效益3", ">=", figures[10], unit="个", points=Decimal(0), actual=figures[generator.randint(0, 12)]))
        assert len(rows) == INDICATORS
        projects.append((rows, rates[generator.randrange(len(rates))]))
    return projects


# Which shipped scheme each tenth of the projects is scored under.
SCHEME_CODES = ["mof-2020"] * 8 + ["hubei-style", "chongqing-style-department"]


def bench_scoring(count=PROJECTS):
    from jixiao.scoring.engine import score_evaluation
    from jixiao.scoring.queries import SchemeBook

    projects = synthetic_projects(count)
    # The million synthetic inputs live through the whole run; without freezing them
    # every full garbage collection walks them all, which measures the benchmark's own
    # setup rather than the engine (a real request holds a few dozen indicators).
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    cpu_started = time.process_time()
    grades = {}
    book = SchemeBook.load()
    schemes = [book.by_code(code) for code in SCHEME_CODES]
    for number, (rows, rate) in enumerate(projects):
        result = score_evaluation(rows, schemes[number % 10], rate)
        grades[result.grade] = grades.get(result.grade, 0) + 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    gc.unfreeze()
    assert sum(grades.values()) == count
    return elapsed, cpu, grades


def run():
    elapsed, cpu, _ = bench_scoring()
    return [
        (f"评分：{PROJECTS:,} 个项目 × {INDICATORS} 个指标（评分方案读自数据库，含说明文字）", elapsed, 10.0, "s"),
        # Wall time includes whatever else the machine runs; the CPU time is the engine's own cost.
        ("评分：同上，本进程 CPU 时间", cpu, None, "s"),
    ]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.settings")
    django.setup()  # the schemes are read from the configured database (migrated: `make run` or bench/run.py)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else PROJECTS
    seconds, cpu_seconds, by_grade = bench_scoring(count)
    print(f"{count} projects: {seconds:.2f} s wall, {cpu_seconds:.2f} s CPU, grades {by_grade}")
