"""Benchmark of the reporting spreadsheet round-trip: one organisation reporting on N activities
(half of them with a draft already), the sheet downloaded, every row edited with openpyxl (status
and ~1 000 characters of text), then preview and apply through the services, as the web page does.

    DJANGO_SETTINGS_MODULE=jamlik.settings.test bash scripts/with-services.sh \
        .venv/bin/python bench/kalkylblad.py --rows 1000

Needs DATABASE_URL to point at a PostgreSQL server where it may create the database
`jamlik_bench` (dropped afterwards).
"""

import argparse
import io
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings.test")


def build(rader: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
    from plan.choices import AktivitetTyp, OrganisationTyp, Roll
    from plan.models import Aktivitet, Aktivitetsroll, Medlemskap, Organisation
    from plan.selectors import plan_current
    from uppfoljning.models import Statusrapport, Uppfoljningsperiod

    load_plan_file(DEFAULT_PATH)
    plan = plan_current()
    org = Organisation.objects.create(
        namn="Syntetisk nämnd", slug="syntetisk", typ=OrganisationTyp.NAMND, kommun=plan.program.kommun
    )
    akts = Aktivitet.objects.bulk_create(
        Aktivitet(
            plan=plan, typ=AktivitetTyp.STYRNING, titel=f"Syntetisk aktivitet {i}", slug=f"synt-{i}", ordning=100 + i
        )
        for i in range(rader)
    )
    Aktivitetsroll.objects.bulk_create(Aktivitetsroll(aktivitet=a, organisation=org, roll=Roll.ANSVAR) for a in akts)
    idag = timezone.localdate()
    period = Uppfoljningsperiod.objects.create(
        plan=plan, namn="Bench", slug="bench", oppnar=idag - timedelta(days=10), sista_dag=idag + timedelta(days=30)
    )
    Statusrapport.objects.bulk_create(
        Statusrapport(period=period, aktivitet=a, organisation=org, status="ej_paborjad", genomfort="Utkast.")
        for a in akts[: rader // 2]
    )
    user = get_user_model().objects.create_user("bench", password="bench-losen-123")
    Medlemskap.objects.create(anvandare=user, organisation=org)
    return user, period


def run(rader: int) -> dict:
    from openpyxl import load_workbook

    from uppfoljning.models import Statusrapport
    from uppfoljning.services import kalkylblad as services

    user, period = build(rader)
    tider = {}
    t = time.perf_counter()
    data = services.kalkylblad_export(user=user, period=period)
    tider["export"] = time.perf_counter() - t
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Rapporter"]
    text = ("Arbetet har fortsatt enligt plan med fler deltagare. " * 20)[:1000]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 8).value = "Pågår enligt plan"
        ws.cell(row, 9).value = f"{text} ({row})"
    buffer = io.BytesIO()
    wb.save(buffer)
    tider["filstorlek_kib"] = len(buffer.getvalue()) / 1024
    t = time.perf_counter()
    forhandsvisning = services.kalkylblad_preview(user=user, period=period, data=buffer.getvalue())
    tider["preview"] = time.perf_counter() - t
    assert forhandsvisning.kan_verkstallas, forhandsvisning.fel or [r.fel for r in forhandsvisning.rader if r.fel][:3]
    t = time.perf_counter()
    antal = services.kalkylblad_apply(user=user, period=period, rader=forhandsvisning.as_data())
    tider["apply"] = time.perf_counter() - t
    assert antal == rader == Statusrapport.objects.filter(period=period, status="pagar_enligt_plan").count()
    return tider


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000])
    args = parser.parse_args()

    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = "jamlik_bench"
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    resultat = []
    for n in args.rows:
        with connection._nodb_cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
            cursor.execute("CREATE DATABASE jamlik_bench")
        connection.close()
        call_command("migrate", verbosity=0)
        tider = run(n)
        resultat.append((n, tider))
        print(f"{n} rows: " + ", ".join(f"{k} {v:.2f}" for k, v in tider.items()), flush=True)
        connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
    print("\n| rows | file (KiB) | export (s) | preview (s) | apply (s) | upload to saved (s) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, t in resultat:
        print(
            f"| {n} | {t['filstorlek_kib']:.0f} | {t['export']:.2f} | {t['preview']:.2f} | {t['apply']:.2f} "
            f"| {t['preview'] + t['apply']:.2f} |"
        )


if __name__ == "__main__":
    main()
