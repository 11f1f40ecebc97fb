"""Load (or refresh) the plan from its transcription in fixtures/. Safe to run again:
rows are found by their stable identifiers and updated, never duplicated."""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plan.choices import PlanStatus
from plan.selectors import planer
from plan.services import (
    Importfel,
    Importresultat,
    kommun_import,
    organisationer_import,
    plan_import,
    program_import,
    styrande_dokument_import,
)
from samverkan.services import samverkansaktiviteter_import
from uppfoljning.services.specifikation import planerad_uppfoljning_import, styrningsaktiviteter_import

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "plan-2019-2022.json"


def load_plan_file(path: Path) -> Importresultat:
    """Load one transcription file (a municipality, its program, one plan and the organisations the
    plan names) in one transaction: everything or nothing."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Importfel(str(path), f"Filen kan inte läsas som JSON: {exc}") from exc
    for nyckel in ("kommun", "program", "plan", "organisationer"):
        if not isinstance(data, dict) or nyckel not in data:
            raise Importfel(nyckel, "Avsnittet saknas i filen.")
    resultat = Importresultat()
    with transaction.atomic():
        kommun = kommun_import(data=data["kommun"], resultat=resultat)
        program = program_import(kommun=kommun, data=data["program"], resultat=resultat)
        organisationer_import(kommun=kommun, data=data["organisationer"], resultat=resultat)
        plan = plan_import(program=program, data=data["plan"], resultat=resultat)
        samverkansaktiviteter_import(plan=plan, data=data.get("samverkansaktiviteter", []), resultat=resultat)
        styrningsaktiviteter_import(plan=plan, data=data.get("styrningsaktiviteter", []), resultat=resultat)
        styrande_dokument_import(plan=plan, data=data.get("styrande_dokument", []), resultat=resultat)
        if data.get("uppfoljning"):
            planerad_uppfoljning_import(plan=plan, data=data["uppfoljning"], resultat=resultat)
    return resultat


class Command(BaseCommand):
    help = (
        "Läser in en plan (kommun, program, plan med målområden och strategier, organisationer, aktiviteter, "
        "matris, uppföljning) från en transkriberingsfil. En ny plan läses in bredvid de tidigare."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path, **options):
        try:
            resultat = load_plan_file(Path(path))
        except ValidationError as exc:
            raise CommandError(f"Planen lästes inte in: {'; '.join(exc.messages)}") from exc
        skapade = sum(resultat.skapade.values())
        uppdaterade = sum(resultat.uppdaterade.values())
        self.stdout.write(self.style.SUCCESS(f"Planen inläst: {skapade} nya rader, {uppdaterade} ändrade."))
        # A successor keeps the earlier plan's status untouched; say what the admin still has to do.
        gallande: dict[int, list[str]] = {}
        for plan in planer().filter(status=PlanStatus.GALLANDE):  # newest first
            gallande.setdefault(plan.program.kommun_id, []).append(plan.slug)
        for slugs in gallande.values():
            if len(slugs) > 1:
                self.stdout.write(
                    self.style.WARNING(
                        f"Obs: {len(slugs)} planer är markerade som gällande ({', '.join(slugs)}). Den nyaste, "
                        f"{slugs[0]}, visas på de korta adresserna, och de andras sidor länkar dit. Markera de "
                        "tidigare som historiska i administrationen (Planer → status)."
                    )
                )
