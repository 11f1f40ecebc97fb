"""Public pages of the plan: content, filters, search, downloads and constant query counts."""

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from plan.choices import OrganisationTyp, Roll
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, OrganisationAlias, Strategi
from samverkan.models import Matrisplacering
from uppfoljning.choices import Rapporttillstand, Status
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def utan_oversikt(content: str) -> str:
    """The start page without its overview table (whose column headers name every status)."""
    start = content.index('aria-labelledby="oversikt-rubrik"')
    return content[:start] + content[content.index("</section>", start) :]


def period(plan, namn="Våren 2021", oppnar=date(2021, 3, 1)):
    return Uppfoljningsperiod.objects.create(
        plan=plan, namn=namn, slug=namn.lower().replace(" ", "-").replace("å", "a"), oppnar=oppnar, sista_dag=oppnar
    )


def test_start_page_shows_goal_areas_activities_and_no_status(client, plan):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Göteborg ska vara en jämlik stad" in content or plan.program.mal in content
    assert [m.namn for m in response.context["malomraden"]] == [
        "Skapa god start i livet och goda uppväxtvillkor",
        "Skapa förutsättningar för arbete",
        "Skapa hållbara och jämlika livsmiljöer",
        "Skapa förutsättningar för delaktighet, inflytande och tillit",
    ]
    assert len(response.context["samverkansaktiviteter"]) == 4
    assert len(response.context["styrningsaktiviteter"]) == 6
    content = utan_oversikt(content)
    assert content.count("Ingen status rapporterad") == 10


def test_start_page_shows_latest_status(client, plan):
    aktivitet = Aktivitet.objects.get(slug="hallbara-livsmiljoer")
    tidig, sen = period(plan, "Hösten 2020", date(2020, 9, 1)), period(plan)
    Aktivitetsstatus.objects.create(period=tidig, aktivitet=aktivitet, status=Status.EJ_PABORJAD)
    Aktivitetsstatus.objects.create(period=sen, aktivitet=aktivitet, status=Status.FORSENAD)
    content = utan_oversikt(client.get("/").content.decode())
    assert "Försenad" in content
    assert "Ej påbörjad" not in content
    assert content.count("Ingen status rapporterad") == 9


def test_malomrade_page_lists_activities_of_its_column(client, plan):
    response = client.get("/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/")
    assert response.status_code == 200
    assert [a.slug for a, _ in response.context["rader"]] == [
        "familjecentrerat-arbetssatt",
        "skolan-som-gemensam-arena",
        "jobb-och-kompetenscentrerat-arbetssatt",
        "hallbara-livsmiljoer",
    ]


def test_strategi_page_lists_activities_working_on_it(client, plan):
    response = client.get("/strategier/minska-boendesegregationen/")
    assert response.status_code == 200
    assert [p.samverkansaktivitet.slug for p in response.context["placeringar"]] == ["hallbara-livsmiljoer"]


def test_malomrade_and_strategi_pages_show_each_activitys_status_with_the_tag(client, plan):
    aktivitet = Aktivitet.objects.get(slug="hallbara-livsmiljoer")
    tidig, sen = period(plan, "Hösten 2020", date(2020, 9, 1)), period(plan)
    Aktivitetsstatus.objects.create(period=tidig, aktivitet=aktivitet, status=Status.EJ_PABORJAD)
    Aktivitetsstatus.objects.create(period=sen, aktivitet=aktivitet, status=Status.FORSENAD)
    malomrade = client.get("/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/").content.decode()
    assert malomrade.count('class="ds-tag statustagg statustagg--forsenad"') == 1
    assert malomrade.count("statustagg--ingen") == 3  # the other three activities of the column
    assert "Ej påbörjad" not in malomrade  # the latest period's status only
    strategi = client.get("/strategier/minska-boendesegregationen/").content.decode()
    assert strategi.count('class="ds-tag statustagg statustagg--forsenad"') == 1
    assert "Våren 2021" in strategi


def test_unknown_slugs_are_404(client, plan):
    for url in ("/malomraden/finns-inte/", "/strategier/finns-inte/", "/organisationer/finns-inte/"):
        assert client.get(url).status_code == 404


def test_organisation_page_shows_roles_alias_and_parent(client, plan):
    response = client.get("/organisationer/kulturnamnden/")
    assert response.status_code == 200
    central = dict(response.context["roller"])["Central aktör i"]
    assert len(central) == 3
    content = client.get("/organisationer/idrotts-och-foreningsnamnden/").content.decode()
    assert "Idrott- och föreningsnämnden" in content
    content = client.get("/organisationer/stadsledningskontoret/").content.decode()
    assert 'href="/organisationer/kommunstyrelsen/"' in content


def test_organisation_list_filters_by_type(client, plan):
    response = client.get("/organisationer/", {"typ": "myndighet"})
    assert [o.namn for o in response.context["organisationer"]] == [
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Polismyndigheten",
        "Socialstyrelsen",
    ]
    assert client.get("/organisationer/", {"typ": "hittepa"}).status_code == 400


