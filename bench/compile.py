"""Benchmark of the follow-up report compilation on a synthetic city.

Builds, in a throwaway database, a plan with N activities, organisations and periods and a given
number of approved status reports (bulk_create), then times every step of the compilation per
output format and the peak process memory (max RSS; tracemalloc would slow the timing several-fold). Run two sizes to see how
the cost grows with the number of reports:

    DJANGO_SETTINGS_MODULE=jamlik.settings.test bash scripts/with-services.sh \
        .venv/bin/python bench/compile.py --reports 50000 100000

`--scale 1 10 100` instead times the real plan fully reported, and cities 10 and 100 times its
size: the plan's own activities and roles (scale 1), plus for a larger city as many more
organisations and activities with roles in proportion; every expected organisation reports
every period (2019–2021) with an approved account of realistic length (what was done, obstacles,
next steps, strategies) and every activity has the samordnare's overall status and summary.

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


TEXT = (
    "Arbetet har fortsatt enligt plan under perioden. Vi har genomfört gemensamma träffar med "
    "samverkansparterna, tagit fram en lägesbild för stadsområdet och prövat nya arbetssätt "
    "tillsammans med civilsamhället. Resultaten följs upp med enkäter och intervjuer. "
)


def build_scale(*, skala: int) -> int:
    """The real plan, every expected organisation reporting every period with a full account;
    for skala > 1 a city that many times larger (organisations, activities, roles). Returns the
    number of approved reports."""
    from django.utils import timezone

    from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
    from plan.choices import AktivitetTyp, OrganisationTyp, Roll
    from plan.models import Aktivitet, Aktivitetsroll, Organisation, Strategi
    from plan.selectors import plan_current
    from uppfoljning.choices import Rapporttillstand, Status
    from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod
    from uppfoljning.selectors.rapportering import forvantade_par

    load_plan_file(DEFAULT_PATH)
    plan = plan_current()
    rnd = random.Random(2021)
    kommun = plan.program.kommun
    bas_akt = Aktivitet.objects.filter(plan=plan).count()
    bas_org = Organisation.objects.filter(kommun=kommun).count()
    bas_roller = Aktivitetsroll.objects.filter(aktivitet__plan=plan).count()
    if skala > 1:
        orgs = Organisation.objects.bulk_create(
            Organisation(kommun=kommun, namn=f"Syntetisk nämnd {i}", slug=f"syntetisk-{i}", typ=OrganisationTyp.NAMND)
            for i in range(bas_org * (skala - 1))
        )
        akts = Aktivitet.objects.bulk_create(
            Aktivitet(
                plan=plan,
                typ=AktivitetTyp.STYRNING,
                titel=f"Syntetisk aktivitet {i}",
                slug=f"synt-akt-{i}",
                ordning=100 + i,
            )
            for i in range(bas_akt * (skala - 1))
        )
        per_akt = max(1, round(bas_roller / bas_akt))
        Aktivitetsroll.objects.bulk_create(
            (
                Aktivitetsroll(aktivitet=a, organisation=o, roll=Roll.ANSVAR)
                for a in akts
                for o in rnd.sample(orgs, min(per_akt, len(orgs)))
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )
    perioder = Uppfoljningsperiod.objects.bulk_create(
        Uppfoljningsperiod(plan=plan, namn=str(ar), slug=str(ar), oppnar=date(ar, 11, 1), sista_dag=date(ar + 1, 1, 31))
        for ar in (2019, 2020, 2021)
    )
    statusar = list(Status.values)
    nu = timezone.now()
    par = forvantade_par(plan=plan, perioder=perioder)
    for p in perioder:
        Statusrapport.objects.bulk_create(
            (
                Statusrapport(
                    period=p,
                    aktivitet_id=a,
                    organisation_id=o,
                    status=rnd.choice(statusar),
                    tillstand=Rapporttillstand.GODKAND,
                    genomfort=TEXT * 3,
                    hinder=TEXT,
                    nasta_steg=TEXT * 2,
                    godkand=nu,
                )
                for a, o in par[p.pk]
            ),
            batch_size=5000,
        )
        Aktivitetsstatus.objects.bulk_create(
            Aktivitetsstatus(period=p, aktivitet=a, status=rnd.choice(statusar), sammanfattning=TEXT * 2)
            for a in Aktivitet.objects.filter(plan=plan)
        )
    strategier = list(Strategi.objects.values_list("pk", flat=True))
    Through = Statusrapport.strategier.through
    ids = Statusrapport.objects.values_list("pk", flat=True).iterator()
    Through.objects.bulk_create(
        (Through(statusrapport_id=i, strategi_id=s) for i in ids for s in rnd.sample(strategier, 2)),
        batch_size=10000,
        ignore_conflicts=True,
    )
    return Statusrapport.objects.count()


def measure(ar: int) -> dict[str, float]:
    from plan.selectors import plan_current
    from uppfoljning.sammanstallning import data, diagram, kapitel, render, word

    tider: dict[str, float] = {}
    t = time.perf_counter()
    rapport = data.gather(plan=plan_current(), ar=ar)
    tider["data"] = time.perf_counter() - t
    t = time.perf_counter()
    diagram.draw_charts(rapport)
    dok = kapitel.dokument(rapport)
    html = render.render_html(dok)
    tider["html"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        render.render_xlsx(dok, Path(tmp) / "r.xlsx")
        tider["xlsx"] = time.perf_counter() - t
        t = time.perf_counter()
        word.render_docx(dok, Path(tmp) / "r.docx")
        tider["docx"] = time.perf_counter() - t
        t = time.perf_counter()
        render.render_pdf(html, Path(tmp) / "r.pdf")
        tider["pdf"] = time.perf_counter() - t
        tider["pages"] = _pages(Path(tmp) / "r.pdf")
    tider["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return tider


def _pages(path: Path) -> float:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return float(len(pdf.pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--scale", type=int, nargs="+", help="the real plan fully reported, times these factors")
    args = parser.parse_args()

    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = "jamlik_bench"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    rader = []
    for n in args.scale or args.reports:
        with connection._nodb_cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
            cursor.execute("CREATE DATABASE jamlik_bench")
        connection.close()
        call_command("migrate", verbosity=0)
        t = time.perf_counter()
        if args.scale:
            skala = n
            n = build_scale(skala=skala)
            print(f"scale {skala}: {n} approved reports", flush=True)
        else:
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
    print(
        "\n| reports | data (s) | chapters + HTML (s) | XLSX (s) | DOCX (s) | PDF (s) | total (s) | PDF pages | max RSS MiB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, t in rader:
        total = t["data"] + t["html"] + t["xlsx"] + t["docx"] + t["pdf"]
        print(
            f"| {n} | {t['data']:.2f} | {t['html']:.2f} | {t['xlsx']:.2f} | {t['docx']:.2f} | {t['pdf']:.2f} "
            f"| {total:.2f} | {t['pages']:.0f} | {t['rss_mib']:.0f} |"
        )


if __name__ == "__main__":
    main()
