"""Load test against gunicorn: 30 logged-in sessions reading pages for 60 s, then 30 judges saving scores.

    make load                     (PostgreSQL jixiao_load_*, created and dropped; gunicorn as documented)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_load .venv/bin/python bench/load.py [--seconds 60]

Each phase gets a fresh database (PostgreSQL when DATABASE_URL is set, else a temporary SQLite file:
the targets are for PostgreSQL), gunicorn started with the documented production settings
(GUNICORN_ARGS below, as in the README and deploy/systemd; DEBUG=0, DB_CONN_MAX_AGE=60) and real
HTTP sessions logging in through the login form. Prints throughput, p50/p95/p99 and errors per
phase, and the slowest pages. Each session pauses about --think seconds (default 1, uniformly 0.5–1.5 s)
between clicks, as a person reading a page does; --think 0 is the closed-loop limit, where by Little's
law the mean answer time is sessions ÷ throughput whatever the page costs. An error is an answer ≥ 400, a timeout, a page that sent the user back
to the login form, or a save answered with a refusal. "Lost saves": every judge saves each item
twice (two different values); the value the judge was last told was saved must be the one stored.
Exit code 1 when there are errors, lost saves or p95 ≥ 500 ms for pages. The databases are dropped
at the end (--keep-databases to look at them).
"""

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PASSWORD = "Load-Test-Password-2026"
PAGE_TARGET_P95_MS = 500
# The documented production settings (README "生产部署", deploy/systemd/jixiao-web.service).
GUNICORN_ARGS = ["--workers", "3", "--threads", "4", "--timeout", "60"]
CREATED: list[str] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        parsed = urllib.parse.urlparse(base)
        database = f"{parsed.path.lstrip('/') or 'jixiao'}_{name}"
        admin = parsed._replace(path="/postgres").geturl()
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{database}"'], check=True)
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{database}"'], check=True)
        CREATED.append(parsed._replace(path=f"/{database}").geturl())
        return CREATED[-1]
    return f"sqlite:///{tempfile.mkdtemp(prefix='jixiao-load-')}/{name}.sqlite3"


def drop_databases() -> None:
    for url in CREATED:
        parsed = urllib.parse.urlparse(url)
        admin = parsed._replace(path="/postgres").geturl()
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)'], check=False)


def environment(database_url: str) -> dict:
    return {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "load-test-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "0", "DB_CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR", "SECURITY_LOG_LEVEL": "WARNING",
            "AXES_FAILURE_LIMIT": "1000", "STATIC_ROOT": tempfile.mkdtemp(prefix="jixiao-static-")}


def manage(env: dict, *args: str) -> str:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def django_shell(env: dict, code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code)


