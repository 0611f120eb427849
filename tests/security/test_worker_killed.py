"""A real worker process killed with SIGKILL in the middle of a batch, then started again.

Unlike test_jobs.py, nothing is simulated: `manage.py run_worker` runs as a subprocess on the test
database (PostgreSQL: the worker claims tasks with SELECT … FOR UPDATE SKIP LOCKED and commits,
so the test sees what the worker sees), is killed -9 while a task is RUNNING, and is started again.
Either the batch finishes, or — when the same report killed its worker three times — the batch
ends with that report named and failed, on the page its owner polls.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.healthcheck import tasks
from jixiao.healthcheck.models import ReportStatus
from jixiao.security import jobs
from tests.healthcheck.helpers import ALL, LISHUI, YUEYANG
from tests.healthcheck.test_batch import pending_batch

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 120


def worker_environment() -> dict:
    db = connection.settings_dict
    auth = urllib.parse.quote(db["USER"] or "") + (":" + urllib.parse.quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DJANGO_SETTINGS_MODULE": "jixiao.settings", "LOG_LEVEL": "ERROR"}


def start_worker(*extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", "run_worker", "--queue-name", "healthchecks", "--interval", "0.05", *extra],
                            cwd=ROOT, env=worker_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def worker_id(process) -> str:
    return f"{jobs.socket.gethostname()}:{process.pid}"


def kill_while_running(process) -> DBTaskResult:
    """SIGKILL the worker the moment it holds a task RUNNING; returns that task as the kill left it."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        running = [task for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
                   if task.worker_ids and task.worker_ids[-1] == worker_id(process)]
        if running:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            task = DBTaskResult.objects.get(pk=running[0].pk)
            assert task.status == TaskResultStatus.RUNNING, "the kill came after the task ended"
            return task
        if process.poll() is not None:
            pytest.fail(f"the worker exited before it ran a task: {process.stdout.read()}")
        time.sleep(0.005)
    process.kill()
    pytest.fail("the worker never claimed a task")


def run_to_the_end(batch):
    """A restarted worker in batch mode: runs what is left (and what the dead one left) and exits."""
    process = start_worker("--batch")
    output, _ = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == 0, output
    batch.refresh_from_db()
    return output


@pytest.mark.usefixtures("database_queue")
def test_a_worker_killed_mid_batch_and_restarted_finishes_the_batch(outsider):
    batch = pending_batch(outsider, *ALL)
    tasks.enqueue_batch(batch)
    worker = start_worker()
    killed = kill_while_running(worker)
    batch.refresh_from_db()
    assert batch.done < batch.total == len(ALL)

    output = run_to_the_end(batch)

    assert "重新排队 1 个" in output
    assert (batch.done, batch.total) == (len(ALL), len(ALL))
    assert set(batch.reports.values_list("status", flat=True)) == {ReportStatus.DONE}
    killed.refresh_from_db()
    assert killed.status == TaskResultStatus.SUCCESSFUL and len(killed.worker_ids) == 2
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


@pytest.mark.usefixtures("database_queue")
def test_a_report_that_kills_its_worker_three_times_is_named_as_failed_and_the_batch_ends(outsider, client_for):
    batch = pending_batch(outsider, YUEYANG, LISHUI)
    tasks.enqueue_batch(batch)
    victims = []
    for _ in range(jobs.MAX_ATTEMPTS):
        # A restarted worker takes the task it finds re-queued first (it is older than the others).
        victims.append(kill_while_running(start_worker()))
    assert len({task.pk for task in victims}) == 1
    failed_report_id = victims[0].args_kwargs["args"][0]

    output = run_to_the_end(batch)

    assert "标记失败 1 个" in output
    assert (batch.done, batch.total) == (2, 2)
    failed = batch.reports.get(pk=failed_report_id)
    other = batch.reports.exclude(pk=failed_report_id).get()
    assert (failed.status, failed.message) == (ReportStatus.REFUSED, tasks.GAVE_UP)
    assert other.status == ReportStatus.DONE
    page = client_for(outsider).get(f"/healthcheck/{batch.pk}/").content.decode()
    assert failed.filename in page and tasks.GAVE_UP in page
    assert "hx-trigger=\"every 1s\"" not in page  # the page no longer polls: the batch has ended
