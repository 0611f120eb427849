"""`make bench`: every area's speed targets, measured and printed.

Each bench/bench_<area>.py defines `run()` returning rows of
(what, measured, target, unit); this script runs them in a fresh temporary
SQLite database and prints one table.
"""

import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main():
    workdir = tempfile.mkdtemp(prefix="jixiao-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("SECURE_COOKIES", "0")
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    # Benchmarks render pages without collectstatic; plain storage avoids the manifest.
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    call_command("migrate", verbosity=0)
    only = set(sys.argv[1:])
    modules = sorted(path.stem for path in (ROOT / "bench").glob("bench_*.py"))
    failed = False
    print(f"{'测量项':<58} {'结果':>12} {'目标':>10}  状态")
    for name in modules:
        if only and name.removeprefix("bench_") not in only:
            continue
        module = importlib.import_module(name)
        started = time.perf_counter()
        for what, measured, target, unit in module.run():
            ok = target is None or measured <= target
            failed |= not ok
            target_text = "—" if target is None else f"= 0 {unit}" if target == 0 else f"< {target:g} {unit}"
            print(f"{what:<58} {measured:>9.3f} {unit:<3} {target_text:>10}  {'达标' if ok else '未达标'}")
        print(f"  ({name} 用时 {time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
