"""Fetch the Kolada indicators' values now (the same as the weekly beat task)."""

from django.core.management.base import BaseCommand, CommandError

from indikatorer.kolada import KoladaFel
from indikatorer.models import Indikator
from indikatorer.services.kolada import kolada_hamta
from jamlik.actors import SYSTEM


class Command(BaseCommand):
    help = "Hämtar värden från Koladas öppna API för indikatorer med källan Kolada."

    def add_arguments(self, parser):
        parser.add_argument("--kpi", action="append", default=[], help="Bara detta KPI-id (kan upprepas).")
        parser.add_argument("--ar", action="append", type=int, default=[], help="Bara detta år (kan upprepas).")

    def handle(self, *args, kpi, ar, **options):
        indikatorer = Indikator.objects.filter(kolada_kpi__in=kpi) if kpi else None
        try:
            inlasning = kolada_hamta(user=SYSTEM, indikatorer=indikatorer, ar=ar or None)
        except KoladaFel as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{inlasning.beskrivning}: {inlasning.antal_rader} rader, {inlasning.antal_nya} nya, "
            f"{inlasning.antal_andrade} ändrade, {inlasning.antal_oforandrade} oförändrade "
            f"({inlasning.parametrar.get('anrop', 0)} anrop)."
        )
