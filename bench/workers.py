"""Workers that scale out: N `run_worker` processes on the "documents" queue of PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao .venv/bin/python bench/workers.py \
        [--workers 4] [--documents 1000] [--pdfs 8]        (or: make bench-workers;
        make bench-pdf converts 1,000 PDFs: --documents 0 --pdfs 1000)

On a fresh database (<name>_workers, dropped at the end) with the demo loaded:
1. one worker generates documents/4 documents (the baseline: one process alone);
2. --workers workers generate --documents documents (.docx and .xlsx of every demo self-evaluation
   in turn, through `documents.tasks.generate_document`, the task the product runs);
3. --pdfs PDFs (LibreOffice, `documents.tasks.render_pdf`) on the same workers, each from a
   different text so none comes from the cache; fewer than 1,000 are extrapolated to 1,000 and
   printed as such.
The workers are started and connected before the tasks are enqueued (in one transaction), so a
phase's time runs from the first task started to the last one finished, as the task rows record.
Printed: per worker the tasks it ran and its rate; the total rate; the speed-up over one worker.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def bench_environment(url: str, media: str, backend: str) -> dict[str, str]:
    """The environment of the bench and of its workers: production settings on the database `url`."""
    return {"DATABASE_URL": url, "TASKS_BACKEND": backend, "MEDIA_ROOT": media,
            "DJANGO_SETTINGS_MODULE": "jixiao.settings", "DEBUG": "0", "SECRET_KEY": "bench-workers-" + "x" * 40,
            "LOG_LEVEL": "ERROR", "SECURITY_LOG_LEVEL": "WARNING", "DB_CONN_MAX_AGE": "60"}


def fresh_database(base: str) -> str:
    parsed = urllib.parse.urlparse(base)
    name = f"{parsed.path.lstrip('/') or 'jixiao'}_workers"
    admin = parsed._replace(path="/postgres").geturl()
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    return parsed._replace(path=f"/{name}").geturl()


def drop_database(url: str) -> None:
    parsed = urllib.parse.urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)'], check=False)


def start_workers(count: int, queue: str) -> list[subprocess.Popen]:
    from django.db import connection

    workers = [subprocess.Popen([sys.executable, "manage.py", "run_worker", "--queue-name", f"{queue}:{n + 1}", "--interval", "0.1"],
                                cwd=ROOT, env=os.environ.copy()) for n in range(count)]
    # Ready when every worker holds its database connection (it opens it to recover stale tasks).
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0] >= count:
                return workers
        time.sleep(0.2)
    stop(workers)
    raise RuntimeError("后台任务进程未能在 120 秒内连接数据库")


def stop(workers) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_for(ids, timeout: float) -> None:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = DBTaskResult.objects.filter(pk__in=ids).exclude(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]).count()
        if left == 0:
            failed = DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.FAILED).count()
            if failed:
                raise RuntimeError(f"{failed} 个任务失败")
            return
        time.sleep(0.5)
    raise RuntimeError(f"{timeout:.0f} 秒内未完成")


def report(title: str, ids) -> float:
    """Prints per-worker and total throughput of the finished tasks `ids`; returns the total rate (per second)."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(pk__in=ids).values_list("worker_ids", "started_at", "finished_at")
    return print_rates(title, [(worker_ids[-1], started, finished) for worker_ids, started, finished in rows])


def print_rates(title: str, rows) -> float:
    """`rows`: (worker, started, finished) of each finished task. Prints the tasks' span (first started → last finished),
    the total rate and each worker's tasks, rate and mean task time; returns the total rate (per second)."""
    seconds = (max(finished for _, _, finished in rows) - min(started for _, started, _ in rows)).total_seconds()
    per_worker, busy = Counter(), Counter()
    for worker, started, finished in rows:
        per_worker[worker] += 1
        busy[worker] += (finished - started).total_seconds()
    total = len(rows) / seconds
    print(f"{title}：{len(rows)} 个任务，{seconds:.1f} 秒，合计 {total:.1f} 个/秒（{total * 60:.0f} 个/分钟）")
    for number, (worker, count) in enumerate(sorted(per_worker.items()), start=1):
        print(f"  进程 {number}（{worker}）：{count} 个，{count / seconds:.2f} 个/秒，平均每个 {busy[worker] / count * 1000:.0f} ms")
    return total


