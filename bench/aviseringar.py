"""Benchmark of reminders: record and send N e-mail reminders (default 10 000).

Builds, in a throwaway database, one open period and N officials (10 per organisation, each
organisation with a role in an activity, none has reported), then times what the planägare's
"Påminn alla" does: finding who is missing (the one definition of who must report), recording one
notice per person in their language, and sending them all through Django's SMTP backend to a real
SMTP server on loopback (aiosmtpd, in this process). Then it runs the reminder again to show that
nothing is recorded or sent twice.

    DJANGO_SETTINGS_MODULE=jamlik.settings.test bash scripts/with-services.sh \
        .venv/bin/python bench/aviseringar.py --users 10000

Needs DATABASE_URL to point at a PostgreSQL server where it may create the database
`jamlik_bench` (dropped afterwards).
"""

import argparse
import os
import socket
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamlik.settings.test")


class Raknare:
    def __init__(self):
        self.antal = 0

    async def handle_DATA(self, server, session, envelope):
        self.antal += 1
        return "250 OK"


def build(anvandare: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
    from plan.choices import OrganisationTyp, Roll
    from plan.models import Aktivitet, Aktivitetsroll, Medlemskap, Organisation
    from plan.selectors import plan_current
    from uppfoljning.models import Uppfoljningsperiod

    load_plan_file(DEFAULT_PATH)
    plan = plan_current()
    idag = timezone.localdate()
    period = Uppfoljningsperiod.objects.create(
        plan=plan, namn="Bench", slug="bench", oppnar=idag - timedelta(days=30), sista_dag=idag + timedelta(days=3)
    )
    antal_org = max(1, anvandare // 10)
    orgs = Organisation.objects.bulk_create(
        Organisation(
            kommun=plan.program.kommun, namn=f"Syntetisk nämnd {i}", slug=f"syntetisk-{i}", typ=OrganisationTyp.NAMND
        )
        for i in range(antal_org)
    )
    aktivitet = Aktivitet.objects.filter(plan=plan).first()
    Aktivitetsroll.objects.bulk_create(
        (Aktivitetsroll(aktivitet=aktivitet, organisation=o, roll=Roll.CENTRAL_AKTOR) for o in orgs), batch_size=5000
    )
    losen = make_password(None)
    users = get_user_model().objects.bulk_create(
        (
            get_user_model()(username=f"bench{i}", email=f"bench{i}@example.org", password=losen)
            for i in range(anvandare)
        ),
        batch_size=5000,
    )
    Medlemskap.objects.bulk_create(
        (Medlemskap(anvandare=u, organisation=orgs[i % antal_org]) for i, u in enumerate(users)), batch_size=5000
    )
    return period


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    args = parser.parse_args()

    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = "jamlik_bench"
    django.setup()
    from aiosmtpd.controller import Controller
    from django.core.management import call_command
    from django.db import connection

    from aviseringar import services
    from aviseringar.models import Avisering
    from jamlik.actors import SYSTEM

    with connection._nodb_cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
        cursor.execute("CREATE DATABASE jamlik_bench")
    connection.close()
    call_command("migrate", verbosity=0)
    period = build(args.users)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    raknare = Raknare()
    controller = Controller(raknare, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        t = time.perf_counter()
        nya, organisationer = services.paminnelse_send(user=SYSTEM, period=period)
        record = time.perf_counter() - t
        t = time.perf_counter()
        skickade = services.aviseringar_send()
        send = time.perf_counter() - t
        t = time.perf_counter()
        igen, _ = services.paminnelse_send(user=SYSTEM, period=period)
        igen_skickade = services.aviseringar_send()
        again = time.perf_counter() - t
    finally:
        controller.stop()
    oskickade = Avisering.objects.filter(skickad__isnull=True, epost=True).count()
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS jamlik_bench")
    print(f"{args.users} officials in {organisationer} organisations missing a report")
    print(f"record: {nya} reminders in {record:.2f} s")
    print(
        f"send:   {skickade} e-mails in {send:.2f} s ({skickade / send:.0f}/s); the SMTP server received {raknare.antal}"
    )
    print(f"again:  {igen} recorded, {igen_skickade} sent in {again:.2f} s; unsent left: {oskickade}")


if __name__ == "__main__":
    main()