class Session:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((cookie.value for cookie in self.jar if cookie.name == "csrftoken"), "")

    def request(self, path: str, data: dict | None = None, headers: dict | None = None, timeout: float = 30) -> tuple[int, float, str]:
        """(status, milliseconds, text); a page that ended on the login form answers 401, a timeout 599."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path, **(headers or {})})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                text = response.read().decode("utf-8", "replace")
                status = response.status
                if urllib.parse.urlparse(response.geturl()).path == "/login/" and not path.startswith("/login/"):
                    status = 401
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
        except OSError:
            text, status = "", 599
        return status, (time.perf_counter() - started) * 1000, text

    def login(self, username: str, password: str) -> None:
        """Not timed. Thirty password hashes at once take a while on two cores: wait, and try again once."""
        for _ in range(2):
            self.request("/login/", timeout=120)
            status, _, text = self.request("/login/", {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf()},
                                           timeout=120)
            if status == 200 and "退出" in text:
                return
        raise RuntimeError(f"{username} 登录失败（{status}）")


THREADS = {"value": GUNICORN_ARGS[GUNICORN_ARGS.index("--threads") + 1]}


def gunicorn_arguments(workers: int) -> list[str]:
    arguments = [*GUNICORN_ARGS]
    arguments[arguments.index("--workers") + 1] = str(workers)
    arguments[arguments.index("--threads") + 1] = THREADS["value"]
    return arguments


def serve(env: dict, workers: int):
    port = free_port()
    arguments = gunicorn_arguments(workers)
    process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "jixiao.wsgi", "--bind", f"127.0.0.1:{port}",
                                *arguments, "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn 未能启动")


def percentiles(timings: list[float]) -> tuple[float, float, float]:
    timings = sorted(timings)
    cuts = statistics.quantiles(timings, n=100, method="inclusive") if len(timings) > 1 else [timings[0]] * 99
    return cuts[49], cuts[94], cuts[98]


def summary(title: str, timings: list[float], errors: list[str], seconds: float) -> tuple[float, int]:
    if not timings:
        print(f"{title}: 没有完成任何请求；错误 {len(errors)}")
        for error in errors[:10]:
            print("  错误：", error)
        return float("inf"), max(len(errors), 1)
    p50, p95, p99 = percentiles(timings)
    print(f"{title}: {len(timings)} 个请求，{seconds:.1f} 秒，{len(timings) / seconds:.1f} 次/秒；"
          f"p50 {p50:.0f} ms，p95 {p95:.0f} ms，p99 {p99:.0f} ms；错误 {len(errors)}")
    for error in errors[:10]:
        print("  错误：", error)
    return p95, len(errors)


def slowest_pages(by_path: dict[str, list[float]], count: int = 8) -> None:
    """The pages to look at first: highest p95, with how often they were asked for."""
    rows = sorted(((percentiles(t)[1], percentiles(t)[0], len(t), path) for path, t in by_path.items()), reverse=True)
    print("  最慢的页面（p95 / p50 / 请求数）：")
    for p95, p50, count_, path in rows[:count]:
        print(f"    {p95:7.0f} ms {p50:7.0f} ms {count_:6d}  {path}")


def run_threads(target, arguments) -> None:
    threads = [threading.Thread(target=target, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def pages_phase(seconds: float, sessions: int, workers: int, think: float) -> tuple[float, int]:
    env = environment(fresh_database("pages"))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    django_shell(env, f"from django.contrib.auth.models import User\nfor u in User.objects.all():\n    u.set_password({PASSWORD!r}); u.save()")
    users = django_shell(env, "from jixiao.units.demo import DEMO_USERS\nprint(' '.join(u for u, *_ in DEMO_USERS))").split()
    process, base = serve(env, workers)
    timings, errors, by_path, lock = [], [], {}, threading.Lock()
    logged_in = threading.Barrier(sessions)
    window = {}
    try:
        def visitor(number: int) -> None:
            session = Session(base)
            try:
                session.login(users[number % len(users)], PASSWORD)
                _, _, home = session.request("/")
                links = sorted(set(re.findall(r'href="(/(?:accounts|goals|checks|evaluations|assessment|units|healthcheck)/[^"#?]*)"', home)))
            except RuntimeError as error:
                with lock:
                    errors.append(str(error))
                links = []
            links = links or ["/"]
            # Every session logs in first, then all read pages during the same window.
            logged_in.wait()
            window.setdefault("start", time.monotonic())
            deadline, index = window["start"] + seconds, number
            pause = random.Random(number)
            while time.monotonic() < deadline:
                path = links[index % len(links)]
                index += 1
                status, elapsed, _ = session.request(path)
                if think:
                    time.sleep(pause.uniform(0.5 * think, 1.5 * think))
                with lock:
                    timings.append(elapsed)
                    by_path.setdefault(re.sub(r"/\d+", "/N", path), []).append(elapsed)
                    if status >= 400:
                        errors.append(f"{status} {path}")
            window["end"] = max(window.get("end", 0), time.monotonic())

        run_threads(visitor, range(sessions))
    finally:
        process.terminate()
        process.wait()
    result = summary(f"页面（{sessions} 个登录会话，{len(users)} 个演示账号轮流，每次点击间隔约 {think:g} 秒）", timings, errors,
                     window.get("end", 1) - window.get("start", 0))
    if by_path:
        slowest_pages(by_path)
    return result


SCORING_SETUP = """
from bench_assessment import scoring_setup
round_, judges, counties, items = scoring_setup()
for judge in judges:
    judge.user.set_password({password!r}); judge.user.save()
print(round_.pk, ",".join(judge.user.username for judge in judges), ",".join(str(c.pk) for c in counties),
      ",".join(f"{{i.pk}}:{{i.points}}" for i in items))
"""

STORED_SCORES = """
from jixiao.assessment.models import ItemScore
for score in ItemScore.objects.filter(judge__round_id={round_id}).select_related("judge__user"):
    print(score.judge.user.username, score.unit_id, score.item_id, score.score.normalize())
