"""Load-test the strategy matrix page against gunicorn, next to a static file as the baseline.

    .venv/bin/python bench/matris.py [--requests 2000] [--concurrency 8]

Uses DATABASE_URL if set, otherwise a fresh SQLite database in a temporary folder (migrated and
loaded with the plan). gunicorn listens on 127.0.0.1 on a free port; a bounded thread-pool client
sends a fixed number of requests (loopback only) and prints requests/s and p50/p95/p99 latency.
A script, not a test: the figures go into docs/performance.md."""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(port: int, path: str, requests: int, concurrency: int) -> dict:
    def worker(n: int) -> list[float]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        times = []
        for _ in range(n):
            start = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            times.append(time.perf_counter() - start)
        connection.close()
        return times

    per_worker = [requests // concurrency] * concurrency
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = sorted(t for times in pool.map(worker, per_worker) for t in times)
    elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="jamlik-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jamlik.settings.local",
        "DEBUG": "0",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_plan"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "jamlik.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        print(
            f"gunicorn -w {args.workers}, {args.requests} requests, concurrency {args.concurrency}, {env['DATABASE_URL'].split(':')[0]}"
        )
        for name, path in (
            ("static file (baseline)", "/static/css/portal.css"),
            ("/matris/", "/matris/"),
            ("/matris/?organisation=kulturnamnden", "/matris/?organisation=kulturnamnden"),
        ):
            run(port, path, min(200, args.requests), args.concurrency)  # warm up (and fill the cache)
            r = run(port, path, args.requests, args.concurrency)
            print(
                f"{name:40s} {r['rps']:8.0f} req/s   p50 {r['p50']:6.1f} ms   p95 {r['p95']:6.1f} ms   p99 {r['p99']:6.1f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
