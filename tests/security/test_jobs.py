"""Jobs that survive faults: a worker killed mid-batch leaves tasks RUNNING; the restarted worker runs
them again, or after three attempts fails them with a message, so the batch always ends. The worker
reconnects when the database goes away."""

import os
import subprocess
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.healthcheck import tasks
from jixiao.healthcheck.models import HealthcheckBatch, ReportStatus
from jixiao.security import jobs
from tests.healthcheck.helpers import LISHUI, YUEYANG
from tests.healthcheck.test_batch import pending_batch

pytestmark = [pytest.mark.django_db(transaction=True)]


def dead_worker_id():
    """The id a worker killed on this host leaves behind: its pid no longer exists."""
    process = subprocess.Popen(["true"])
    process.wait()
    return f"{jobs.socket.gethostname()}:{process.pid}"


def kill_mid_batch(batch, attempts_so_far):
    """Every task of the batch claimed by a worker that then died."""
    tasks.enqueue_batch(batch)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now(),
                                worker_ids=[dead_worker_id() for _ in range(attempts_so_far)])


@pytest.mark.usefixtures("database_queue")
def test_a_batch_whose_worker_was_killed_finishes_when_the_worker_restarts(outsider):
    batch = pending_batch(outsider, YUEYANG, LISHUI)
    kill_mid_batch(batch, attempts_so_far=1)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 2

    call_command("run_worker", "--batch", "--interval", "0", stdout=open(os.devnull, "w"))

    batch.refresh_from_db()
    assert (batch.total, batch.done) == (2, 2)
    assert set(batch.reports.values_list("status", flat=True)) == {ReportStatus.DONE}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


@pytest.mark.usefixtures("database_queue")
def test_a_report_whose_worker_died_three_times_is_failed_by_name_and_the_batch_ends(outsider):
    batch = pending_batch(outsider, YUEYANG)
    kill_mid_batch(batch, attempts_so_far=jobs.MAX_ATTEMPTS)

    call_command("run_worker", "--batch", "--interval", "0", stdout=open(os.devnull, "w"))

    batch.refresh_from_db()
    report = batch.reports.get()
    assert (batch.total, batch.done) == (1, 1)
    assert (report.filename, report.status) == (YUEYANG, ReportStatus.REFUSED)
    assert report.message == tasks.GAVE_UP
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED and "后台任务中断" in task.traceback


@pytest.mark.usefixtures("database_queue")
def test_a_task_still_running_in_a_live_worker_is_left_alone_until_the_timeout(outsider):
    batch = pending_batch(outsider, YUEYANG)
    tasks.enqueue_batch(batch)
    alive = f"{jobs.socket.gethostname()}:1"  # pid 1 always exists
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=[alive])
    assert jobs.recover_stale_tasks(timezone.timedelta(minutes=30)) == {"requeued": 0, "failed": 0}
    DBTaskResult.objects.update(started_at=timezone.now() - timezone.timedelta(minutes=31))
    assert jobs.recover_stale_tasks(timezone.timedelta(minutes=30)) == {"requeued": 1, "failed": 0}


@pytest.mark.usefixtures("database_queue")
def test_the_worker_reconnects_after_the_database_drops(outsider):
    batch = pending_batch(outsider, YUEYANG)
    tasks.enqueue_batch(batch)
    real_ready = DBTaskResult.objects.ready
    calls = {"n": 0}

    def flaky_ready(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real_ready(*args, **kwargs)

    with mock.patch.object(type(DBTaskResult.objects), "ready", side_effect=flaky_ready, autospec=False), \
            mock.patch("jixiao.security.management.commands.run_worker.time.sleep"):
        call_command("run_worker", "--batch", "--interval", "0", stdout=open(os.devnull, "w"))

    batch.refresh_from_db()
    assert calls["n"] >= 3
    assert (batch.total, batch.done) == (1, 1)
    assert batch.reports.get().status == ReportStatus.DONE
    assert HealthcheckBatch.objects.count() == 1
