"""Checking uploaded reports through the task queue, one task per file.

The task never raises: a file the engine refuses, or one that trips an
unexpected error, is stored as refused with a Chinese message, so that the
batch always reaches done == total and its progress bar finishes.
"""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from jixiao.healthcheck.domain import ReportUnreadable, check_report
from jixiao.healthcheck.models import HealthcheckBatch, HealthcheckReport, ReportStatus

logger = logging.getLogger(__name__)

UNEXPECTED = "检查这份文件时出错，未能完成体检。请确认文件完好后重新上传；如仍出错，请联系管理员。"


def check_stored_report(report_id: int) -> str:
    """Check one stored upload and keep its result. Returns the new status."""
    report = HealthcheckReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).first()
    if report is None:
        return "missing"
    fields = {"data": b"", "checked_at": timezone.now()}
    try:
        result = check_report(report.filename, bytes(report.data))
    except ReportUnreadable as refused:
        fields |= {"status": ReportStatus.REFUSED, "message": refused.message}
    except Exception:
        logger.exception("health check failed on report %s", report_id)
        fields |= {"status": ReportStatus.REFUSED, "message": UNEXPECTED}
    else:
        counts = result.counts
        extraction = result.extraction
        fields |= {
            "status": ReportStatus.DONE,
            "unit": extraction.unit[:200],
            "year": extraction.year,
            "kind_label": extraction.kind_label,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "hints": counts["hint"],
            "facts": list(result.facts),
            "result": result.as_dict(),
        }
    with transaction.atomic():
        # Only the first run of a task counts, should the queue deliver it twice.
        updated = HealthcheckReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(**fields)
        if updated:
            HealthcheckBatch.objects.filter(pk=report.batch_id).update(done=F("done") + 1)
    return fields["status"]


GAVE_UP = "后台检查这份文件时进程多次中断，未能完成体检。请重新上传这份文件；如仍出错，请联系管理员。"


def report_gave_up(report_id: int) -> None:
    """The queue gave up on a report (its worker kept dying): say so, so that the batch still finishes."""
    with transaction.atomic():
        updated = HealthcheckReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
            status=ReportStatus.REFUSED, message=GAVE_UP, data=b"", checked_at=timezone.now(),
        )
        if updated:
            batch_id = HealthcheckReport.objects.filter(pk=report_id).values_list("batch_id", flat=True).first()
            HealthcheckBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)


@task(queue_name="healthchecks")
def check_report_task(report_id: int) -> str:
    return check_stored_report(report_id)


def enqueue_batch(batch: HealthcheckBatch) -> None:
    for report_id in batch.reports.filter(status=ReportStatus.PENDING).values_list("pk", flat=True):
        check_report_task.enqueue(report_id)