def document_jobs(count: int):
    from jixiao.documents.tasks import GENERATORS
    from jixiao.documents.views import documents_for
    from jixiao.evaluations.models import SelfEvaluation

    kinds = [(evaluation.pk, name) for evaluation in SelfEvaluation.objects.select_related("goal").order_by("pk")
             for name in documents_for(evaluation) if name in GENERATORS]
    return [kinds[n % len(kinds)] for n in range(count)]


def enqueue_documents(jobs) -> list:
    from django.db import transaction

    from jixiao.documents.tasks import generate_document

    with transaction.atomic():
        return [generate_document.enqueue(evaluation_id, name).id for evaluation_id, name in jobs]


def documents_phase(workers: int, count: int, title: str) -> float:
    jobs = document_jobs(count)
    processes = start_workers(workers, "documents")
    try:
        ids = enqueue_documents(jobs)
        wait_for(ids, timeout=max(600, count * 5))
    finally:
        stop(processes)
    return report(title, ids)


def pdf_phase(workers: int, count: int) -> float | None:
    """`count` PDFs in rounds of one per worker, each round from new texts, so every PDF is a real conversion."""
    from django.db import transaction

    from jixiao.documents import generate, tasks
    from jixiao.evaluations.models import SelfEvaluation

    if generate.soffice_path() is None:
        print("PDF：未安装 LibreOffice（make document-deps），跳过")
        return None
    # A new text must give a new document (and so a real conversion): department reports print the analysis text,
    # project reports the goal's overall target; only reports that print one of them are used.
    evaluations, overall = [], {}

    def write(evaluation, text):
        evaluation.analysis_text = text
        evaluation.goal.overall_goal = overall[evaluation.pk] + text

    for evaluation in SelfEvaluation.objects.select_related("goal").order_by("pk"):
        overall[evaluation.pk] = evaluation.goal.overall_goal or ""
        before = tasks.content_hash(generate.main_report_docx(evaluation))
        write(evaluation, "性能测试：检查本段文字是否印在报告中。")
        if tasks.content_hash(generate.main_report_docx(evaluation)) != before:
            evaluations.append(evaluation)
        if len(evaluations) == workers:
            break
    if not evaluations:
        print("PDF：没有印出综述文字的报告，跳过")
        return None
    processes = start_workers(workers, "documents")
    ids, done = [], 0
    try:
        while done < count:
            round_ids = []
            with transaction.atomic():
                for evaluation in evaluations[: count - done]:
                    write(evaluation, f"性能测试第{done + 1}份：本年度各项工作按计划完成。")
                    evaluation.save(update_fields=["analysis_text"])
                    evaluation.goal.save(update_fields=["overall_goal"])
                    digest = tasks.content_hash(generate.main_report_docx(evaluation))
                    round_ids.append(tasks.render_pdf.enqueue(evaluation.pk, digest).id)
                    done += 1
            wait_for(round_ids, timeout=600)
            ids += round_ids
    finally:
        stop(processes)
    from django_tasks_db.models import DBTaskResult

    cached = sum(1 for value in DBTaskResult.objects.filter(pk__in=ids).values_list("return_value", flat=True) if (value or {}).get("cached"))
    if cached:
        raise RuntimeError(f"{cached} 份 PDF 来自缓存，不是实际转换")
    return report(f"PDF（LibreOffice，{workers} 个进程，每轮 {len(evaluations)} 份、每份文字不同）", ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=8)
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("需要 PostgreSQL：DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao .venv/bin/python bench/workers.py")
        return 2
    url = fresh_database(base)
    media = tempfile.mkdtemp(prefix="jixiao-bench-workers-")
    os.environ.update(bench_environment(url, media, DATABASE_BACKEND))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
        print(f"PostgreSQL，{os.cpu_count()} 个 CPU 核，负载 {' / '.join(f'{x:.1f}' for x in os.getloadavg())}；"
              "文档：.docx/.xlsx（generate_document，documents 队列）")
        if args.documents > 0:
            one = documents_phase(1, max(args.documents // 4, 1), "1 个进程（基线）")
            many = documents_phase(args.workers, args.documents, f"{args.workers} 个进程")
            print(f"  {args.workers} 个进程合计为 1 个进程的 {many / one:.2f} 倍")
        if args.pdfs > 0:
            pdfs = pdf_phase(args.workers, args.pdfs)
            if pdfs and args.pdfs < 1000:
                print(f"  按此速率推算：1,000 份 PDF 约 {1000 / pdfs / 60:.0f} 分钟（{args.workers} 个进程；推算，非实测；"
                      "`make bench-pdf` 实际转换 1,000 份）")
    finally:
        connections.close_all()
        if not args.keep_database:
            drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
