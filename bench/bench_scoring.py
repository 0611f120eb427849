"""Scoring engine: 1,000,000 projects × 10 indicators under the MoF 2020 scheme, in chunks.

The projects mix what self-evaluations hold: ≥ indicators met and missed, a
reverse (≤) indicator, an = indicator, a qualitative one and, now and then, a
不适用 one or no satisfaction indicator (so both redistributions run).

Projects are scored a chunk at a time (CHUNK projects, drawn in turn from POOL distinct
synthetic projects, see `streamed`), as the product's bulk path streams unit-years
(goals/results.refresh_all): nothing holds a million inputs or results, so peak memory
stays bounded whatever the count. Each chunk is scored twice in the same
run: by the engine (every explanation in Chinese, redistribution, flags, errors) and by
the bare baseline — plain Decimal arithmetic of the same formulas (ratio × points,
quantized to cents, summed, graded), without explanations. Making the inputs is not
timed. The run happens in a child process so that its peak RSS is its own.
"""

import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PROJECTS = int(os.environ.get("BENCH_SCORING_PROJECTS", "1000000"))
INDICATORS = 10
CHUNK = 10_000
POOL = 20_000
EXPLAINED = 20_000


def synthetic_chunks(count=PROJECTS, seed=1, chunk=CHUNK):
    """The synthetic projects, `chunk` at a time: lists of (indicators, execution rate)."""
    from jixiao.scoring.engine import IndicatorInput
    from jixiao.scoring.schemes import OUTCOME, OUTPUT, SATISFACTION

    generator = random.Random(seed)
    figures = [Decimal(n) for n in range(0, 401)]
    rates = [Decimal(n) / 100 for n in range(5000, 10501)]
    output_points = [Decimal(10)] * 4 + [Decimal(5)] * 2
    projects = []
    for number in range(count):
        with_satisfaction = number % 4 != 0
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
        if len(projects) == chunk:
            yield projects
            projects = []
    if projects:
        yield projects


def synthetic_projects(count, seed=1):
    """All of `count` projects in one list."""
    return [project for chunk in synthetic_chunks(count, seed) for project in chunk]


def streamed(count=PROJECTS, chunk=CHUNK, pool=POOL):
    """`count` projects, `chunk` at a time, drawn in turn from `pool` distinct synthetic projects.

    Making a project's ten checked inputs costs more than scoring it, so a million distinct ones would
    make the bench measure its own setup; the engine keeps nothing per input (only per shape of an
    evaluation, which every project here shares anyway), so scoring a pooled project costs what scoring
    a new one does. Memory holds the pool and one chunk, whatever the count.
    """
    projects = synthetic_projects(min(pool, count))
    # The pool lives through the whole run; without freezing it every full garbage collection would walk its
    # 200,000 inputs, which measures the bench's own setup (a real bulk run holds one unit-year's goals).
    gc.collect()
    gc.freeze()
    done = 0
    while done < count:
        size = min(chunk, count - done)
        start = done % len(projects)
        yield (projects[start:start + size] + projects[:max(0, start + size - len(projects))])
        done += size


CENT = Decimal("0.01")
HUNDRED = Decimal(100)
BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
CATEGORY_POINTS = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}