def test_aktivitet_list_filters_by_organisation_and_strategy(client, plan):
    response = client.get("/aktiviteter/", {"organisation": "kulturnamnden"})
    assert len(response.context["aktiviteter"]) == 3
    response = client.get("/aktiviteter/", {"strategi": "minska-boendesegregationen"})
    assert [a.slug for a in response.context["aktiviteter"]] == ["hallbara-livsmiljoer"]
    response = client.get("/aktiviteter/", {"organisation": "finns-inte"})
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_activity_downloads_keep_swedish_characters(client, plan):
    response = client.get("/aktiviteter.csv", {"typ": "styrning"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Typ", "Aktivitet", "Samordningsansvar eller ansvar", "Övriga aktörer", "Adress"]
    assert len(rows) == 7
    assert rows[1][1] == "Utveckla en strategisk funktion för samordning av stadens sociala hållbarhetsarbete"
    workbook = load_workbook(io.BytesIO(client.get("/aktiviteter.xlsx").content))
    assert workbook.active.max_row == 11
    assert client.get("/aktiviteter.csv", {"strategi": "nej"}).status_code == 400


def test_search_finds_activities_strategies_and_organisations_by_alias(client, plan):
    resultat = client.get("/sok/", {"q": "boendesegregationen"}).context["resultat"]
    assert [s.slug for s in resultat.strategier] == ["minska-boendesegregationen"]
    resultat = client.get("/sok/", {"q": "VGR"}).context["resultat"]
    assert [o.slug for o in resultat.organisationer] == ["vastra-gotalandsregionen"]
    resultat = client.get("/sok/", {"q": "familjecentrerade"}).context["resultat"]
    assert "familjecentrerat-arbetssatt" in [a.slug for a in resultat.aktiviteter]
    resultat = client.get("/sok/", {"q": "Kultur"}).context["resultat"]
    assert [o.slug for o in resultat.organisationer] == ["kulturnamnden"]
    assert client.get("/sok/").context["resultat"] is None


def test_search_uses_swedish_stemming(client, plan):
    # "bostad" is not a substring of "bostäder"; only the Swedish stemmer relates the two forms.
    resultat = client.get("/sok/", {"q": "bostäderna"}).context["resultat"]
    assert "oka-tillgangen-till-bostader" in [s.slug for s in resultat.strategier]


def test_english_interface(client, plan):
    client.cookies.load({"django_language": "en"})
    content = client.get("/").content.decode()
    assert "No status reported" in content
    assert "Göteborgs Stads plan för en jämlik stad 2019–2022" in content  # plan content stays Swedish


def grow(plan, start: int, n: int) -> None:
    """Add organisations start..start+n, each with an alias, a role in every activity and an
    approved report per activity, plus n strategies placed in the matrix."""
    organisationer = Organisation.objects.bulk_create(
        Organisation(kommun=plan.program.kommun, namn=f"Extra {i}", slug=f"extra-{i}", typ=OrganisationTyp.NAMND)
        for i in range(start, start + n)
    )
    OrganisationAlias.objects.bulk_create(
        OrganisationAlias(organisation=o, namn=f"Alias {o.slug}") for o in organisationer
    )
    aktiviteter = list(Aktivitet.objects.all())
    Aktivitetsroll.objects.bulk_create(
        Aktivitetsroll(
            aktivitet=a, organisation=o, roll=Roll.CENTRAL_AKTOR if a.typ == "samverkan" else Roll.PILOTVERKSAMHET
        )
        for o in organisationer
        for a in aktiviteter
    )
    p = Uppfoljningsperiod.objects.filter(slug="tillvaxt").first() or period(plan, "Tillväxt", date(2021, 5, 1))
    p.slug = "tillvaxt"
    p.save()
    Statusrapport.objects.bulk_create(
        Statusrapport(
            period=p, aktivitet=a, organisation=o, status=Status.PAGAR_ENLIGT_PLAN, tillstand=Rapporttillstand.GODKAND
        )
        for o in organisationer
        for a in aktiviteter
    )
    malomrade = Malomrade.objects.get(slug="skapa-hallbara-och-jamlika-livsmiljoer")
    rad = Aktivitet.objects.get(slug="hallbara-livsmiljoer")
    strategier = Strategi.objects.bulk_create(
        Strategi(
            plan=plan, malomrade=malomrade, namn=f"Extra strategi {i}", slug=f"extra-strategi-{i}", ordning=100 + i
        )
        for i in range(start, start + n)
    )
    Matrisplacering.objects.bulk_create(
        Matrisplacering(samverkansaktivitet=rad, malomrade=malomrade, strategi=s, ordning=s.ordning) for s in strategier
    )


PAGES = [
    "/",
    "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
    "/strategier/minska-boendesegregationen/",
    "/organisationer/",
    "/organisationer/extra-0/",
    "/aktiviteter/",
    "/aktiviteter/?organisation=kulturnamnden",
    "/sok/?q=nämnden",
    "/samverkansaktiviteter/hallbara-livsmiljoer/",
    "/styrningsaktiviteter/integrera-jamlikhet/",
    "/matris/",
    "/matris/?organisation=kulturnamnden&strategi=minska-boendesegregationen",
    "/aktiviteter.csv",
    "/matris.xlsx",
]


@pytest.mark.parametrize("url", PAGES)
def test_query_count_is_constant_with_10x_and_100x_data(client, plan, url, django_assert_num_queries):
    grow(plan, 0, 1)
    cache.clear()
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url).status_code == 200
    for start, extra in ((1, 9), (10, 90)):  # 10× and then 100× the extra data
        grow(plan, start, extra)
        cache.clear()
        with django_assert_num_queries(len(baseline.captured_queries)):
            assert client.get(url).status_code == 200


def test_swedish_by_default_whatever_the_browser_asks(client, plan):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.content.decode()
    client.cookies.load({"django_language": "en"})
    assert client.get("/")["Content-Language"] == "en"
