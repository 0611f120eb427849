"""Re-queue or fail background tasks left RUNNING by a worker that died (for cron or by hand)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from jixiao.security.jobs import recover_stale_tasks


class Command(BaseCommand):
    help = "把中断的后台任务重新排队，或在多次中断后标记为失败"

    def add_arguments(self, parser):
        parser.add_argument("--timeout-minutes", type=int, default=settings.TASK_STALE_MINUTES)

    def handle(self, *args, timeout_minutes, **options):
        counts = recover_stale_tasks(timedelta(minutes=timeout_minutes))
        self.stdout.write(f"重新排队 {counts['requeued']} 个，标记失败 {counts['failed']} 个。")
