"""Load example indicators, areas and values (fixtures/demo-indikatorer.json) so the indicator
pages show something without any network. Demo only: refused outside DEBUG without --force.
Every row is flagged `exempel` and labelled "Exempel" wherever it is shown. Idempotent: areas and
indicators are updated in place and values go through the one upsert, so a second run writes
nothing. The values are computed, not random: each area has a level (niva_index), each indicator
a level, a spread between areas, a yearly trend and a gender difference."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indikatorer.choices import Kalla, Kon, Niva
from indikatorer.models import Indikator, Malvarde, Omrade
from indikatorer.services.varden import Ny, varden_upsert
from plan.models import Aktivitet, Malomrade, Organisation, Strategi
from plan.selectors import plan_current

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "demo-indikatorer.json"


def _varde(ind: dict, index: float, ar: int, forsta_ar: int, kon: str) -> float:
    # Lower-is-better indicators get a negative spread: a weaker area (index < 1) has more.
    varde = ind["niva"] + ind["spridning"] * (index - 1) * 20 + ind["trend"] * (ar - forsta_ar)
    skillnad = ind.get("kon_skillnad", 0.0)
    varde += {Kon.KVINNOR: skillnad / 2, Kon.MAN: -skillnad / 2}.get(kon, 0.0)
    varde += ((ar * 7 + int(index * 100)) % 5 - 2) * 0.15  # a little year-to-year noise, the same every run
    return round(max(varde, 0.0), 1)


@transaction.atomic
def load_demo_indikatorer_file(path: Path = DEFAULT_PATH) -> int:
    """Returns the number of values written (0 on a re-run)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    plan = plan_current()
    if plan is None:
        raise CommandError("Läs in planen först: manage.py load_plan")
    kommun = plan.program.kommun
    omraden: dict[str, Omrade] = {}
    for ordning, o in enumerate(data["omraden"]):
        omraden[o["slug"]], _ = Omrade.objects.update_or_create(
            kommun=kommun,
            slug=o["slug"],
            defaults={
                "namn": o["namn"],
                "niva": o["niva"],
                "forelder": omraden.get(o.get("forelder")),
                "giltig_fran": o.get("giltig_fran"),
                "giltig_till": o.get("giltig_till"),
                "ordning": ordning,
                "exempel": True,
            },
        )
    agare = Organisation.objects.filter(kommun=kommun, slug="stadsledningskontoret").first()
    forsta, sista = data["ar"]
    stadsdelar = [(omraden[o["slug"]], o["niva_index"]) for o in data["omraden"] if o["niva"] == Niva.STADSDEL]
    rader: list[Ny] = []
    for ordning, i in enumerate(data["indikatorer"]):
        indikator, _ = Indikator.objects.update_or_create(
            kommun=kommun,
            slug=i["slug"],
            defaults={
                "namn": i["namn"],
                "definition": i["definition"],
                "enhet": i["enhet"],
                "kalla": Kalla.EGEN,
                "hogre_ar_battre": i["hogre_ar_battre"],
                "konsuppdelad": i["konsuppdelad"],
                "omradesniva": Niva.STADSDEL,
                "agare": agare,
                "ordning": ordning,
                "exempel": True,
            },
        )
        indikator.planer.add(plan)
        indikator.malomraden.set(Malomrade.objects.filter(plan=plan, slug__in=i["malomraden"]))
        indikator.strategier.set(Strategi.objects.filter(plan=plan, slug__in=i["strategier"]))
        indikator.aktiviteter.set(Aktivitet.objects.filter(plan=plan, slug__in=i.get("aktiviteter", [])))
        for m in i.get("malvarden", []):
            Malvarde.objects.update_or_create(
                indikator=indikator,
                ar=m["ar"],
                kon=m["kon"],
                defaults={"varde": m["varde"], "beskrivning": m["beskrivning"]},
            )
        kon = [Kon.TOTALT, Kon.KVINNOR, Kon.MAN] if i["konsuppdelad"] else [Kon.TOTALT]
        for ar in i.get("bara_ar") or range(forsta, sista + 1):
            for k in kon:
                per_stadsdel = [_varde(i, index, ar, forsta, k) for _omr, index in stadsdelar]
                rader += [
                    Ny(indikator.pk, omr.pk, ar, k, "", v)
                    for (omr, _index), v in zip(stadsdelar, per_stadsdel, strict=True)
                ]
                medel = round(sum(per_stadsdel) / len(per_stadsdel), 1)
                rader.append(Ny(indikator.pk, omraden["exempel-goteborg"].pk, ar, k, "", medel))
    utfall = varden_upsert(rader=rader, kalla=Kalla.EGEN, exempel=True)
    return utfall.nya + utfall.andrade


class Command(BaseCommand):
    help = "Läser in exempelindikatorer med påhittade värden (demodata, märkta Exempel)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(DEFAULT_PATH))
        parser.add_argument("--force", action="store_true", help="Tillåt även när DEBUG är av.")

    def handle(self, *args, path, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demodata läses bara in när DEBUG är på (eller med --force).")
        antal = load_demo_indikatorer_file(Path(path))
        self.stdout.write(f"Exempelindikatorer inlästa: {antal} värden skrivna.")
