"""Load test: anonymous readers and reporting officials at the same time, against gunicorn and
PostgreSQL; afterwards the stored reports are counted so a lost report cannot go unnoticed.

    bash scripts/with-services.sh .venv/bin/python bench/load.py [--duration 60] [--readers 16]
        [--writers 8] [--workers 4]          (or: make bench-load)

Needs DATABASE_URL pointing at PostgreSQL (scripts/with-services.sh starts a throwaway one, and
Redis for the cache). Migrates, loads the plan and the demo data, creates --writers officials,
each with a token and an organisation of their own that takes part in every activity, and
--periods open reporting periods, so each official has periods × activities distinct
(period, aktivitet, organisation) combinations. Starts gunicorn (jamlik.wsgi, production
settings, --workers processes) on a free loopback port. Then, for --duration seconds, the
readers fetch the matrix, activity and organisation pages and the read API while the officials
create a report (POST /api/v1/statusrapporter/) and submit it (POST …/{id}/submit/).
Prints requests/s and p50/p95/p99 per class, the errors, and the database count of reports
against the number of 201s the officials got. Exits 1 on any error or lost report.

The API throttle is raised for the run (API_THROTTLE_ANON/USER): every reader comes from
127.0.0.1 and would otherwise be throttled as one client. A script, not a test: the figures go
into docs/performance.md."""

import argparse
import http.client
import itertools
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PREFIX = "lasttest"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL: bash scripts/with-services.sh .venv/bin/python bench/load.py")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jamlik.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",
    }


def create_database(url: str) -> None:
    """scripts/with-services.sh starts an empty server: create the database named in the URL."""
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    server = {"host": config["HOST"], "port": config["PORT"], "user": config["USER"], "password": config["PASSWORD"]}
    conn = psycopg2.connect(dbname="postgres", **server)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    conn.close()


def prepare(env: dict, *, writers: int, periods: int) -> tuple[list[dict], list[str]]:
    """Migrate and load data (subprocesses, like a release), then create the officials in-process."""
    create_database(env["DATABASE_URL"])
    manage = [PYTHON, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **quiet)
    subprocess.run([*manage, "load_plan"], **quiet)
    subprocess.run([*manage, "load_demo", "--force"], **quiet)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], **quiet)

    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from konto.services import api_nyckel_create
    from plan.choices import AktivitetTyp, OrganisationTyp, Roll
    from plan.models import Aktivitet, Aktivitetsroll, Medlemskap, Organisation
    from plan.selectors import plan_current
    from uppfoljning.models import Uppfoljningsperiod

    plan = plan_current()
    idag = timezone.localdate()
    period_slugs = []
    for n in range(periods):
        period, _ = Uppfoljningsperiod.objects.get_or_create(
            slug=f"{PREFIX}-{n:03d}",
            defaults={"plan": plan, "namn": f"Lasttest {n:03d}", "oppnar": idag, "sista_dag": idag + timedelta(30)},
        )
        period_slugs.append(period.slug)
    aktiviteter = list(Aktivitet.objects.filter(plan=plan).order_by("typ", "ordning"))
    officials = []
    for n in range(writers):
        org, _ = Organisation.objects.get_or_create(
            kommun=plan.program.kommun,
            slug=f"{PREFIX}-namnd-{n:02d}",
            defaults={"namn": f"Lasttestnämnd {n:02d}", "typ": OrganisationTyp.NAMND},
        )
        for aktivitet in aktiviteter:
            roll = Roll.CENTRAL_AKTOR if aktivitet.typ == AktivitetTyp.SAMVERKAN else Roll.PILOTVERKSAMHET
            Aktivitetsroll.objects.get_or_create(aktivitet=aktivitet, organisation=org, roll=roll)
        user, _ = get_user_model().objects.get_or_create(username=f"{PREFIX}-{n:02d}")
        Medlemskap.objects.get_or_create(anvandare=user, organisation=org)
        _, key = api_nyckel_create(user=user, dagar=1)
        officials.append({"token": key, "organisation": org.slug, "aktiviteter": [a.slug for a in aktiviteter]})
    return officials, period_slugs


def stored_reports() -> tuple[int, int]:
    from uppfoljning.choices import Rapporttillstand
    from uppfoljning.models import Statusrapport

    rows = Statusrapport.objects.filter(organisation__slug__startswith=f"{PREFIX}-namnd-")
    return rows.count(), rows.filter(tillstand=Rapporttillstand.INSKICKAD).count()


