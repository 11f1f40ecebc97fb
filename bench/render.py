"""Server time of the public pages on a cache miss, in-process (no HTTP, no load generator): for each
path the median of --repeat renders with the response cache off, its SQL queries and the time
spent in them. Wall time and this process's CPU time: on a machine shared with other work the CPU
time is the steadier figure. The figures the issue's "≤ 5 ms on a miss" goal is about.

    bash scripts/with-services.sh .venv/bin/python bench/render.py [--repeat 30] [--profile /matris/]

Needs DATABASE_URL (PostgreSQL; scripts/with-services.sh starts an empty one): creates the
database, migrates, loads the plan and the demo data (real plan size). --profile prints cProfile's
top functions for one path. A script, not a test: the figures go into docs/performance.md."""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from load import create_database  # noqa: E402 (bench/ is not a package)
from wrk import API, PAGES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="a path to profile with cProfile")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Needs PostgreSQL: bash scripts/with-services.sh .venv/bin/python bench/render.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jamlik.settings.local", "DEBUG": "0"}
    create_database(env["DATABASE_URL"])
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_plan"],
        ["load_demo", "--force"],
        ["load_demo_utvardering", "--force"],
    ):
        subprocess.run([sys.executable, "manage.py", *command], **quiet)
    os.environ.update({"DJANGO_SETTINGS_MODULE": "jamlik.settings.local", "DEBUG": "0", "LOG_LEVEL": "WARNING"})
    os.environ["API_THROTTLE_ANON"] = "1000000/min"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    if args.profile:
        client.get(args.profile)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(args.profile)
        profile.disable()
        pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)
        return
    print(f"{'path':55s} {'wall':>8s} {'CPU':>8s} {'queries':>8s} {'in SQL':>8s}")
    for path in PAGES + API:
        assert client.get(path).status_code == 200, path  # warm up (connection, templates)
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{path:55s} {statistics.median(times) * 1000:6.1f} ms {statistics.median(cpu) * 1000:6.1f} ms "
            f"{len(queries.captured_queries):8d} {sql:6.1f} ms",
            flush=True,
        )


if __name__ == "__main__":
    main()
