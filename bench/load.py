"""Load test against gunicorn: 30 logged-in sessions reading pages for 60 s, then 30 judges saving scores.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_load .venv/bin/python bench/load.py [--seconds 60]

Each phase gets a fresh database (PostgreSQL when DATABASE_URL is set, else a temporary SQLite file:
the targets are for PostgreSQL), started gunicorn with the documented settings (3 workers, DEBUG=0),
and real HTTP sessions logging in through the login form. Prints throughput, p50/p95/p99 and errors
per phase; "lost saves" compares what each judge was told was saved with what the database holds.
Exit code 1 when there are errors, lost saves or p95 ≥ 500 ms for pages.
"""

import argparse
import http.cookiejar
import os
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PASSWORD = "Load-Test-Password-2026"
PAGE_TARGET_P95_MS = 500


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
        return parsed._replace(path=f"/{database}").geturl()
    return f"sqlite:///{tempfile.mkdtemp(prefix='jixiao-load-')}/{name}.sqlite3"


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

    def request(self, path: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, float, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path, **(headers or {})})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
        except OSError:
            text, status = "", 599
        return status, (time.perf_counter() - started) * 1000, text

    def login(self, username: str, password: str) -> None:
        self.request("/login/")
        status, _, text = self.request("/login/", {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf()})
        if status != 200 or "退出" not in text:
            raise RuntimeError(f"{username} 登录失败（{status}）")


def serve(env: dict, workers: int):
    port = free_port()
    process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "jixiao.wsgi", "--bind", f"127.0.0.1:{port}",
                                "--workers", str(workers), "--timeout", "60", "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn 未能启动")


def summary(title: str, timings: list[float], errors: list[str], seconds: float) -> tuple[float, int]:
    timings = sorted(timings)
    if not timings:
        print(f"{title}: 没有完成任何请求")
        return float("inf"), len(errors)
    cuts = statistics.quantiles(timings, n=100) if len(timings) > 1 else [timings[0]] * 99
    print(f"{title}: {len(timings)} 个请求，{len(timings) / seconds:.1f} 次/秒；"
          f"p50 {cuts[49]:.0f} ms，p95 {cuts[94]:.0f} ms，p99 {cuts[98]:.0f} ms；错误 {len(errors)}")
    for error in errors[:10]:
        print("  错误：", error)
    return cuts[94], len(errors)


def pages_phase(seconds: float, sessions: int, workers: int) -> tuple[float, int]:
    env = environment(fresh_database("pages"))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    django_shell(env, f"from django.contrib.auth.models import User\nfor u in User.objects.all():\n    u.set_password({PASSWORD!r}); u.save()")
    users = django_shell(env, "from jixiao.units.demo import DEMO_USERS\nprint(' '.join(u for u, *_ in DEMO_USERS))").split()
    process, base = serve(env, workers)
    timings, errors, lock = [], [], threading.Lock()
    try:
        def visitor(number: int) -> None:
            session = Session(base)
            session.login(users[number % len(users)], PASSWORD)
            status, _, home = session.request("/")
            links = sorted(set(re.findall(r'href="(/(?:accounts|goals|checks|evaluations|assessment|units)/[^"#?]*)"', home)))[:12] or ["/"]
            deadline, index = time.monotonic() + seconds, number
            while time.monotonic() < deadline:
                path = links[index % len(links)]
                index += 1
                status, elapsed, _ = session.request(path)
                with lock:
                    timings.append(elapsed)
                    if status >= 400:
                        errors.append(f"{status} {path}")

        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        process.terminate()
        process.wait()
    return summary(f"页面（{sessions} 个登录会话，{seconds:.0f} 秒）", timings, errors, seconds)


SCORING_SETUP = """
from bench_assessment import scoring_setup
from django.contrib.auth import get_user_model
round_, judges, counties, items = scoring_setup()
for judge in judges:
    judge.user.set_password({password!r}); judge.user.save()
print(round_.pk, ",".join(judge.user.username for judge in judges), ",".join(str(c.pk) for c in counties),
      ",".join(str(i.pk) for i in items))
"""


def judges_phase(judges: int, workers: int) -> tuple[float, int, int]:
    env = environment(fresh_database("judges"))
    env["PYTHONPATH"] = f"{ROOT / 'bench'}:{env.get('PYTHONPATH', '')}"
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    out = django_shell(env, f"import bench_assessment\nbench_assessment.CONCURRENT_JUDGES = {judges}\n"
                       + SCORING_SETUP.format(password=PASSWORD)).split()
    round_id, usernames, county_ids, item_ids = out[0], out[1].split(","), out[2].split(","), out[3].split(",")
    process, base = serve(env, workers)
    timings, errors, saved, lock = [], [], {}, threading.Lock()
    started = time.monotonic()
    try:
        def judge(username: str) -> None:
            session = Session(base)
            session.login(username, PASSWORD)
            for county in county_ids[:2]:
                session.request(f"/assessment/rounds/{round_id}/score/{county}/")
                for item in item_ids:
                    path = f"/assessment/rounds/{round_id}/score/{county}/items/{item}/"
                    status, elapsed, _ = session.request(path, {f"score-{item}": "1", "csrfmiddlewaretoken": session.csrf()},
                                                         {"HX-Request": "true", "X-CSRFToken": session.csrf()})
                    with lock:
                        timings.append(elapsed)
                        if status >= 400:
                            errors.append(f"{status} {username} {path}")
                        else:
                            saved[(username, county, item)] = True

        threads = [threading.Thread(target=judge, args=(name,)) for name in usernames]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        process.terminate()
        process.wait()
    elapsed = time.monotonic() - started
    stored = int(django_shell(env, f"from jixiao.assessment.models import ItemScore\nprint(ItemScore.objects.filter(judge__round_id={round_id}).count())").strip())
    p95, error_count = summary(f"评委保存（{judges} 位评委同时评分）", timings, errors, elapsed)
    lost = len(saved) - stored
    print(f"  告知已保存 {len(saved)} 项，数据库中 {stored} 项：丢失 {max(lost, 0)} 项")
    return p95, error_count, max(lost, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--judges", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("注意：未设置 PostgreSQL 的 DATABASE_URL，使用临时 SQLite；目标值针对 PostgreSQL。")
    pages_p95, page_errors = pages_phase(args.seconds, args.sessions, args.workers)
    _, judge_errors, lost = judges_phase(args.judges, args.workers)
    ok = page_errors == 0 and judge_errors == 0 and lost == 0 and pages_p95 < PAGE_TARGET_P95_MS
    print("结论：" + ("达到目标" if ok else f"未达到目标（页面 p95 目标 < {PAGE_TARGET_P95_MS} ms，错误与丢失须为 0）"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
