"""The same documents on RQ (Redis) as on the database queue: bench/workers.py's documents phase, both queues in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_rq .venv/bin/python bench/workers_rq.py \
        [--workers 4] [--documents 1000] [--rq-only] [--worker-class rq.worker.SimpleWorker ...]
        (or: make bench-rq)

On a fresh PostgreSQL database (<name>_workers, dropped at the end) with the demo loaded, and Redis database
RQ_REDIS_URL (default redis://127.0.0.1:6379/15; only that database is flushed, before and after):
1. the database queue, as `make bench-workers` runs it (workers.documents_phase: `run_worker` processes):
   one worker generates documents/4 documents, then --workers workers generate --documents documents;
2. the same on RQ: TASKS_BACKEND=django_tasks_rq.RQBackend, `manage.py rqworker --job-class django_tasks_rq.Job
   documents` processes (RQ's default worker forks a work horse per job; --worker-class rq.worker.SimpleWorker runs
   jobs in the worker process itself; both by default, or those given by --worker-class, repeatable, in turn). The task is the
   product's own `documents.tasks.generate_document`, enqueued through the task interface (`.enqueue`) once every
   worker has registered with Redis, while the workers are suspended (RQ's `suspend`), then resumed.
A phase's time runs from the first task started to the last one finished, as the task rows (database) or the
RQ jobs (started_at, ended_at) record. Printed: per worker the tasks it ran, its rate and mean task time; the total
rate; the speed-up over one worker; RQ's total rate beside the database queue's.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import workers  # bench/workers.py, beside this file

RQ_BACKEND = "django_tasks_rq.RQBackend"
QUEUE = "documents"


def start_rq_workers(count: int, worker_class: str | None, tag: str) -> list[subprocess.Popen]:
    import django_rq
    from rq import Worker

    command = [sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job", "-v", "0"]
    if worker_class:
        command += ["--worker-class", worker_class]
    processes = [subprocess.Popen(command + ["--name", f"{tag}-{n + 1}", QUEUE], cwd=workers.ROOT, env=os.environ.copy())
                 for n in range(count)]
    queue = django_rq.get_queue(QUEUE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if Worker.count(connection=queue.connection, queue=queue) >= count:
            return processes
        time.sleep(0.2)
    stop_rq_workers(processes)
    raise RuntimeError("RQ 进程未能在 120 秒内在 Redis 登记")


def stop_rq_workers(processes) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)  # RQ: warm shutdown, the current job finishes
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def rq_wait_for(ids, timeout: float) -> list[tuple]:
    """(worker, started, finished) of every job in `ids`, read as each job finishes (RQ keeps a finished job only for
    its result TTL, 500 s by default, so a long phase cannot read them all at the end)."""
    import django_rq
    from rq.job import Job

    queue = django_rq.get_queue(QUEUE)
    wanted, rows = set(ids), {}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        failed = set(queue.failed_job_registry.get_job_ids()) & wanted
        if failed:
            raise RuntimeError(f"{len(failed)} 个任务失败")
        finished = (set(queue.finished_job_registry.get_job_ids()) & wanted) - rows.keys()
        for job in Job.fetch_many(sorted(finished), connection=queue.connection):
            if job is not None:
                rows[job.id] = (job.worker_name, job.started_at, job.ended_at)
        if len(rows) == len(wanted):
            return list(rows.values())
        time.sleep(0.5)
    raise RuntimeError(f"{timeout:.0f} 秒内未完成（已完成 {len(rows)} / {len(wanted)}）")


def rq_documents_phase(count: int, processes: int, title: str, worker_class: str | None) -> float:
    """Like workers.documents_phase: the workers hold still (RQ's suspend) while every task is enqueued, as the database
    queue's workers see its tasks only when their one transaction commits; each resumes within a second (RQ checks once
    a second while suspended)."""
    import django_rq
    from rq.suspension import resume, suspend

    from jixiao.documents.tasks import generate_document

    jobs = workers.document_jobs(count)
    redis = django_rq.get_connection(QUEUE)
    suspend(redis)
    running = start_rq_workers(processes, worker_class, f"bench-{processes}x")
    try:
        started = time.monotonic()
        ids = [generate_document.enqueue(evaluation_id, name).id for evaluation_id, name in jobs]
        enqueued = time.monotonic() - started
        resume(redis)
        rows = rq_wait_for(ids, timeout=max(600, count * 5))
    finally:
        resume(redis)
        stop_rq_workers(running)
    rate = workers.print_rates(title, rows)
    print(f"  入队 {count} 个（generate_document.enqueue，逐个写入 Redis）用时 {enqueued:.2f} 秒，不计入上面的时间")
    return rate


def load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rq-only", action="store_true", help="不跑数据库队列的对照")
    parser.add_argument("--worker-class", action="append", help="RQ worker class，可重复，每个各测一遍"
                        "（默认两个都测：RQ 的 Worker，每个任务 fork 一个子进程；rq.worker.SimpleWorker，在进程内执行）")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("需要 PostgreSQL：DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_rq .venv/bin/python bench/workers_rq.py")
        return 2
    redis_url = os.environ.get("RQ_REDIS_URL", "redis://127.0.0.1:6379/15")
    url = workers.fresh_database(base)
    media = tempfile.mkdtemp(prefix="jixiao-bench-rq-")
    os.environ.update(workers.bench_environment(url, media, RQ_BACKEND), RQ_REDIS_URL=redis_url)
    import django

    django.setup()
    import django_rq
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import override_settings

    redis = django_rq.get_connection(QUEUE)
    redis.flushdb()  # this bench's own Redis database only
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
        print(f"PostgreSQL，Redis {redis_url}，{os.cpu_count()} 个 CPU 核；"
              "文档：.docx/.xlsx（generate_document，documents 队列）")
        baseline = max(args.documents // 4, 1)
        database = None
        if not args.rq_only:
            os.environ["TASKS_BACKEND"] = workers.DATABASE_BACKEND  # the run_worker processes
            print(f"负载 {load()}")
            with override_settings(TASKS={"default": {"BACKEND": workers.DATABASE_BACKEND, "QUEUES": settings.TASK_QUEUES}}):
                one = workers.documents_phase(1, baseline, "数据库队列，1 个进程（基线）")
                database = workers.documents_phase(args.workers, args.documents, f"数据库队列，{args.workers} 个进程")
            print(f"  {args.workers} 个进程合计为 1 个进程的 {database / one:.2f} 倍")
            os.environ["TASKS_BACKEND"] = RQ_BACKEND
        totals = {}
        for worker_class in args.worker_class or [None, "rq.worker.SimpleWorker"]:
            label = f"RQ（{worker_class or 'rq.Worker，每个任务 fork 一个子进程'}）"
            print(f"负载 {load()}")
            one = rq_documents_phase(baseline, 1, f"{label}，1 个进程（基线）", worker_class)
            print(f"负载 {load()}")
            totals[label] = many = rq_documents_phase(args.documents, args.workers, f"{label}，{args.workers} 个进程", worker_class)
            print(f"  {args.workers} 个进程合计为 1 个进程的 {many / one:.2f} 倍")
        for label, many in totals.items():
            against = f"，数据库队列 {database:.1f} 个/秒，为数据库队列的 {many / database:.2f} 倍" if database else ""
            print(f"{args.workers} 个进程：{label} 合计 {many:.1f} 个/秒{against}")
    finally:
        redis.flushdb()
        connections.close_all()
        if not args.keep_database:
            workers.drop_database(url)
        shutil.rmtree(media, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