def reader_paths() -> list[str]:
    from plan.models import Organisation
    from samverkan.models import Samverkansaktivitet
    from uppfoljning.models import Styrningsaktivitet

    paths = ["/matris/", "/matris/?organisation=kulturnamnden", "/organisationer/", "/aktiviteter/"]
    paths += [f"/samverkansaktiviteter/{a.slug}/" for a in Samverkansaktivitet.objects.all()]
    paths += [f"/styrningsaktiviteter/{a.slug}/" for a in Styrningsaktivitet.objects.all()]
    paths += [f"/organisationer/{o.slug}/" for o in Organisation.objects.filter(roller__isnull=False).distinct()[:6]]
    paths += [
        "/api/v1/matris/",
        "/api/v1/samverkansaktiviteter/",
        "/api/v1/styrningsaktiviteter/",
        "/api/v1/organisationer/?limit=100",
        "/api/v1/statusrapporter/?period=2020",
    ]
    return paths


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"readers": [], "writers": []}
        self.errors: list[str] = []
        self.created = 0
        self.submitted = 0

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            if len(self.errors) < 20:
                print("  fel:", message, flush=True)
            self.errors.append(message)


def request(conn, recorder, kind, method, path, body=None, headers=None):
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        recorder.error(f"{method} {path}: {exc!r}")
        return None, None
    recorder.add(kind, time.perf_counter() - started)
    return response.status, data


def reader(port: int, paths: list[str], deadline: float, recorder: Recorder, offset: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path in itertools.islice(itertools.cycle(paths), offset, None):
        if time.monotonic() > deadline:
            break
        status, _ = request(conn, recorder, "readers", "GET", path)
        if status is not None and status != 200:
            recorder.error(f"GET {path}: {status}")
    conn.close()


def writer(port: int, official: dict, periods: list[str], deadline: float, recorder: Recorder) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {official['token']}", "Content-Type": "application/json"}
    for period, aktivitet in itertools.product(periods, official["aktiviteter"]):
        if time.monotonic() > deadline:
            break
        payload = {
            "period": period,
            "aktivitet": aktivitet,
            "organisation": official["organisation"],
            "status": "pagar_enligt_plan",
            "genomfort": f"Lasttest: {aktivitet} i perioden {period}.",
        }
        status, data = request(
            conn, recorder, "writers", "POST", "/api/v1/statusrapporter/", json.dumps(payload), headers
        )
        if status != 201:
            if status is not None:
                recorder.error(f"POST statusrapporter {period}/{aktivitet}: {status} {data[:200]!r}")
            continue
        with recorder.lock:
            recorder.created += 1
        rapport = json.loads(data)
        body = json.dumps({"version": rapport["version"]})
        status, data = request(
            conn, recorder, "writers", "POST", f"/api/v1/statusrapporter/{rapport['id']}/submit/", body, headers
        )
        if status == 200:
            with recorder.lock:
                recorder.submitted += 1
        elif status is not None:
            recorder.error(f"POST submit {rapport['id']}: {status} {data[:200]!r}")
    conn.close()


def summary(name: str, latencies: list[float], elapsed: float) -> str:
    if len(latencies) < 2:
        return f"{name:8s} {len(latencies)} requests"
    q = statistics.quantiles(latencies, n=100)
    return (
        f"{name:8s} {len(latencies):7d} requests {len(latencies) / elapsed:8.1f} req/s   "
        f"p50 {q[49] * 1000:7.1f} ms   p95 {q[94] * 1000:7.1f} ms   p99 {q[98] * 1000:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (bounded)")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--periods", type=int, default=150, help="reporting periods to create (combinations)")
    args = parser.parse_args()

    env = environment()
    officials, periods = prepare(env, writers=args.writers, periods=args.periods)
    before, _ = stored_reports()
    paths = reader_paths()
    port = free_port()
    gunicorn = [PYTHON, "-m", "gunicorn", "jamlik.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers)]
    server = subprocess.Popen([*gunicorn, "--log-level", "warning"], cwd=ROOT, env=env)
    recorder = Recorder()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        warmup = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in paths * args.workers:  # warm the workers' caches; not counted
            request(warmup, Recorder(), "readers", "GET", path)
        warmup.close()
        print(
            f"gunicorn -w {args.workers} (production settings) + PostgreSQL, {args.readers} readers, "
            f"{args.writers} writers, {args.duration:.0f} s, {len(paths)} reader paths, {os.cpu_count()} CPUs",
            flush=True,
        )
        started = time.perf_counter()
        deadline = time.monotonic() + args.duration
        with ThreadPoolExecutor(args.readers + args.writers) as pool:
            futures = [pool.submit(reader, port, paths, deadline, recorder, n) for n in range(args.readers)]
            futures += [pool.submit(writer, port, o, periods, deadline, recorder) for o in officials]
            for future in futures:
                future.result()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    stored, inskickade = stored_reports()
    stored -= before
    print(summary("readers", recorder.latencies["readers"], elapsed))
    print(summary("writers", recorder.latencies["writers"], elapsed))
    print(f"errors   {len(recorder.errors)}")
    print(f"reports  201 Created: {recorder.created}   stored: {stored}   lost: {recorder.created - stored}")
    print(f"submits  200 OK: {recorder.submitted}   stored as inskickad: {inskickade}")
    ok = not recorder.errors and stored == recorder.created and inskickade == recorder.submitted
    print("OK: 0 errors, 0 lost reports" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