"""


def judges_phase(judges: int, workers: int, counties: int, think: float) -> tuple[float, int, int]:
    env = environment(fresh_database("judges"))
    env["PYTHONPATH"] = f"{ROOT / 'bench'}:{env.get('PYTHONPATH', '')}"
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    out = django_shell(env, f"import bench_assessment\nbench_assessment.CONCURRENT_JUDGES = {judges}\n"
                       + SCORING_SETUP.format(password=PASSWORD)).split()
    round_id, usernames, county_ids = out[0], out[1].split(","), out[2].split(",")[:counties]
    items = [(item_id, Decimal(points)) for item_id, points in (pair.split(":") for pair in out[3].split(","))]
    process, base = serve(env, workers)
    timings, errors, told, unanswered, lock = [], [], {}, {}, threading.Lock()
    logged_in = threading.Barrier(len(usernames))
    window_start = {}
    started = time.monotonic()
    try:
        def judge(number: int) -> None:
            username = usernames[number]
            pause = random.Random(number)
            session = Session(base)
            try:
                session.login(username, PASSWORD)
            except RuntimeError as error:
                with lock:
                    errors.append(str(error))
                logged_in.wait()
                return
            # Every judge logs in first (password hashing is not what is measured), then all score at once.
            logged_in.wait()
            window_start.setdefault("at", time.monotonic())
            for county in county_ids:
                status, _, _ = session.request(f"/assessment/rounds/{round_id}/score/{county}/")
                if status >= 400:
                    with lock:
                        errors.append(f"{status} {username} 评分页")
                for position, (item, points) in enumerate(items):
                    # Two saves per item, the second different from the first: the second must be the one kept.
                    final = points if (number + position) % 2 else Decimal(0)
                    for value in (points - final, final):
                        if think:
                            time.sleep(pause.uniform(0.5 * think, 1.5 * think))
                        path = f"/assessment/rounds/{round_id}/score/{county}/items/{item}/"
                        status, elapsed, text = session.request(path, {f"score-{item}": str(value.normalize()), "csrfmiddlewaretoken": session.csrf()},
                                                                {"HX-Request": "true", "X-CSRFToken": session.csrf()})
                        key = (username, county, item)
                        with lock:
                            timings.append(elapsed)
                            if status >= 400 or "cell-error" in text or "已保存" not in text:
                                errors.append(f"{status} {username} {path} {value}：" + (re.findall(r'role="alert">([^<]*)', text) or [""])[0])
                                if status == 599:
                                    # No answer: the server may still have saved it, after the value last confirmed.
                                    unanswered.setdefault(key, set()).add(value)
                            else:
                                told[key] = value
                                unanswered.pop(key, None)

        run_threads(judge, range(len(usernames)))
    finally:
        process.terminate()
        process.wait()
    elapsed = time.monotonic() - window_start.get("at", started)
    stored = {}
    for line in django_shell(env, STORED_SCORES.format(round_id=round_id)).splitlines():
        username, county, item, value = line.split()
        stored[(username, county, item)] = Decimal(value)
    p95, error_count = summary(f"评委保存（{len(usernames)} 位评委同时评分，每人 {len(county_ids)} 个县 × {len(items)} 项 × 2 次，间隔约 {think:g} 秒）",
                               timings, errors, elapsed)
    # Lost: the stored value is neither the one the judge was last told was saved nor one sent after it
    # whose answer never came (a timeout, counted above as an error).
    lost = [key for key, value in told.items() if stored.get(key) != value and stored.get(key) not in unanswered.get(key, ())]
    print(f"  告知已保存 {len(told)} 项（以最后一次为准），数据库中 {len(stored)} 项：丢失或不一致 {len(lost)} 项")
    for key in lost[:5]:
        print(f"    {key}: 告知 {told[key]}，数据库 {stored.get(key, '无')}")
    return p95, error_count, len(lost)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--judges", type=int, default=30)
    parser.add_argument("--counties", type=int, default=1, help="每位评委评分的县数")
    parser.add_argument("--think", type=float, default=1.0,
                        help="两次点击（或两次评分保存）之间的平均间隔秒数，如真人阅读页面；0 为不停顿的极限压力")
    parser.add_argument("--workers", type=int, default=int(GUNICORN_ARGS[GUNICORN_ARGS.index("--workers") + 1]))
    parser.add_argument("--threads", type=int, default=int(THREADS["value"]), help="每个 gunicorn 进程的线程数（与文档设置比较时用）")
    parser.add_argument("--keep-databases", action="store_true")
    args = parser.parse_args()
    THREADS["value"] = str(args.threads)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("注意：未设置 PostgreSQL 的 DATABASE_URL，使用临时 SQLite；目标值针对 PostgreSQL。")
    print(f"gunicorn {' '.join(gunicorn_arguments(args.workers))}，"
          f"DEBUG=0，DB_CONN_MAX_AGE=60；本机 {os.cpu_count()} 个 CPU 核，负载 {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    try:
        pages_p95, page_errors = pages_phase(args.seconds, args.sessions, args.workers, args.think)
        _, judge_errors, lost = judges_phase(args.judges, args.workers, args.counties, args.think)
    finally:
        if not args.keep_databases:
            drop_databases()
    ok = page_errors == 0 and judge_errors == 0 and lost == 0 and pages_p95 < PAGE_TARGET_P95_MS
    print("结论：" + ("达到目标" if ok else f"未达到目标（页面 p95 目标 < {PAGE_TARGET_P95_MS} ms，错误与丢失须为 0）"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
