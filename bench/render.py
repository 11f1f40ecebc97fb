"""Server time of the public pages on a cache miss, in-process (no HTTP, no load generator): for each
path the median of --repeat renders with the response cache off, its SQL queries and the time
spent in them. Wall time and this process's CPU time: on a machine shared with other work the CPU
time is the steadier figure. The figures the issue's "≤ 5 ms on a miss" goal is about: by default a
miss as after an approval elsewhere (the parts showing only plan data, and each activity's follow-up,
from their caches, warmed by the first request), with --after-approval as right after an approval in
the activity shown (every activity's follow-up rendered again), with --cold as after a change to the
plan (rendered in full).

    bash scripts/with-services.sh .venv/bin/python bench/render.py [--repeat 30] [--cold | --after-approval] [--profile /matris/ [--as USERNAME]]
        [--logged-in 100]

Needs DATABASE_URL (PostgreSQL; scripts/with-services.sh starts an empty one): creates the
database, migrates, loads the plan and the demo data (real plan size). --profile prints cProfile's
top functions for one path (with --logged-in N: at N× data). --logged-in N measures the logged-in reporting pages (Mina rapporter,
the report list, completeness, the report form) as the demo users, before and after adding N
organisations that take part in every activity, each with a report in the open period (N=100: about
a hundred times the demo's reports), and says whether the query counts stayed the same: by default
as while nothing changed (the lists kept per reader), with --after-approval as right after an
approval in one of the plan's activities (every list read again; the other reports' rows, the users'
profiles and the form's fields still kept), with --cold with nothing kept but the profiles. A script, not a test: the figures go into docs/performance.md."""

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
    parser.add_argument("--logged-in", type=int, metavar="N", help="logged-in pages before and after N× data")
    parser.add_argument("--cold", action="store_true", help="plan-data fragments off too (a miss after a plan change)")
    parser.add_argument(
        "--after-approval",
        action="store_true",
        help="bump the follow-up before each request: every activity's follow-up rendered (as right after an approval in it)",
    )
    parser.add_argument("--paths", nargs="*", metavar="USER:PATH", help="measure these paths as these demo users")
    parser.add_argument("--sql", action="store_true", help="with --profile: print the path's SQL queries first")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", help="with --profile: profile as this demo user")
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
    settings.PLAN_FRAGMENT_CACHE = not args.cold
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    if args.paths:
        from django.contrib.auth import get_user_model

        for spec in args.paths:
            username, path = spec.split(":", 1)
            client.force_login(get_user_model().objects.get(username=username))
            wall, cpu, queries = measure(client, path, args.repeat)
            print(f"{username:22s} {path:45s} {wall:6.1f} ms {cpu:6.1f} ms {queries:4d} queries", flush=True)
        return
    if args.logged_in and args.profile:
        grow(args.logged_in)
    elif args.logged_in:
        logged_in(client, args)
        return
    if args.profile:
        if args.as_user:
            from django.contrib.auth import get_user_model

            client.force_login(get_user_model().objects.get(username=args.as_user))
        for _ in range(3):  # warm up: imports, URL resolvers, templates, caches
            client.get(args.profile)
        if args.sql:
            where = []

            def timed(execute, sql, *rest):
                start = time.perf_counter()
                try:
                    return execute(sql, *rest)
                finally:
                    ms = (time.perf_counter() - start) * 1000
                    where.append(f"{ms:6.2f} ms  {caller()}")
                    if os.environ.get("EXPLAIN") and ms > float(os.environ["EXPLAIN"]):  # the plan of a slow query
                        with connection.connection.cursor() as cursor:  # the driver's: no wrapper
                            cursor.execute("EXPLAIN ANALYZE " + sql, *rest[:1])
                            where.extend("        " + row[0] for row in cursor.fetchall())

            with connection.execute_wrapper(timed):
                client.get(args.profile)
            for line in where:
                print(line)
            print(f"{len(where)} queries\n")
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(args.profile)
        profile.disable()
        if os.environ.get("PROFILE_DUMP"):
            profile.dump_stats(os.environ["PROFILE_DUMP"])
        pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)
        return
    from jamlik.ops.published import published_version_bump

    def before_request() -> None:
        if args.after_approval:  # a follow-up write of no one activity: every activity's part is stale
            published_version_bump(plan_data=False)

    print(f"{'path':55s} {'wall':>8s} {'CPU':>8s} {'queries':>8s} {'in SQL':>8s}")
    for path in PAGES + API:
        assert client.get(path).status_code == 200, path  # warm up (connection, templates)
        times, cpu = [], []
        for _ in range(args.repeat):
            before_request()
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        before_request()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{path:55s} {statistics.median(times) * 1000:6.1f} ms {statistics.median(cpu) * 1000:6.1f} ms "
            f"{len(queries.captured_queries):8d} {sql:6.1f} ms",
            flush=True,
        )


