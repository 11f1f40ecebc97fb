"""Public pages and API lists against gunicorn, measured with wrk (a C load generator), next to a
bare WSGI application on the same gunicorn in the same run.

    make bench-wrk     (= bash scripts/with-services.sh .venv/bin/python bench/wrk.py)
    … bench/wrk.py [--duration 5] [--connections 8] [--workers 2] [--only /matris/]

Needs DATABASE_URL (PostgreSQL) and REDIS_URL (scripts/with-services.sh starts both, empty). Creates
the database, migrates, loads the plan, the demo reports and evaluations, collects the static files
(fingerprinted, as in production) and starts three servers, each `gunicorn -w WORKERS`:

  1. bench/bare.py: a WSGI callable returning 20 kB of fixed bytes — the server's own ceiling,
     measured again before every few rows (--every) so each share compares like with like;
  2. the portal (production settings, DEBUG off, Redis cache): every path warmed once, then
     measured as a cache hit; a few also as a 304 (If-None-Match with the page's ETag); a
     fingerprinted static file through WhiteNoise;
  3. the portal with the response cache switched off (PUBLIC_CACHE=0): every path rendered on each
     request — a miss as after an approval, which bumps the published version but not the plan's:
     the parts that show only plan data (jamlik/ops/fragments.py) and the matrix content come from
     their caches under the plan-data version, and an activity's follow-up from its own (as after
     an approval in another activity; bench/render.py --after-approval measures the approved one's);
  4. the portal with those switched off too (PLAN_FRAGMENT_CACHE=0): a cold miss, as after a change
     to the plan itself (the matrix's content cache still works: it is keyed by the published version).

For each: `wrk -t1 -cCONNECTIONS -dDURATIONs --latency`, prints req/s, p50, p99, the share of the
bare app's req/s and any non-2xx/3xx answers or socket errors (exit 1 if any). Loopback only,
bounded in time. A script, not a test: the figures go into docs/performance.md."""

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT / "bench"))

from load import create_database, free_port  # noqa: E402 (bench/ is not a package)

PAGES = [
    "/",
    "/om-planen/",
    "/matris/",
    "/matris/?organisation=kulturnamnden",
    "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
    "/strategier/minska-boendesegregationen/",
    "/organisationer/",
    "/organisationer/kulturnamnden/",
    "/aktiviteter/",
    "/aktiviteter/?organisation=kulturnamnden",
    "/samverkansaktiviteter/familjecentrerat-arbetssatt/",
    "/styrningsaktiviteter/integrera-jamlikhet/",
    "/sok/?q=bibliotek",
    "/uppfoljning/processutvarderingar/",
    "/planer/",
]
API = [
    "/api/v1/planer/",
    "/api/v1/malomraden/",
    "/api/v1/strategier/",
    "/api/v1/forutsattningar/",
    "/api/v1/organisationer/",
    "/api/v1/styrande-dokument/",
    "/api/v1/samverkansaktiviteter/",
    "/api/v1/matris/",
    "/api/v1/styrningsaktiviteter/",
    "/api/v1/uppfoljningsperioder/",
    "/api/v1/statusrapporter/?period=2021",
    "/api/v1/processutvarderingar/",
]
CONDITIONAL = ["/", "/matris/", "/samverkansaktiviteter/familjecentrerat-arbetssatt/", "/api/v1/organisationer/"]


def environment() -> dict:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Needs PostgreSQL and Redis: bash scripts/with-services.sh .venv/bin/python bench/wrk.py")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: make bench-wrk installs it (Debian package wrk)")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jamlik.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "0",
        "API_THROTTLE_ANON": "1000000/min",  # every wrk connection is 127.0.0.1
        "API_THROTTLE_USER": "1000000/min",  # DRF's user throttle counts anonymous clients too
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",
    }


def prepare(env: dict) -> None:
    create_database(env["DATABASE_URL"])
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_plan"],
        ["load_demo", "--force"],
        ["load_demo_utvardering", "--force"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([PYTHON, "manage.py", *command], **quiet)


@contextmanager
def gunicorn(app: str, env: dict, workers: int):
    port = free_port()
    command = [PYTHON, "-m", "gunicorn", app, "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def wrk(port: int, path: str, args, headers: dict | None = None) -> dict:
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    text = out.stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0) + (1 if socket_errors else 0),
    }


