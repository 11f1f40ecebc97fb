"""Benchmark of importing indicator values: KPIs × areas × 20 years × 3 genders through the CSV
path (parse, validate every row, preview, apply with bulk_create, re-run unchanged) and through the
Kolada path (the client against a local Kolada stand-in on loopback, then the same upsert).

    DJANGO_SETTINGS_MODULE=jamlik.settings.test bash scripts/with-services.sh \
        .venv/bin/python bench/indikatorer.py --kpis 10 100

Each size runs in its own process (so max RSS is that size's), in a throwaway PostgreSQL database
`jamlik_bench` (dropped afterwards). 100 KPIs × 100 areas × 20 years × 3 genders = 600 000 values.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings.test")

AR = list(range(2003, 2023))  # 20 years: the plan 2019–2022 and 16 years before it
KON = ["T", "K", "M"]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(kpis: int, omraden: int):
    from indikatorer.choices import Kalla, Niva
    from indikatorer.models import Indikator, Omrade
    from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
    from plan.selectors import plan_current

    load_plan_file(DEFAULT_PATH)
    plan = plan_current()
    kommun = plan.program.kommun
    Omrade.objects.bulk_create(
        Omrade(
            kommun=kommun,
            namn=f"Område {i}",
            slug=f"o{i}",
            kod=f"O{i:04}",
            kolada_id=f"{1000 + i}",
            niva=Niva.STADSOMRADE,
        )
        for i in range(omraden)
    )
    indikatorer = Indikator.objects.bulk_create(
        Indikator(
            kommun=kommun,
            namn=f"KPI {i}",
            slug=f"k{i}",
            kolada_kpi=f"N{i:05}",
            enhet="procent",
            kalla=Kalla.KOLADA,
            konsuppdelad=True,
        )
        for i in range(kpis)
    )
    for ind in indikatorer:
        ind.planer.add(plan)
    return plan


def csv_fil(kpis: int, omraden: int, forskjutning: float = 0.0) -> bytes:
    rader = ["indikator;omrade;ar;kon;varde"]
    rader += [
        f"N{k:05};O{o:04};{a};{kon};{(k * 31 + o * 7 + a + ord(kon)) % 1000 / 10 + forskjutning:.1f}".replace(".", ",")
        for k in range(kpis)
        for o in range(omraden)
        for a in AR
        for kon in KON
    ]
    return ("\n".join(rader) + "\n").encode()


def kolada_server(kpis: int, omraden: int):
    from tests.indikatorer.kolada_server import KoladaServer, rad

    server = KoladaServer().__enter__()
    ids = ",".join(sorted(str(1000 + o) for o in range(omraden)))
    ar = ",".join(map(str, AR))
    for k in range(kpis):
        sokvag = f"data/kpi/N{k:05}/municipality/{ids}/year/{ar}"
        varden = [
            rad(f"N{k:05}", str(1000 + o), a, *[(kon, (k * 13 + o * 3 + a + ord(kon)) % 1000 / 10, "") for kon in KON])
            for o in range(omraden)
            for a in AR
        ]
        server.satt(sokvag, server.sida(sokvag, varden))
        server.satt(f"kpi/N{k:05}", ("json", {"count": 1, "values": [{"id": f"N{k:05}", "description": "Bänk."}]}))
    return server


def measure(kpis: int, omraden: int) -> dict:
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = "jamlik_bench"
    settings.INDIKATORER_JAMFORELSEAR = 16
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
        cursor.execute("CREATE DATABASE jamlik_bench")
    connection.close()
    call_command("migrate", verbosity=0)
    from indikatorer.kolada import Klient
    from indikatorer.models import Varde
    from indikatorer.services.kolada import kolada_hamta
    from indikatorer.services.statistik import statistik_apply, statistik_preview
    from jamlik.actors import SYSTEM

    plan = build(kpis, omraden)
    resultat = {"values": kpis * omraden * len(AR) * len(KON)}
    fil = csv_fil(kpis, omraden)
    resultat["file_mib"] = len(fil) / 2**20
    t = time.perf_counter()
    forhand = statistik_preview(user=SYSTEM, plan=plan, data=fil, filnamn="b.csv")
    resultat["preview_s"] = time.perf_counter() - t
    assert not forhand.fel and forhand.utfall.nya == resultat["values"]
    del forhand
    t = time.perf_counter()
    inl = statistik_apply(user=SYSTEM, plan=plan, data=fil, filnamn="b.csv")
    resultat["apply_s"] = time.perf_counter() - t
    assert inl.antal_nya == resultat["values"] == Varde.objects.count()
    t = time.perf_counter()
    inl = statistik_apply(user=SYSTEM, plan=plan, data=fil, filnamn="b.csv")
    resultat["rerun_s"] = time.perf_counter() - t
    assert inl.antal_nya == inl.antal_andrade == 0
    andrad = csv_fil(kpis, omraden, forskjutning=0.1)
    t = time.perf_counter()
    inl = statistik_apply(user=SYSTEM, plan=plan, data=andrad, filnamn="b.csv")
    resultat["update_all_s"] = time.perf_counter() - t
    assert inl.antal_andrade == resultat["values"]
    resultat["csv_rss_mib"] = rss_mib()

    Varde.objects.all().delete()
    server = kolada_server(kpis, omraden)
    try:
        klient = Klient(bas=server.bas, timeout=60, forsok=0, per_sida=5000)
        t = time.perf_counter()
        inl = kolada_hamta(user=SYSTEM, ar=AR, klient=klient)
        resultat["kolada_s"] = time.perf_counter() - t
        assert inl.antal_nya == resultat["values"], inl.antal_nya
        t = time.perf_counter()
        inl = kolada_hamta(user=SYSTEM, ar=AR, klient=klient)
        resultat["kolada_rerun_s"] = time.perf_counter() - t
        assert inl.antal_nya == inl.antal_andrade == 0
    finally:
        server.__exit__()
    resultat["rss_mib"] = rss_mib()
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
    return resultat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kpis", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--areas", type=int, default=100)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.kpis[0], args.areas)))
        return
    rader = []
    for n in args.kpis:
        ut = subprocess.run(
            [sys.executable, __file__, "--one", "--kpis", str(n), "--areas", str(args.areas)],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(ut.stdout.strip().splitlines()[-1])
        rader.append(r)
        print(n, "KPIs:", r, flush=True)
    print(
        "\n| values | CSV file | preview | apply (validate + bulk_create) | re-run, unchanged | every value changed "
        "| CSV max RSS | Kolada fetch | Kolada re-run | max RSS |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rader:
        print(
            f"| {r['values']:,} | {r['file_mib']:.1f} MiB | {r['preview_s']:.1f} s | {r['apply_s']:.1f} s | "
            f"{r['rerun_s']:.1f} s | {r['update_all_s']:.1f} s | {r['csv_rss_mib']:.0f} MiB | {r['kolada_s']:.1f} s | "
            f"{r['kolada_rerun_s']:.1f} s | {r['rss_mib']:.0f} MiB |"
        )


if __name__ == "__main__":
    main()
