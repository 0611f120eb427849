"""Official documents: one self-evaluation report as .docx, and 1,000 of them through the task queue.

1. The Yueyang 2017 report (003's layout: cover, five sections, nine tables)
   generated from the database 20 times; the median is reported (target
   < 0.5 s). Loading the demo data is not timed.
2. 1,000 reports through django_tasks (`generate_document`, the backend of
   settings.TASKS: immediate here, so this measures generating and storing
   them one after another, as a db_worker would), written to a temporary
   MEDIA_ROOT.
"""

import statistics
import tempfile
import time

REPEATS = 20
QUEUED = 1000


def setup():
    from jixiao.accounts import demo as accounts_demo
    from jixiao.evaluations import demo as evaluations_demo
    from jixiao.evaluations.models import SelfEvaluation
    from jixiao.goals import demo as goals_demo
    from jixiao.units.demo import load_units

    units = load_units()
    accounts_demo.load(units)
    goals_demo.load(units)
    evaluations_demo.load(units)
    return SelfEvaluation.objects.get(goal__unit_year__unit=units["yueyang"], goal__unit_year__fiscal_year=2017)


def bench_one(evaluation) -> float:
    from jixiao.documents.generate import self_evaluation_report_docx

    self_evaluation_report_docx(evaluation)  # warm imports and templates
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        data = self_evaluation_report_docx(evaluation)
        timings.append(time.perf_counter() - started)
        assert data.startswith(b"PK")
    return statistics.median(timings)


def bench_queue(evaluation) -> float:
    from django.conf import settings
    from django.test.utils import override_settings

    from jixiao.documents.tasks import generate_document

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-media-") as media, override_settings(MEDIA_ROOT=media):
        started = time.perf_counter()
        results = [generate_document.enqueue(evaluation.pk, "report.docx") for _ in range(QUEUED)]
        elapsed = time.perf_counter() - started
        failed = [result for result in results if result.status != "SUCCESSFUL"]
        if failed:
            raise RuntimeError(f"{len(failed)} 个文书生成任务失败（{settings.TASKS['default']['BACKEND']}）")
    return elapsed


def run():
    evaluation = setup()
    one = bench_one(evaluation)
    queued = bench_queue(evaluation)
    return [
        ("自评报告 .docx 生成中位耗时（岳阳 2017，含读取数据）", one, 0.5, "s"),
        (f"经任务队列生成 {QUEUED} 份自评报告 .docx（总耗时）", queued, None, "s"),
        (f"经任务队列生成自评报告，平均每份（{QUEUED} 份）", queued / QUEUED, 0.5, "s"),
    ]
