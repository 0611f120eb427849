"""Queues by kind: documents and health checks each on their own queue, served by their own workers."""

import os
import time

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.documents import generate
from jixiao.documents import tasks as document_tasks
from jixiao.evaluations.models import SelfEvaluation
from jixiao.healthcheck import tasks as healthcheck_tasks
from jixiao.security import jobs
from jixiao.security.management.commands.run_worker import queue_names_of
from tests.healthcheck.helpers import YUEYANG
from tests.healthcheck.test_batch import pending_batch


def test_each_kind_of_work_has_its_queue():
    assert document_tasks.generate_document.queue_name == "documents"
    assert document_tasks.render_pdf.queue_name == "documents"
    assert healthcheck_tasks.check_report_task.queue_name == "healthchecks"
    assert {"documents", "healthchecks"} <= set(settings.TASK_QUEUES)


def test_a_worker_on_a_misspelt_queue_is_refused_with_the_queues_there_are():
    assert queue_names_of("documents:2,healthchecks") == ["documents", "healthchecks"]
    assert queue_names_of("*") == queue_names_of("all:1") == ["*"]
    with pytest.raises(CommandError, match="没有名为“document”的队列；可用的队列：default、documents、healthchecks（或 all，即全部）"):
        call_command("run_worker", "--queue-name", "document", "--batch")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_a_documents_worker_leaves_health_checks_to_theirs(outsider, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    batch = pending_batch(outsider, YUEYANG)
    healthcheck_tasks.enqueue_batch(batch)
    evaluation = SelfEvaluation.objects.order_by("pk").first()
    document_tasks.generate_document.enqueue(evaluation.pk, "report.docx")
    quiet = OutputWrapper(open(os.devnull, "w"))

    call_command("run_worker", "--queue-name", "documents", "--batch", "--interval", "0", stdout=quiet)
    by_queue = dict(DBTaskResult.objects.values_list("queue_name", "status"))
    assert by_queue == {"documents": TaskResultStatus.SUCCESSFUL, "healthchecks": TaskResultStatus.READY}

    call_command("run_worker", "--queue-name", "healthchecks", "--batch", "--interval", "0", stdout=quiet)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    batch.refresh_from_db()
    assert batch.done == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_a_pdf_whose_worker_died_three_times_is_failed_so_its_page_stops_waiting(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    evaluation = SelfEvaluation.objects.order_by("pk").first()
    digest = document_tasks.content_hash(generate.main_report_docx(evaluation))
    document_tasks._replace(document_tasks.pending_path(digest), b"")
    document_tasks.render_pdf.enqueue(evaluation.pk, digest)
    dead = [f"{jobs.socket.gethostname()}:999999{n}" for n in range(jobs.MAX_ATTEMPTS)]
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=dead)

    assert jobs.recover_stale_tasks(timezone.timedelta(minutes=30)) == {"requeued": 0, "failed": 1}

    assert (tmp_path / document_tasks.failed_path(digest)).exists()
    assert not (tmp_path / document_tasks.pending_path(digest)).exists()


def test_a_starting_worker_removes_what_a_killed_conversion_left_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(generate.tempfile, "gettempdir", lambda: str(tmp_path))
    old = tmp_path / f"{generate.PDF_WORKDIR_PREFIX}killed"
    (old / "profile").mkdir(parents=True)
    (old / "document.docx").write_bytes(b"PK")
    recent = tmp_path / f"{generate.PDF_WORKDIR_PREFIX}running"
    recent.mkdir()
    other = tmp_path / "someone-elses"
    other.mkdir()
    long_ago = time.time() - 3 * generate.PDF_TIMEOUT
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))

    jobs.clean_up_after_dead_workers()

    assert not old.exists() and recent.exists() and other.exists()