class Table:
    """Prints rows; each share is against the bare app measured just before (every --every rows),
    so a machine whose load changes during the run (other work on it) skews the shares less."""

    def __init__(self, args, bare_port: int):
        self.args, self.bare_port = args, bare_port
        self.baseline, self.rows, self.errors = None, 0, 0

    def row(self, label: str, mode: str, result: dict) -> None:
        if self.rows % self.args.every == 0:
            self.baseline = wrk(self.bare_port, "/", self.args)["rps"]
            print(f"| bare WSGI app, 20 kB | baseline | {self.baseline:8.0f} | | | 100 % |", flush=True)
        self.rows += 1
        self.errors += result["errors"]
        share = 100 * result["rps"] / self.baseline
        errors = f"   {result['errors']} ERRORS" if result["errors"] else ""
        print(
            f"| `{label}` | {mode} | {result['rps']:8.0f} | {result['p50']:6.2f} ms | {result['p99']:6.2f} ms "
            f"| {share:5.1f} % |{errors}",
            flush=True,
        )


def warm(port: int, path: str, workers: int) -> http.client.HTTPResponse:
    for _ in range(workers * 2):  # fill the cache (and each worker's connections)
        fetch(port, path)
    return fetch(port, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per path (bounded)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--every", type=int, default=4, help="measure the bare app again every N rows")
    parser.add_argument("--only", action="append", help="measure only these paths (repeatable)")
    args = parser.parse_args()
    paths = args.only or PAGES + API
    env = environment()
    prepare(env)
    print(
        f"gunicorn -w {args.workers}, production settings, PostgreSQL + Redis, wrk -t1 -c{args.connections} "
        f"-d{args.duration}s per path, {os.cpu_count()} CPUs, load average before: {os.getloadavg()[0]:.1f}\n"
    )
    print("| path | mode | req/s | p50 | p99 | share of bare app |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    bare_env = {**env, "PYTHONPATH": str(ROOT / "bench")}
    with (
        gunicorn("bare:application", bare_env, args.workers) as bare,
        gunicorn("jamlik.wsgi", env, args.workers) as cached,
        gunicorn("jamlik.wsgi", {**env, "PUBLIC_CACHE": "0"}, args.workers) as uncached,
        gunicorn("jamlik.wsgi", {**env, "PUBLIC_CACHE": "0", "PLAN_FRAGMENT_CACHE": "0"}, args.workers) as cold,
    ):
        assert fetch(bare, "/").headers["Content-Length"] == str(20 * 1024)
        wrk(bare, "/", argparse.Namespace(connections=args.connections, duration=1))  # warm up
        table = Table(args, bare)
        start = http.client.HTTPConnection("127.0.0.1", cached, timeout=30)
        start.request("GET", "/")
        html = start.getresponse().read().decode()
        start.close()
        static = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html).group(1)
        response = fetch(cached, static)
        assert "immutable" in response.headers["Cache-Control"], response.headers["Cache-Control"]
        table.row(static, "static (WhiteNoise)", wrk(cached, static, args))
        for path in paths:
            response = warm(cached, path, args.workers)
            assert (response.status, response.headers["X-Cache"]) == (200, "hit"), (path, response.status)
            table.row(path, "hit", wrk(cached, path, args))
        for path in [p for p in CONDITIONAL if p in paths]:
            etag = fetch(cached, path).headers["ETag"]
            assert fetch(cached, path, {"If-None-Match": etag}).status == 304, path
            table.row(path, "304", wrk(cached, path, args, {"If-None-Match": etag}))
        for path in paths:
            response = warm(uncached, path, args.workers)
            assert response.status == 200 and response.headers.get("X-Cache") is None, (path, response.status)
            table.row(path, "miss (after an approval)", wrk(uncached, path, args))
        for path in paths:
            response = warm(cold, path, args.workers)
            assert response.status == 200 and response.headers.get("X-Cache") is None, (path, response.status)
            table.row(path, "cold miss (after a plan change)", wrk(cold, path, args))
    print(f"\nerrors: {table.errors}, load average after: {os.getloadavg()[0]:.1f}")
    sys.exit(1 if table.errors else 0)


if __name__ == "__main__":
    main()
