"""Official documents: every .docx / .xlsx of each demo unit-year, 1,000 reports and N PDFs through the task queue.

1. Each document of each demo self-evaluation (the department report and
   基本情况表 of Yueyang 2017 and Lishui 2020, the project forms and reports of
   Lishui's three projects and Jiangmen) generated from the database 10 times;
   the slowest median is reported (target < 0.5 s each). Loading the demo is not timed.
2. 1,000 reports through django_tasks (`generate_document`, the backend of
   settings.TASKS: immediate here, so this measures generating and storing
   them one after another, as a db_worker would), written to a temporary MEDIA_ROOT.
3. JIXIAO_BENCH_PDFS (default 20) PDFs through the queue (`render_pdf`: LibreOffice),
   each from a different text so none comes from the cache; the rate is printed.
"""

import os
import statistics
import tempfile
import time

REPEATS = 10
QUEUED = 1000
PDFS = int(os.environ.get("JIXIAO_BENCH_PDFS", "20"))


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
    return list(SelfEvaluation.objects.select_related("goal__unit_year__unit").order_by("pk"))


def bench_every_document(evaluations) -> tuple[float, str, int]:
    """(slowest median, its file name, how many documents)."""
    from jixiao.documents.generate import main_report_docx
    from jixiao.documents.views import DOCUMENTS, documents_for, filename_for

    slowest, slowest_name, count = 0.0, "", 0
    for evaluation in evaluations:
        for name in documents_for(evaluation):
            if name == "report.pdf":
                continue
            build = main_report_docx if name == "report.docx" else DOCUMENTS[name][0]
            build(evaluation)  # warm imports
            timings = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                data = build(evaluation)
                timings.append(time.perf_counter() - started)
                assert data.startswith(b"PK")
            median = statistics.median(timings)
            count += 1
            if median > slowest:
                slowest, slowest_name = median, filename_for(evaluation, name)
    return slowest, slowest_name, count


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


def bench_pdfs(evaluation) -> float | None:
    from django.core.files.storage import default_storage
    from django.test.utils import override_settings

    from jixiao.documents import generate, tasks

    if generate.soffice_path() is None or PDFS <= 0:
        return None
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-pdf-") as media, override_settings(MEDIA_ROOT=media):
        started = time.perf_counter()
        for number in range(PDFS):
            evaluation.summary_text = f"基准测试第{number + 1}份：市科协是市委领导下的人民团体。"
            evaluation.save(update_fields=["summary_text"])
            digest = tasks.content_hash(generate.main_report_docx(evaluation))
            result = tasks.render_pdf.enqueue(evaluation.pk, digest)
            if result.status != "SUCCESSFUL" or not default_storage.exists(tasks.pdf_path(digest)):
                raise RuntimeError(f"第{number + 1}份 PDF 生成失败")
        elapsed = time.perf_counter() - started
    evaluation.summary_text = ""
    evaluation.save(update_fields=["summary_text"])
    return elapsed


def run():
    evaluations = setup()
    slowest, slowest_name, count = bench_every_document(evaluations)
    yueyang = next(e for e in evaluations if e.goal.unit_year.unit.name.startswith("岳阳"))
    queued = bench_queue(yueyang)
    rows = [
        (f"每份 .docx/.xlsx 生成中位耗时，最慢一份（共{count}份）", slowest, 0.5, "s"),
        (f"  最慢：{slowest_name[:40]}", slowest, None, "s"),
        (f"经任务队列生成 {QUEUED} 份自评报告 .docx（总耗时）", queued, None, "s"),
        (f"经任务队列生成自评报告，平均每份（{QUEUED} 份）", queued / QUEUED, 0.5, "s"),
    ]
    pdfs = bench_pdfs(yueyang)
    if pdfs is not None:
        rows.append((f"经任务队列生成 {PDFS} 份 PDF（LibreOffice，总耗时）", pdfs, None, "s"))
        rows.append((f"PDF 速率：每分钟 {PDFS / pdfs * 60:.1f} 份；平均每份", pdfs / PDFS, None, "s"))
    return rows