def plain_total(rows, rate, execution_points=Decimal(10)):
    """The bare baseline: the same formulas in plain Decimal, written straight — each category's points over its
    applicable indicators in proportion to their points (satisfaction's to the others when it has none), ratio ×
    points per indicator quantized to cents, execution, total, grade — without explanations or result objects."""
    declared = {}
    for ind in rows:
        if ind.operator != "not_applicable":
            declared[ind.level1] = declared.get(ind.level1, 0) + ind.points
    effective = dict(CATEGORY_POINTS)
    if not declared.get("满意度指标"):
        moved = effective.pop("满意度指标")
        effective["产出指标"] += moved * 5 / 8
        effective["效益指标"] += moved * 3 / 8
    factor = {name: effective[name] / points for name, points in declared.items() if points}
    total = (min(rate, HUNDRED) * execution_points / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    for ind in rows:
        operator, target, actual = ind.operator, ind.target, ind.actual
        if operator == "not_applicable" or not ind.points:
            continue
        points = ind.points * factor[ind.level1]
        if operator == ">=":
            score = points if actual >= target else (actual * points / target if actual > 0 else 0)
        elif operator == "<=":
            score = points if actual <= target else target * points / actual
        elif operator == "=":
            score = points if actual == target else (min(actual, target) * points / max(actual, target) if actual > 0 else 0)
        else:
            score = ind.qualitative_score * points / ind.points
        total += Decimal(score).quantize(CENT, ROUND_HALF_UP)
    for floor, grade in BANDS:
        if total >= floor:
            return total, grade
    return total, BANDS[-1][1]


def peak_rss_mb() -> float:
    """This process's own peak resident memory. Linux keeps getrusage's ru_maxrss across exec, so a child started
    by a parent holding 600 MB (make bench, after the province) reported the parent's peak; VmHWM belongs to the
    process's own address space."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(count=PROJECTS):
    """Score `count` projects chunk by chunk with the engine and with the plain baseline; times, grades, peak RSS."""
    from jixiao.scoring.engine import score_evaluation
    from jixiao.scoring.exchange import scheme_from_data, shipped

    # The shipped MoF 2020 file, read as the database's loader reads it (this child process has no database).
    mof_2020 = scheme_from_data(shipped("mof-2020"))

    engine_seconds = engine_cpu = plain_seconds = plain_cpu = 0.0
    grades, plain_grades = {}, {}
    for chunk in streamed(count):
        started, cpu_started = time.perf_counter(), time.process_time()
        for rows, rate in chunk:
            grade = score_evaluation(rows, mof_2020, rate).grade
            grades[grade] = grades.get(grade, 0) + 1
        engine_seconds += time.perf_counter() - started
        engine_cpu += time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        for rows, rate in chunk:
            grade = plain_total(rows, rate)[1]
            plain_grades[grade] = plain_grades.get(grade, 0) + 1
        plain_seconds += time.perf_counter() - started
        plain_cpu += time.process_time() - cpu_started
    assert sum(grades.values()) == count == sum(plain_grades.values())
    peak_mb = peak_rss_mb()
    # What a page pays that prints every line (the goal page, the 自评表): each explanation read.
    sample = next(streamed(min(count, EXPLAINED), chunk=EXPLAINED))
    cpu_started = time.process_time()
    for rows, rate in sample:
        result = score_evaluation(rows, mof_2020, rate)
        for scored in result.indicators:
            scored.explanation  # noqa: B018 (read to be written)
        result.explanation  # noqa: B018
    explained_us = (time.process_time() - cpu_started) / len(sample) * 1_000_000
    return {"count": count, "engine": engine_seconds, "engine_cpu": engine_cpu, "plain": plain_seconds,
            "plain_cpu": plain_cpu, "peak_mb": peak_mb, "grades": grades, "plain_grades": plain_grades,
            "explained_us": explained_us}


def run():
    root = Path(__file__).resolve().parent.parent
    child = subprocess.run([sys.executable, str(Path(__file__)), "--json", str(PROJECTS)], cwd=root,
                           capture_output=True, text=True, check=True)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    return [
        (f"评分：{PROJECTS:,} 个项目 × {INDICATORS} 个指标，每批 {CHUNK:,} 个（读得分与等次，财预〔2020〕10号）",
         figures["engine"], 60.0, "s"),
        # Wall time includes whatever else the machine runs; the CPU time is the engine's own cost.
        ("  同上，本进程 CPU 时间", figures["engine_cpu"], None, "s"),
        ("  基线：同样公式的普通 Decimal 运算（无说明文字），同一进程", figures["plain"], None, "s"),
        ("  基线 CPU 时间", figures["plain_cpu"], None, "s"),
        # CPU over CPU: both ran in the same process on the same chunks, so contention cancels out.
        ("  比值（引擎 ÷ 基线，CPU 时间）", figures["engine_cpu"] / figures["plain_cpu"], 3.0, "×"),
        ("  评分进程峰值内存（RSS，含输入与 Django）", figures["peak_mb"], 500.0, "MB"),
        # Explanations are written when read (scoring/engine._Deferred); a page that prints them all pays this.
        (f"  读取全部说明文字时每个项目的 CPU 时间（{EXPLAINED:,} 个项目）", figures["explained_us"], None, "µs"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    arguments = [argument for argument in sys.argv[1:] if argument != "--json"]
    result = measure(int(arguments[0]) if arguments else PROJECTS)
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{result['count']} projects: engine {result['engine']:.2f} s wall ({result['engine_cpu']:.2f} s CPU), "
              f"plain Decimal {result['plain']:.2f} s ({result['plain_cpu']:.2f} s CPU), "
              f"CPU ratio {result['engine_cpu'] / result['plain_cpu']:.2f}, "
              f"peak {result['peak_mb']:.0f} MB, grades {result['grades']}")
