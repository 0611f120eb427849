"""The background-task worker for production: django-tasks' database worker, made to survive faults.

- On start, and every few minutes, tasks left RUNNING by a dead worker are re-queued (or failed
  after MAX_ATTEMPTS with a message the progress page shows).
- When the database goes away, the worker waits and reconnects instead of exiting for good.
- Its worker id is "host:pid", so that a restarted worker on the same host knows at once which
  RUNNING tasks belonged to a process that is gone.
- Queues by kind (settings.TASK_QUEUES): `--queue-name documents` (or "documents,healthchecks");
  by default every queue. Several processes may serve the same queue: on PostgreSQL each claims
  its task with SELECT … FOR UPDATE SKIP LOCKED, so no task runs twice. A suffix ":N" names the
  process (systemd `jixiao-worker@documents:2`) and is ignored for the queue.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from jixiao.security.jobs import clean_up_after_dead_workers, recover_stale_tasks, this_worker_id

log = logging.getLogger("jixiao.security")
MAX_BACKOFF_SECONDS = 30


class RecoveringWorker(Worker):
    """Looks for stale tasks between tasks as well as at start."""

    def __init__(self, *, recover_every: float, timeout: timedelta, **kwargs):
        super().__init__(**kwargs)
        self.recover_every, self.timeout, self.last_recovery = recover_every, timeout, 0.0

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        self.maybe_recover()

    def maybe_recover(self):
        if time.monotonic() - self.last_recovery >= self.recover_every:
            self.last_recovery = time.monotonic()
            recover_stale_tasks(self.timeout)


def queue_names_of(value: str) -> list[str]:
    """ "documents:2,healthchecks" → ["documents", "healthchecks"]; "all" or "*" is every queue; an unknown queue is refused, since
    a worker on a misspelt queue would wait for ever while the real queue fills up."""
    names = [part.strip().partition(":")[0] for part in value.split(",") if part.strip()]
    names = ["*" if name == "all" else name for name in names]
    unknown = [name for name in names if name != "*" and name not in settings.TASK_QUEUES]
    if not names or unknown:
        raise CommandError(f"没有名为“{'、'.join(unknown) or value}”的队列；可用的队列：{'、'.join(settings.TASK_QUEUES)}（或 all，即全部）。")
    return names


class Command(BaseCommand):
    help = "运行后台任务进程（断线自动重连，中断的任务自动重新排队）"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--queue-name", default="all", help="要处理的队列，逗号分隔（默认 all，即全部）：" + "、".join(settings.TASK_QUEUES))
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出")
        parser.add_argument("--timeout-minutes", type=int, default=settings.TASK_STALE_MINUTES)

    def handle(self, *args, interval, queue_name, max_tasks, batch, timeout_minutes, **options):
        timeout = timedelta(minutes=timeout_minutes)
        queue_names = queue_names_of(queue_name)
        clean_up_after_dead_workers()
        backoff = 1.0
        while True:
            worker = RecoveringWorker(
                queue_names=queue_names, interval=interval, batch=batch, backend_name=DEFAULT_TASK_BACKEND_ALIAS,
                startup_delay=False, max_tasks=max_tasks, worker_id=this_worker_id(), excluded_queue_names=[],
                recover_every=max(60.0, interval), timeout=timeout,
            )
            worker.configure_signals()
            try:
                counts = recover_stale_tasks(timeout)
                if any(counts.values()):
                    self.stdout.write(f"中断的任务：重新排队 {counts['requeued']} 个，标记失败 {counts['failed']} 个。")
                worker.run()
                return
            except DatabaseError as error:
                # The database went away (restart, failover, network): wait, reconnect, carry on.
                log.warning("event=worker_db_lost error=%s retry_in=%ss", type(error).__name__, backoff)
                for connection in connections.all():
                    connection.close_if_unusable_or_obsolete()
                    connection.close()
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
                close_old_connections()
                if not worker.running:
                    return
            finally:
                worker.reset_signals()
