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
import time

import bench_scoring as bench_scoring_chunks

PROJECTS = 100_000
INDICATORS = 10


def synthetic_projects(count=PROJECTS, seed=1):
    """The same synthetic projects as the chunked bench (bench_scoring), all in one list."""
    return bench_scoring_chunks.synthetic_projects(count, seed)


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
        (f"评分：{PROJECTS:,} 个项目 × {INDICATORS} 个指标（评分方案读自数据库，读得分与等次）", elapsed, 10.0, "s"),
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
