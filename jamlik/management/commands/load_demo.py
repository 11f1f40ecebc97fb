"""Load the demo data set (fixtures/demo.json) into the plan in force: demo users for each role,
reporting periods with a mix of status reports, overall statuses and example initiatives. Every
record carries the `exempel` flag and is labelled "Exempel" wherever it is shown. Demo only:
refused outside DEBUG without --force."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plan.models import Aktivitet, Medlemskap, Plan, Strategi
from plan.selectors import plan_current
from plan.services import organisation_by_name
from samverkan.models import Insats
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "demo.json"


def load_demo_file(path: Path) -> dict[str, int]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    plan: Plan | None = plan_current()
    if plan is None:
        raise CommandError("Läs in planen först: manage.py load_plan")
    kommun = plan.program.kommun

    def period(slug: str) -> Uppfoljningsperiod:
        return Uppfoljningsperiod.objects.get(plan=plan, slug=slug)

    def aktivitet(slug: str) -> Aktivitet:
        return Aktivitet.objects.get(plan=plan, slug=slug)

    counts = {"anvandare": 0, "perioder": 0, "statusrapporter": 0, "aktivitetsstatus": 0, "insatser": 0}
    User = get_user_model()
    with transaction.atomic():
        for item in data["anvandare"]:
            user, created = User.objects.get_or_create(username=item["anvandarnamn"])
            if created:
                first, _, last = item["namn"].partition(" ")
                user.first_name, user.last_name = first, last
                user.set_password(data["losenord"])
                user.is_staff = user.is_superuser = item.get("superuser", False)
                user.email = item.get("epost", "")
                user.save()
                counts["anvandare"] += 1
            elif not user.email and item.get("epost"):  # demo users loaded before they had addresses
                user.email = item["epost"]
                user.save(update_fields=["email"])
            for namn in item["organisationer"]:
                Medlemskap.objects.get_or_create(
                    anvandare=user, organisation=organisation_by_name(namn, kommun=kommun), defaults={"exempel": True}
                )
            for grupp in item.get("grupper", []):
                user.groups.add(Group.objects.get_or_create(name=grupp)[0])
        for item in data["perioder"]:
            _, created = Uppfoljningsperiod.objects.get_or_create(
                plan=plan,
                slug=item["slug"],
                defaults={
                    "exempel": True,
                    "namn": item["namn"],
                    "oppnar": date.fromisoformat(item["oppnar"]),
                    "sista_dag": date.fromisoformat(item["sista_dag"]),
                },
            )
            counts["perioder"] += created
        for item in data["statusrapporter"]:
            rapport, created = Statusrapport.objects.get_or_create(
                period=period(item["period"]),
                aktivitet=aktivitet(item["aktivitet"]),
                organisation=organisation_by_name(item["organisation"], kommun=kommun),
                defaults={
                    "exempel": True,
                    **{
                        k: item.get(k, "")
                        for k in ("status", "tillstand", "genomfort", "hinder", "nasta_steg", "returkommentar")
                    },
                },
            )
            if created:
                rapport.strategier.set(Strategi.objects.filter(plan=plan, slug__in=item["strategier"]))
                counts["statusrapporter"] += 1
        for item in data.get("aktivitetsstatus", []):
            _, created = Aktivitetsstatus.objects.get_or_create(
                period=period(item["period"]),
                aktivitet=aktivitet(item["aktivitet"]),
                defaults={"status": item["status"], "sammanfattning": item["sammanfattning"], "exempel": True},
            )
            counts["aktivitetsstatus"] += created
        for item in data["insatser"]:
            insats, created = Insats.objects.get_or_create(
                samverkansaktivitet=aktivitet(item["aktivitet"]),
                slug=item["slug"],
                defaults={
                    "titel": item["titel"],
                    "beskrivning": item["beskrivning"],
                    "kalla": item["kalla"],
                    "exempel": True,
                },
            )
            if created:
                insats.organisationer.set([organisation_by_name(n, kommun=kommun) for n in item["organisationer"]])
                insats.strategier.set(Strategi.objects.filter(plan=plan, slug__in=item["strategier"]))
                counts["insatser"] += 1
    return counts


class Command(BaseCommand):
    help = "Läser in demodata (demoanvändare, perioder, rapporter, exempelinsatser). Endast för demo."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument("--force", action="store_true", help="Tillåt även när DEBUG är av.")

    def handle(self, *args, path, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demodata läses bara in när DEBUG är på (eller med --force).")
        counts = load_demo_file(Path(path))
        self.stdout.write(self.style.SUCCESS("Demodata inläst: " + ", ".join(f"{v} {k}" for k, v in counts.items())))
