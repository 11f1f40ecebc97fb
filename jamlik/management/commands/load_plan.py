"""Load (or refresh) the plan from its transcription in fixtures/. Safe to run again:
rows are found by their stable identifiers and updated, never duplicated."""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plan.services import (
    Importresultat,
    organisationer_import,
    plan_import,
    program_import,
    styrande_dokument_import,
)
from samverkan.services import samverkansaktiviteter_import
from uppfoljning.services.specifikation import planerad_uppfoljning_import, styrningsaktiviteter_import

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "plan-2019-2022.json"


def load_plan_file(path: Path) -> Importresultat:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    resultat = Importresultat()
    with transaction.atomic():
        program = program_import(data=data["program"], resultat=resultat)
        plan = plan_import(program=program, data=data["plan"], resultat=resultat)
        organisationer_import(data=data["organisationer"], resultat=resultat)
        samverkansaktiviteter_import(plan=plan, data=data["samverkansaktiviteter"], resultat=resultat)
        styrningsaktiviteter_import(plan=plan, data=data["styrningsaktiviteter"], resultat=resultat)
        styrande_dokument_import(plan=plan, data=data["styrande_dokument"], resultat=resultat)
        planerad_uppfoljning_import(plan=plan, data=data["uppfoljning"], resultat=resultat)
    return resultat


class Command(BaseCommand):
    help = "Läser in planen (program, målområden, strategier, aktiviteter, matris) från fixtures/."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path, **options):
        try:
            resultat = load_plan_file(Path(path))
        except ValidationError as exc:
            raise CommandError(f"Planen lästes inte in: {'; '.join(exc.messages)}") from exc
        skapade = sum(resultat.skapade.values())
        uppdaterade = sum(resultat.uppdaterade.values())
        self.stdout.write(self.style.SUCCESS(f"Planen inläst: {skapade} nya rader, {uppdaterade} kontrollerade."))
