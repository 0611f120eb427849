"""Report health check: 1,000 uploaded documents through the task queue.

A batch of 1,000 stored uploads (the five source documents in turn) is
enqueued one task per file, as the upload page does, on the configured task
backend (the immediate backend unless TASKS_BACKEND says otherwise; with the
database backend run a worker alongside). Reported: the total time until the
batch is done, and the median time per document (read, extract, check and
store the result). Storing the uploads is not timed.
"""

import statistics
import time

DOCUMENTS = 1000


def setup():
    from django.contrib.auth import get_user_model

    from jixiao.healthcheck.models import HealthcheckBatch, HealthcheckReport
    from jixiao.sources import DOCUMENTS_DIR

    seeds = sorted(DOCUMENTS_DIR.glob("*.txt"))
    user, _ = get_user_model().objects.get_or_create(username="bench_healthcheck")
    batch = HealthcheckBatch.objects.create(owner=user, total=DOCUMENTS)
    HealthcheckReport.objects.bulk_create(
        HealthcheckReport(batch=batch, position=n, filename=f"{n:04d}-{seeds[n % len(seeds)].name}", data=seeds[n % len(seeds)].read_bytes())
        for n in range(DOCUMENTS)
    )
    return batch


def run():
    from jixiao.healthcheck.models import HealthcheckBatch, ReportStatus
    from jixiao.healthcheck.tasks import check_report_task

    batch = setup()
    ids = list(batch.reports.values_list("pk", flat=True))
    timings = []
    started = time.perf_counter()
    for report_id in ids:
        one = time.perf_counter()
        check_report_task.enqueue(report_id)
        timings.append(time.perf_counter() - one)
    while HealthcheckBatch.objects.get(pk=batch.pk).done < DOCUMENTS:
        time.sleep(0.1)
    total = time.perf_counter() - started
    done = batch.reports.filter(status=ReportStatus.DONE).count()
    if done != DOCUMENTS:
        raise RuntimeError(f"only {done} of {DOCUMENTS} documents were checked")
    return [
        (f"{DOCUMENTS} 份报告经任务队列体检：总用时", total, 120.0, "s"),
        ("其中每份报告（读取、识别、检查、保存结果）中位用时", statistics.median(timings) * 1000, 200.0, "ms"),
    ]
