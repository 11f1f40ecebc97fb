"""Benchmark of the follow-up report compilation on a synthetic city.

Builds, in a throwaway database, a plan with N activities, organisations and periods and a given
number of approved status reports (bulk_create), then times every step of the compilation per
output format and the peak process memory (max RSS; tracemalloc would slow the timing several-fold). Run two sizes to see how
the cost grows with the number of reports:

    DJANGO_SETTINGS_MODULE=jamlik.settings.test bash scripts/with-services.sh \
        .venv/bin/python bench/compile.py --reports 50000 100000

Needs DATABASE_URL to point at a PostgreSQL server where it may create the database
`jamlik_bench` (dropped afterwards).
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings.test")


def build(*, aktiviteter: int, organisationer: int, perioder: int, rapporter: int) -> None:
    from django.utils import timezone

    from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
    from plan.choices import AktivitetTyp, OrganisationTyp, Roll
    from plan.models import Aktivitet, Aktivitetsroll, Organisation, Strategi
    from plan.selectors import plan_current
    from uppfoljning.choices import Rapporttillstand, Status
    from uppfoljning.models import Statusrapport, Uppfoljningsperiod

    load_plan_file(DEFAULT_PATH)
    plan = plan_current()
    rnd = random.Random(2021)
    orgs = Organisation.objects.bulk_create(
        Organisation(namn=f"Syntetisk nämnd {i}", slug=f"syntetisk-{i}", typ=OrganisationTyp.NAMND)
        for i in range(organisationer)
    )
    akts = Aktivitet.objects.bulk_create(
        Aktivitet(
            plan=plan,
            typ=AktivitetTyp.STYRNING,
            titel=f"Syntetisk aktivitet {i}",
            slug=f"synt-akt-{i}",
            ordning=100 + i,
        )
        for i in range(aktiviteter)
    )
    par = set()
    while len(par) < rapporter // perioder:
        par.add((rnd.randrange(aktiviteter), rnd.randrange(organisationer)))
    Aktivitetsroll.objects.bulk_create(
        (Aktivitetsroll(aktivitet=akts[a], organisation=orgs[o], roll=Roll.ANSVAR) for a, o in par), batch_size=5000
    )
    per = Uppfoljningsperiod.objects.bulk_create(
        Uppfoljningsperiod(
            plan=plan, namn=f"P{i}", slug=f"p{i}", oppnar=date(2012 + i, 11, 1), sista_dag=date(2013 + i, 1, 31)
        )
        for i in range(perioder)
    )
    statusar = list(Status.values)
    nu = timezone.now()
    for p in per:
        Statusrapport.objects.bulk_create(
            (
                Statusrapport(
                    period=p,
                    aktivitet=akts[a],
                    organisation=orgs[o],
                    status=rnd.choice(statusar),
                    tillstand=Rapporttillstand.GODKAND,
                    genomfort="Syntetiskt",
                    godkand=nu,
                )
                for a, o in par
            ),
            batch_size=5000,
        )
    strategier = list(Strategi.objects.values_list("pk", flat=True))
    Through = Statusrapport.strategier.through
    ids = Statusrapport.objects.values_list("pk", flat=True).iterator()
    Through.objects.bulk_create(
        (Through(statusrapport_id=i, strategi_id=rnd.choice(strategier)) for i in ids), batch_size=10000
    )


def measure(ar: int) -> dict[str, float]:
    from plan.selectors import plan_current
    from uppfoljning.sammanstallning import data, diagram, render

    tider: dict[str, float] = {}
    t = time.perf_counter()
    rapport = data.gather(plan=plan_current(), ar=ar)
    tider["data"] = time.perf_counter() - t
    t = time.perf_counter()
    diagram.draw_charts(rapport)
    html = render.render_html(rapport)
    tider["html"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        render.render_xlsx(rapport, Path(tmp) / "r.xlsx")
        tider["xlsx"] = time.perf_counter() - t
        t = time.perf_counter()
        render.render_pdf(html, Path(tmp) / "r.pdf")
        tider["pdf"] = time.perf_counter() - t
    tider["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return tider


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--periods", type=int, default=10)
    args = parser.parse_args()

    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = "jamlik_bench"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    rader = []
    for n in args.reports:
        with connection._nodb_cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
            cursor.execute("CREATE DATABASE jamlik_bench")
        connection.close()
        call_command("migrate", verbosity=0)
        t = time.perf_counter()
        build(aktiviteter=args.activities, organisationer=args.organisations, perioder=args.periods, rapporter=n)
        bygg = time.perf_counter() - t
        connection.close()
        tider = measure(2021)
        rader.append((n, tider))
        print(
            f"{n} reports (built in {bygg:.1f} s): " + ", ".join(f"{k} {v:.2f}" for k, v in tider.items()), flush=True
        )
        connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
    print("\n| reports | data (s) | HTML (s) | XLSX (s) | PDF (s) | total (s) | max RSS MiB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, t in rader:
        total = t["data"] + t["html"] + t["xlsx"] + t["pdf"]
        print(
            f"| {n} | {t['data']:.2f} | {t['html']:.2f} | {t['xlsx']:.2f} | {t['pdf']:.2f} | {total:.2f} "
            f"| {t['rss_mib']:.0f} |"
        )


if __name__ == "__main__":
    main()
