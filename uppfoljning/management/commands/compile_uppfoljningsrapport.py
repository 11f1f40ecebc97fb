"""Compile a new version of the follow-up report from the command line (e.g. from cron)."""

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from jamlik.actors import SYSTEM
from jamlik.errors import Domanfel
from plan.selectors import plan_for_page
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import PlaneradUppfoljning
from uppfoljning.sammanstallning import jobb
from uppfoljning.services.sammanstallning import Utfall, uppfoljningsrapport_start, uppfoljningsrapporter_requeue


class Command(BaseCommand):
    help = "Sammanställer en ny version av uppföljningsrapporten för ett uppföljningsår."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Uppföljningsår (standard: det senaste i planen).")
        parser.add_argument("--plan", help="Planens kortnamn (standard: den gällande planen).")
        parser.add_argument("--async", action="store_true", dest="async_", help="Lägg jobbet i kön i stället.")
        parser.add_argument(
            "--tvinga",
            action="store_true",
            help="Skapa en ny version även om underlaget inte har ändrats sedan den senaste.",
        )
        parser.add_argument(
            "--requeue",
            action="store_true",
            help="Lägg väntande jobb som inte nådde kön (Redis nere) i kön igen, t.ex. från cron.",
        )

    def handle(self, *args, year, plan, async_, requeue, tvinga, **options):
        if requeue:
            self.stdout.write(f"{uppfoljningsrapporter_requeue()} väntande jobb lades i kön.")
            return
        try:
            plan = plan_for_page(plan)
        except Http404 as exc:
            raise CommandError("Planen finns inte. Läs in planen först.") from exc
        if year is None:
            year = PlaneradUppfoljning.objects.filter(plan=plan).order_by("-ar").values_list("ar", flat=True).first()
        if year is None:
            raise CommandError("Det finns ingen planerad uppföljning. Läs in planen först.")
        try:
            start = uppfoljningsrapport_start(user=SYSTEM, plan=plan, ar=year, tvinga=tvinga, enqueue=async_)
        except Domanfel as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        rapport = start.rapport
        if start.utfall == Utfall.OFORANDRAD:
            self.stdout.write(
                f"Underlaget har inte ändrats sedan version {rapport.version}: ingen ny version skapades "
                "(--tvinga skapar en ändå)."
            )
            return
        if start.utfall == Utfall.PAGAENDE:
            self.stdout.write(f"Version {rapport.version} sammanställs redan (jobb {rapport.pk}).")
            return
        if async_:
            self.stdout.write(f"Jobb {rapport.pk} (version {rapport.version}) ligger i kön.")
            return
        rapport = jobb.compile_uppfoljningsrapport(rapport_id=rapport.pk)
        if rapport.status != Jobbstatus.DONE:
            raise CommandError(f"Sammanställningen misslyckades: {rapport.felmeddelande}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Version {rapport.version} klar: {rapport.pdf_fil}, {rapport.docx_fil}, {rapport.xlsx_fil}"
            )
        )