def caller() -> str:
    """The project's innermost frames that led to a query (for --sql)."""
    import traceback

    frames = [
        f"{Path(f.filename).relative_to(ROOT)}:{f.lineno} {f.name}"
        for f in traceback.extract_stack()
        if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename and "/bench/" not in f.filename
    ]
    return " < ".join(reversed(frames[-3:]))


def measure(client, path: str, repeat: int, before_request=lambda: None) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200, path
    times, cpu = [], []
    for _ in range(repeat):
        before_request()
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    before_request()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times) * 1000, statistics.median(cpu) * 1000, len(queries.captured_queries)


def logged_in(client, args) -> None:
    from django.contrib.auth import get_user_model

    from uppfoljning.models import Statusrapport

    users = {u.username: u for u in get_user_model().objects.all()}
    tjansteperson = users["tjansteperson"]
    egen = Statusrapport.objects.filter(organisation__medlemskap__anvandare=tjansteperson, tillstand="utkast").first()
    pages = [
        ("tjansteperson", "/rapportering/"),
        ("tjansteperson", "/rapportering/statusrapporter/"),
        ("tjansteperson", f"/rapportering/statusrapporter/{egen.pk}/andra/"),
        ("samordnare", "/rapportering/kompletthet/"),
        ("stadsledningskontoret", "/rapportering/statusrapporter/"),
        ("stadsledningskontoret", "/rapportering/kompletthet/"),
    ]

    from jamlik.ops.published import published_version_bump

    aktivitet_id = egen.aktivitet_id

    def before_request() -> None:
        if args.after_approval:  # as after an approval in one activity: every kept list is stale
            published_version_bump(plan_data=False, aktivitet_id=aktivitet_id)

    def run(label: str) -> list[int]:
        counts = []
        for username, path in pages:
            client.force_login(users[username])
            wall, cpu, queries = measure(client, path, args.repeat, before_request)
            counts.append(queries)
            print(f"{label:8s} {username:22s} {path:45s} {wall:6.1f} ms {cpu:6.1f} ms {queries:4d} queries", flush=True)
        return counts

    print(f"{'data':8s} {'user':22s} {'path':45s} {'wall':>9s} {'CPU':>9s}")
    before = run("demo")
    reports = Statusrapport.objects.count()
    grow(args.logged_in)
    print(f"\nadded {args.logged_in} organisations: {reports} → {Statusrapport.objects.count()} reports\n")
    after = run(f"{args.logged_in}×")
    print("\nquery counts " + ("constant" if before == after else f"CHANGED: {before} → {after}"))


def grow(n: int) -> None:
    """N organisations that take part in every activity of the open period, each with a report, and
    tjansteperson a member of all of them."""
    from django.contrib.auth import get_user_model

    from plan.choices import AktivitetTyp, OrganisationTyp, Roll
    from plan.models import Aktivitet, Aktivitetsroll, Medlemskap, Organisation
    from uppfoljning.models import Statusrapport, Uppfoljningsperiod

    tjansteperson = get_user_model().objects.get(username="tjansteperson")
    period = Uppfoljningsperiod.objects.get(slug="2021")
    aktiviteter = list(Aktivitet.objects.filter(plan=period.plan))
    for i in range(n):
        org = Organisation.objects.create(
            kommun=period.plan.program.kommun,
            namn=f"Mätnämnd {i:03d}",
            slug=f"matnamnd-{i:03d}",
            typ=OrganisationTyp.NAMND,
        )
        Medlemskap.objects.create(anvandare=tjansteperson, organisation=org)
        Aktivitetsroll.objects.bulk_create(
            Aktivitetsroll(
                aktivitet=a,
                organisation=org,
                roll=Roll.CENTRAL_AKTOR if a.typ == AktivitetTyp.SAMVERKAN else Roll.PILOTVERKSAMHET,
            )
            for a in aktiviteter
        )
        Statusrapport.objects.bulk_create(
            Statusrapport(
                period=period, aktivitet=a, organisation=org, status="pagar_enligt_plan", genomfort="Mätning."
            )
            for a in aktiviteter
        )
    from django.db import connection

    with connection.cursor() as cursor:  # statistics, as autovacuum keeps them on a live database
        cursor.execute("ANALYZE")
    from jamlik.ops.published import published_version_bump

    published_version_bump()  # bulk_create sends no signal: what was cached of the demo's data is old


if __name__ == "__main__":
    main()
