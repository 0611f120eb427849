"""Background jobs that survive faults: tasks left RUNNING by a killed worker are run again or,
after MAX_ATTEMPTS, failed with a Chinese message that their page shows.

A task is stale when the worker that claimed it is gone: on this host, its process no longer
exists (worker ids are "host:pid", see run_worker); elsewhere, it has run longer than the
timeout. A stale task goes back to the queue, unless it has been tried MAX_ATTEMPTS times;
then it is failed and its give-up handler (GIVE_UP below) tells its owner which item failed.
"""

import logging
import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

log = logging.getLogger("jixiao.security")

MAX_ATTEMPTS = 3
# task path → function(*args, **kwargs) recording that the task gave up (strings: no import cycle).
GIVE_UP = {
    "jixiao.healthcheck.tasks.check_report_task": "jixiao.healthcheck.tasks.report_gave_up",
    "jixiao.documents.tasks.render_pdf": "jixiao.documents.tasks.pdf_gave_up",
}
# What a killed worker leaves outside the database, removed when a worker starts (strings: no import cycle).
CLEANUPS = [
    "jixiao.documents.generate.remove_stale_workdirs",
]
STALE_MESSAGE = "后台任务中断：处理它的进程已停止（已尝试 {attempts} 次），任务未完成。"


def this_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_gone(worker_id: str) -> bool:
    host, _, pid = worker_id.rpartition(":")
    if host != socket.gethostname() or not pid.isascii() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def is_stale(task: DBTaskResult, now, timeout: timedelta) -> bool:
    last_worker = task.worker_ids[-1] if task.worker_ids else ""
    if last_worker == this_worker_id():
        return False
    return _process_gone(last_worker) or (task.started_at is not None and now - task.started_at > timeout)


def recover_stale_tasks(timeout: timedelta) -> dict[str, int]:
    """Re-queue or fail every stale RUNNING task. Returns how many of each."""
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for task in running:
            if not is_stale(task, now, timeout):
                continue
            attempts = len(task.worker_ids)
            if attempts < MAX_ATTEMPTS:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.run_after = now
                task.save(update_fields=["status", "started_at", "run_after"])
                counts["requeued"] += 1
                log.info("event=task_requeued task=%s path=%s attempts=%s", task.id, task.task_path, attempts)
                continue
            message = STALE_MESSAGE.format(attempts=attempts)
            task.status = TaskResultStatus.FAILED
            task.finished_at = now
            task.exception_class_path = "jixiao.security.jobs.StaleTask"
            task.traceback = message
            task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            counts["failed"] += 1
            log.warning("event=task_failed_stale task=%s path=%s attempts=%s", task.id, task.task_path, attempts)
            handler = GIVE_UP.get(task.task_path)
            if handler:
                import_string(handler)(*task.args_kwargs.get("args", []), **task.args_kwargs.get("kwargs", {}))
    return counts


def clean_up_after_dead_workers() -> None:
    for cleanup in CLEANUPS:
        removed = import_string(cleanup)()
        if removed:
            log.info("event=worker_cleanup what=%s removed=%s", cleanup, removed)
