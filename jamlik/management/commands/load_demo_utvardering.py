"""Load the demo process evaluations of the 2021 follow-up (fixtures/demo-utvardering.json) through
the services. Demo only: refused outside DEBUG without --force. Idempotent: an evaluation that
has left the draft state is not touched again."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jamlik.actors import SYSTEM
from plan.selectors import plan_current
from plan.services import organisation_by_name
from uppfoljning.choices import Rapporttillstand, Utvarderingshandling, Utvarderingstillstand
from uppfoljning.models import PlaneradUppfoljning, Processutvardering, Statusrapport
from uppfoljning.models.utvardering import UTVARDERING_FALT
from uppfoljning.services.utvardering import (
    processutvardering_transition,
    processutvardering_update,
    processutvarderingar_create,
)

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "demo-utvardering.json"
# The actions that bring a new evaluation to the state the demo file gives.
VAG = {
    Utvarderingstillstand.UTKAST: [],
    Utvarderingstillstand.UNDER_GRANSKNING: [Utvarderingshandling.SUBMIT],
    Utvarderingstillstand.SLUTLIG: [Utvarderingshandling.SUBMIT, Utvarderingshandling.FINALISE],
}


@transaction.atomic
def load_demo_utvardering_file(path: Path = DEFAULT_PATH) -> int:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    plan = plan_current()
    uppfoljning = PlaneradUppfoljning.objects.filter(plan=plan, ar=data["ar"]).first()
    if uppfoljning is None:
        raise CommandError("Läs in planen först: manage.py load_plan")
    processutvarderingar_create(user=SYSTEM, uppfoljning=uppfoljning)
    andrade = 0
    for item in data["utvarderingar"]:
        utvardering = uppfoljning.processutvarderingar.get(aktivitet__slug=item["aktivitet"]).utvardering
        if utvardering.tillstand != Utvarderingstillstand.UTKAST or utvardering.version > 1:
            continue
        delar = {
            utvardering.delar.get(
                organisation=organisation_by_name(d["organisation"], kommun=plan.program.kommun)
            ).pk: d
            for d in item.get("delar", [])
        }
        underlag = list(
            Statusrapport.objects.filter(
                aktivitet=utvardering.aktivitet,
                period__plan=uppfoljning.plan,
                tillstand=Rapporttillstand.GODKAND,
            ).select_related("period")
        )
        utvardering = processutvardering_update(
            user=SYSTEM,
            utvardering_id=utvardering.pk,
            version=utvardering.version,
            data={k: item.get(k, "") for k in UTVARDERING_FALT},
            underlag=underlag,
            delar=delar,
        )
        # Demo content: flagged so every page and the API label it "Exempel" (a flag, not content).
        Processutvardering.objects.filter(pk=utvardering.pk).update(exempel=True)
        for handling in VAG[Utvarderingstillstand(item["tillstand"])]:
            utvardering = processutvardering_transition(
                user=SYSTEM, utvardering_id=utvardering.pk, handling=handling, version=utvardering.version
            )
        andrade += 1
    return andrade


class Command(BaseCommand):
    help = "Läser in demo-processutvärderingar för den gällande planens uppföljning. Endast för demo."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument("--force", action="store_true", help="Tillåt även när DEBUG är av.")

    def handle(self, *args, path, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demodata läses bara in när DEBUG är på (eller med --force).")
        antal = load_demo_utvardering_file(Path(path))
        self.stdout.write(self.style.SUCCESS(f"Demo-processutvärderingar inlästa: {antal}"))
