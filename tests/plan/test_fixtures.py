"""The loaded plan matches the plan document (docs/kallor/ is a verbatim copy of it)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
from plan.choices import AktivitetTyp, Roll
from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Malomrade,
    Organisation,
    OrganisationAlias,
    Strategi,
    StyrandeDokument,
)
from samverkan.models import Matrisplacering, Samverkansaktivitet
from samverkan.selectors import strategimatris
from uppfoljning.models import PlaneradUppfoljning, Styrningsaktivitet

SEED = Path(settings.BASE_DIR) / "docs" / "kallor" / "plan-jamlik-stad-2019-2022.txt"

pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    """Compare text, not layout: footnote marks and PDF line-break artefacts removed."""
    text = re.sub("[¹²³⁴⁵ⁱ]", "", text)
    return " ".join(text.replace("arbets sätt", "arbetssätt").split()).casefold()


@pytest.fixture(scope="module")
def seed() -> str:
    return normalise(SEED.read_text(encoding="utf-8"))


def roles(slug: str, roll: Roll) -> list[str]:
    return list(
        Aktivitetsroll.objects.filter(aktivitet__slug=slug, roll=roll)
        .order_by("ordning")
        .values_list("organisation__namn", flat=True)
    )


def test_counts(plan):
    assert Malomrade.objects.count() == 4
    assert Strategi.objects.count() == 23
    assert Forutsattning.objects.count() == 7
    assert Samverkansaktivitet.objects.count() == 4
    assert Styrningsaktivitet.objects.count() == 6
    assert Matrisplacering.objects.count() == 49
    assert StyrandeDokument.objects.filter(kategori="angransande").count() == 6
    assert StyrandeDokument.objects.filter(kategori="stodjande").count() == 5


def test_plan_metadata(plan):
    assert plan.diarienummer == "1028/19 (0044/22)"
    assert (plan.giltig_fran, plan.giltig_till) == (2019, 2022)
    assert plan.beslutsdatum.isoformat() == "2020-04-16" and plan.paragraf == "§25"
    assert plan.program.mal == "Göteborg ska vara en jämlik stad"
    assert plan.dokumentansvarig == "Stadsledningskontoret avdelningschef Samhällsutveckling"


def test_malomraden_in_program_order(plan):
    assert list(Malomrade.objects.order_by("ordning").values_list("namn", flat=True)) == [
        "Skapa god start i livet och goda uppväxtvillkor",
        "Skapa förutsättningar för arbete",
        "Skapa hållbara och jämlika livsmiljöer",
        "Skapa förutsättningar för delaktighet, inflytande och tillit",
    ]


def test_forutsattningar_in_order_with_text(plan, seed):
    assert [f.namn for f in Forutsattning.objects.order_by("ordning")] == [
        "Ett långsiktigt fokus",
        "Tidiga insatser och åtgärder",
        "Insatser och åtgärder för alla göteborgare",
        "Ett helhetsperspektiv",
        "Delaktighet och samverkan",
        "Arbeta kunskaps- och erfarenhetsbaserat",
        "Normmedvetet och intersektionellt arbetssätt",
    ]
    for forutsattning in Forutsattning.objects.all():
        first_sentence = forutsattning.beskrivning.split(". ")[0]
        assert normalise(first_sentence) in seed


def test_every_name_and_text_occurs_in_the_plan(plan, seed):
    names = [s.namn for s in Strategi.objects.all()]
    names += [a.titel for a in Aktivitet.objects.all()]
    names += [a.matrisrubrik for a in Aktivitet.objects.exclude(matrisrubrik="")]
    names += [d.namn for d in StyrandeDokument.objects.all()]
    missing = [n for n in names if normalise(n) not in seed]
    assert missing == []
    for aktivitet in Aktivitet.objects.all():
        for paragraph in (aktivitet.syfte + "\n\n" + aktivitet.beskrivning).split("\n\n"):
            for line in paragraph.splitlines():
                if line.strip():
                    assert normalise(line.removeprefix("- ")) in seed, line


def test_every_organisation_name_occurs_in_the_plan(plan, seed):
    for organisation in Organisation.objects.prefetch_related("alias"):
        spellings = [organisation.namn] + [a.namn for a in organisation.alias.all()]
        assert any(normalise(s) in seed for s in spellings), organisation.namn


def test_one_record_per_actor_with_alias(plan):
    idrott = Organisation.objects.get(namn="Idrotts- och föreningsnämnden")
    assert OrganisationAlias.objects.get(namn="Idrott- och föreningsnämnden").organisation == idrott
    # Both spellings in the plan lead to the same row.
    assert set(idrott.roller.values_list("aktivitet__slug", flat=True)) == {
        "skolan-som-gemensam-arena",
        "hallbara-livsmiljoer",
    }
    assert Organisation.objects.get(namn="Förskoleförvaltningen").tillhor.namn == "Förskolenämnden"
    assert Organisation.objects.get(namn="Stadsbyggnadskontoret").tillhor.namn == "Stadsbyggnadsnämnden"


# Figur 4, cell by cell: row → four columns (målområden in order) → strategies in order.
FIGUR_4 = {
    "familjecentrerat-arbetssatt": [
        [
            "Ge varje barn möjlighet att utvecklas till sin fulla potential",
            "Fokusera på tidiga insatser",
            "Starka vuxna kring barn",
            "Främja barns språkutveckling på samtliga arenor där barn och unga vistas",
        ],
        ["Verka för livslångt lärande"],
        ["Jämlik tillgång till stadens resurser"],
        [
            "Systematiskt integrera delaktighetsperspektivet",
            "Skapa inkluderande medborgardialog",
            "Stärka tjänstepersonernas bemötande för att skapa tillit",
            "Utveckla delaktigheten i mötet med kommunens verksamheter",
        ],
    ],
    "skolan-som-gemensam-arena": [
        [
            "Ge varje barn möjlighet att utvecklas till sin fulla potential",
            "Fokusera på tidiga insatser",
            "Starka vuxna kring barn",
            "Främja barns språkutveckling på samtliga arenor där barn och unga vistas",
            "Ge barn och unga möjlighet till att stärka sociala nätverk och förmågor",
            "Ge barn och unga möjlighet till delaktighet, inflytande och rätt att vara sig själva",
            "Barn och unga ska ha en tillgänglig och meningsfull fritid",
        ],
        ["Matcha kompetens för att underlätta inträdet på arbetsmarknaden", "Verka för livslångt lärande"],
        ["Jämlik tillgång till stadens resurser"],
        [
            "Systematiskt integrera delaktighetsperspektivet",
            "Skapa inkluderande medborgardialog",
            "Stärka tjänstepersonernas bemötande för att skapa tillit",
            "Utveckla delaktigheten i mötet med kommunens verksamheter",
        ],
    ],
    "jobb-och-kompetenscentrerat-arbetssatt": [
        [
            "Ge varje barn möjlighet att utvecklas till sin fulla potential",
            "Fokusera på tidiga insatser",
            "Starka vuxna kring barn",
        ],
        [
            "Matcha kompetens för att underlätta inträdet på arbetsmarknaden",
            "Skräddarsy utbildning och lärande för att underlätta inträdet på arbetsmarknaden",
            "Arbeta för att ge rätt information till arbetsgivare",
            "Underlätta första steget in på arbetsmarknaden",
            "Bredda möjligheten till inträde på arbetsmarknaden",
            "Verka för livslångt lärande",
            "Utveckla arbetsgivarrollen",
        ],
        ["Utveckla arbetsgivarrollen"],
        [
            "Systematiskt integrera delaktighetsperspektivet",
            "Stärka tjänstepersonernas bemötande för att skapa tillit",
            "Utveckla delaktigheten i mötet med kommunens verksamheter",
        ],
    ],
    "hallbara-livsmiljoer": [
        [
            "Ge varje barn möjlighet att utvecklas till sin fulla potential",
            "Fokusera på tidiga insatser",
            "Barn och unga ska ha en tillgänglig och meningsfull fritid",
        ],
        ["Utveckla arbetsgivarrollen"],
        [
            "Öka delaktighet och inflytande i stadsutvecklingen",
            "Skapa förutsättningar för en fungerande närmiljö",
            "Minska boendesegregationen",
            "Öka tillgången till bostäder",
            "Jämlik tillgång till stadens resurser",
        ],
        ["Systematiskt integrera delaktighetsperspektivet", "Skapa inkluderande medborgardialog"],
    ],
}


def test_matrix_every_cell_in_order(plan):
    matris = strategimatris(plan=plan)
    assert [k.slug for k in matris.kolumner] == list(
        Malomrade.objects.order_by("ordning").values_list("slug", flat=True)
    )
    assert [r.aktivitet.slug for r in matris.rader] == list(FIGUR_4)
    for rad in matris.rader:
        assert [[p.strategi.namn for p in cell] for cell in rad.celler] == FIGUR_4[rad.aktivitet.slug]


def test_matrix_keeps_strategy_shown_outside_its_own_malomrade(plan):
    cell = Matrisplacering.objects.get(
        samverkansaktivitet__slug="jobb-och-kompetenscentrerat-arbetssatt",
        malomrade__slug="skapa-hallbara-och-jamlika-livsmiljoer",
    )
    assert cell.strategi.namn == "Utveckla arbetsgivarrollen"
    assert cell.strategi.malomrade.slug == "skapa-forutsattningar-for-arbete"
    assert cell.utanfor_eget_malomrade


def test_matrix_is_three_queries(plan, django_assert_num_queries):
    with django_assert_num_queries(3):
        strategimatris(plan=plan)


SOC = ["Socialnämnden Centrum", "Socialnämnden Hisingen", "Socialnämnden Nordost", "Socialnämnden Sydväst"]


def test_samverkan_roles(plan):
    assert roles("familjecentrerat-arbetssatt", Roll.SAMORDNINGSANSVAR) == ["Förskolenämnden", "Grundskolenämnden"]
    assert roles("familjecentrerat-arbetssatt", Roll.CENTRAL_AKTOR) == [
        *SOC,
        "Nämnden för funktionsstöd",
        "Kulturnämnden",
        "Göteborgs hälso- och sjukvårdsnämnd",
        "Sveriges Kommuner och Landsting",
        "Socialstyrelsen",
        "aktörer från civilsamhället",
        "aktörer från näringslivet",
    ]
    assert roles("skolan-som-gemensam-arena", Roll.SAMORDNINGSANSVAR) == ["Grundskolenämnden"]
    assert roles("skolan-som-gemensam-arena", Roll.CENTRAL_AKTOR) == [
        "Förskolenämnden",
        *SOC,
        "Nämnden för funktionsstöd",
        "Kulturnämnden",
        "Idrotts- och föreningsnämnden",
        "Stadsbyggnadsnämnden",
        "Stadsmiljönämnden",
        "Stadsfastighetsnämnden",
        "Kommunala bolag",
        "Västra Götalandsregionen",
        "aktörer från civilsamhället",
        "aktörer från näringslivet",
    ]
    assert roles("jobb-och-kompetenscentrerat-arbetssatt", Roll.SAMORDNINGSANSVAR) == [
        "Nämnden för arbetsmarknad och vuxenutbildning"
    ]
    assert roles("jobb-och-kompetenscentrerat-arbetssatt", Roll.CENTRAL_AKTOR) == [
        "Utbildningsnämnden",
        *SOC,
        "Nämnden för funktionsstöd",
        "Business Region Göteborg",
        "Samordningsförbundet",
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Göteborgsregionen",
        "aktörer från näringslivet",
        "aktörer från civilsamhället",
    ]
    assert roles("hallbara-livsmiljoer", Roll.SAMORDNINGSANSVAR) == ["Stadsbyggnadsnämnden"]
    assert len(roles("hallbara-livsmiljoer", Roll.CENTRAL_AKTOR)) == 22
    assert "Polismyndigheten" in roles("hallbara-livsmiljoer", Roll.CENTRAL_AKTOR)


def test_styrning_ansvar_and_pilots(plan):
    for aktivitet in Styrningsaktivitet.objects.exclude(slug="integrera-jamlikhet"):
        assert roles(aktivitet.slug, Roll.ANSVAR) == ["Kommunstyrelsen"]
        assert roles(aktivitet.slug, Roll.PILOTVERKSAMHET) == []
    assert roles("integrera-jamlikhet", Roll.ANSVAR) == [
        "Förskolenämnden",
        "Grundskolenämnden",
        "Stadsbyggnadsnämnden",
        "Nämnden för arbetsmarknad och vuxenutbildning",
    ]
    assert roles("integrera-jamlikhet", Roll.PILOTVERKSAMHET) == [
        "Förskoleförvaltningen",
        "Grundskoleförvaltningen",
        "Arbetsmarknads- och vuxenutbildningsförvaltningen",
        "Stadsbyggnadskontoret",
    ]
    assert [a.typ for a in Styrningsaktivitet.objects.all()] == [AktivitetTyp.STYRNING] * 6


def test_follow_up_specification(plan):
    uppfoljning = PlaneradUppfoljning.objects.get(plan=plan)
    assert uppfoljning.ar == 2021
    utvarderingar = list(uppfoljning.processutvarderingar.order_by("ordning"))
    assert [u.aktivitet.slug for u in utvarderingar] == [*FIGUR_4, "integrera-jamlikhet"]
    assert [u.omfattar_pilotverksamheter for u in utvarderingar] == [False] * 4 + [True]


def test_loading_twice_changes_nothing(plan):
    tables = [Organisation, OrganisationAlias, Strategi, Aktivitet, Aktivitetsroll, Matrisplacering, StyrandeDokument]
    before = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in tables}
    resultat = load_plan_file(DEFAULT_PATH)
    after = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in tables}
    assert after == before
    assert resultat.skapade == {}


def test_swedish_characters_intact(plan):
    assert Strategi.objects.filter(namn="Öka tillgången till bostäder").exists()
    assert re.search(r"[åäö]", Samverkansaktivitet.objects.get(slug="hallbara-livsmiljoer").beskrivning)
