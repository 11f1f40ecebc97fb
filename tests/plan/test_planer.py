"""Plans over time and municipalities side by side: a successor plan loads beside 2019–2022 without
touching one of its rows; a second municipality's plan loads without merging with Göteborg's;
bad transcription files are refused with the place in the file, and nothing is written."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
from plan.models import Aktivitet, Kommun, Malomrade, Organisation, Plan, Strategi
from plan.selectors import plan_current
from samverkan.selectors import strategimatris
from uppfoljning.models import Processutvardering, Statusrapport

pytestmark = pytest.mark.django_db

GAMMAL = "plan-jamlik-stad-2019-2022"
NY = "plan-jamlik-stad-2023-2026"


def transkribering() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def efterfoljare() -> dict:
    """A fictional successor: the same program, a new plan slug and period, some texts changed,
    one activity renamed and one strategy moved to another målområde."""
    data = transkribering()
    data["plan"] |= {
        "slug": NY,
        "namn": "Göteborgs Stads plan för en jämlik stad 2023–2026 (exempel)",
        "giltig_fran": 2023,
        "giltig_till": 2026,
        "diarienummer": "9999/22",
        "beslutsdatum": "2023-03-01",
    }
    malomraden = data["plan"]["malomraden"]
    sprak = next(s for s in malomraden[0]["strategier"] if s["slug"].startswith("framja-barns-sprakutveckling"))
    malomraden[0]["strategier"].remove(sprak)  # to another målområde in the new plan
    malomraden[3]["strategier"].append(sprak)
    data["samverkansaktiviteter"][0]["titel"] = "Familjecentrerat arbetssätt, andra planperioden"
    data["uppfoljning"]["ar"] = 2025
    return data


def skriv(tmp_path, data: dict, namn: str = "plan.json"):
    path = tmp_path / namn
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(plan: Plan) -> dict:
    """Every row and text of a plan that a successor must leave alone, with its reports and evaluations."""
    return {
        "plan": list(Plan.objects.filter(pk=plan.pk).values()),
        "malomraden": list(Malomrade.objects.filter(plan=plan).order_by("pk").values()),
        "strategier": list(Strategi.objects.filter(plan=plan).order_by("pk").values()),
        "aktiviteter": list(Aktivitet.objects.filter(plan=plan).order_by("pk").values()),
        "roller": list(
            Aktivitet.objects.filter(plan=plan)
            .order_by("pk", "roller__pk")
            .values_list("roller__organisation_id", "roller__roll", "roller__ordning")
        ),
        "matris": [[[p.strategi_id for p in cell] for cell in rad.celler] for rad in strategimatris(plan=plan).rader],
        "rapporter": list(Statusrapport.objects.filter(period__plan=plan).order_by("pk").values()),
        "utvarderingar": list(Processutvardering.objects.filter(aktivitet__plan=plan).order_by("pk").values()),
    }


def test_successor_plan_leaves_every_row_of_the_earlier_plan_intact(demo, tmp_path):
    gammal = Plan.objects.get(slug=GAMMAL)
    fore = snapshot(gammal)
    assert fore["rapporter"] and fore["utvarderingar"]
    load_plan_file(skriv(tmp_path, efterfoljare()))
    assert snapshot(gammal) == fore
    ny = Plan.objects.get(slug=NY)
    assert plan_current() == ny  # the newest plan in force takes the short addresses
    # Each plan's own matrix: the moved strategy sits in the new plan's delaktighet column only.
    sprak = "framja-barns-sprakutveckling-pa-samtliga-arenor-dar-barn-och-unga-vistas"
    assert Strategi.objects.get(plan=gammal, slug=sprak).malomrade.slug == "skapa-god-start-i-livet"
    assert Strategi.objects.get(plan=ny, slug=sprak).malomrade.slug == "skapa-forutsattningar-for-delaktighet"
    assert Aktivitet.objects.get(plan=gammal, slug="familjecentrerat-arbetssatt").titel.startswith(
        "Samverkan genom det familjecentrerade"
    )
    # Loading the successor again changes nothing; loading the earlier plan again changes nothing.
    assert sum(load_plan_file(skriv(tmp_path, efterfoljare())).uppdaterade.values()) == 0
    assert sum(load_plan_file(DEFAULT_PATH).uppdaterade.values()) == 0
    assert snapshot(gammal) == fore


def test_reloading_the_files_keeps_a_plan_marked_historical(client, plan, tmp_path):
    """The release steps run `load_plan` again: the earlier plan, marked historisk in the admin once
    its successor is in force, stays historisk, so its pages keep linking to its own addresses."""
    utdata = io.StringIO()
    call_command("load_plan", str(skriv(tmp_path, efterfoljare())), stdout=utdata)
    assert f"Obs: 2 planer är markerade som gällande ({NY}, {GAMMAL})" in utdata.getvalue()
    gammal = Plan.objects.get(slug=GAMMAL)
    gammal.status = "historisk"
    gammal.save()
    assert sum(load_plan_file(DEFAULT_PATH).uppdaterade.values()) == 0
    assert Plan.objects.get(slug=GAMMAL).status == "historisk"
    utdata = io.StringIO()
    call_command("load_plan", stdout=utdata)
    assert "Obs:" not in utdata.getvalue()
    sida = client.get(f"/planer/{GAMMAL}/malomraden/skapa-god-start-i-livet/").content.decode()
    assert f'href="/planer/{GAMMAL}/strategier/fokusera-pa-tidiga-insatser/"' in sida


def test_both_plans_are_readable_on_every_page_and_in_the_api(client, plan, tmp_path):
    load_plan_file(skriv(tmp_path, efterfoljare()))
    ny_titel = "Familjecentrerat arbetssätt, andra planperioden"
    gammal_titel = "Samverkan genom det familjecentrerade arbetssättet"
    short = client.get("/samverkansaktiviteter/familjecentrerat-arbetssatt/").content.decode()
    assert ny_titel in short
    old = client.get(f"/planer/{GAMMAL}/samverkansaktiviteter/familjecentrerat-arbetssatt/").content.decode()
    assert gammal_titel in old and ny_titel not in old
    assert "en historisk plan" not in old  # the earlier plan is still marked gällande in its own data
    for path in (
        "",
        "om-planen/",
        "matris/",
        "aktiviteter/",
        "organisationer/",
        "organisationer/kulturnamnden/",
        "malomraden/skapa-god-start-i-livet/",
        "strategier/fokusera-pa-tidiga-insatser/",
        "styrningsaktiviteter/integrera-jamlikhet/",
        "sok/?q=kultur",
        "matris.csv",
        "aktiviteter.xlsx",
        "uppfoljning/",  # the new plan has no period yet: no chart, no error
        "uppfoljning/flode.atom",
        "uppfoljning/statusrapporter.csv",
    ):
        for prefix in ("/", f"/planer/{GAMMAL}/", f"/planer/{NY}/"):
            assert client.get(prefix + path).status_code == 200, prefix + path
    matris = client.get(f"/planer/{GAMMAL}/matris/").content.decode()
    assert gammal_titel in matris or "familjecentrerade" in matris
    # The API: every plan-scoped row says which plan it is; filters and detail lookups take a plan.
    rader = client.get("/api/v1/samverkansaktiviteter/", {"limit": 100}).json()["results"]
    assert {r["plan"] for r in rader} == {GAMMAL, NY}
    assert len(client.get("/api/v1/strategier/", {"plan": GAMMAL, "limit": 100}).json()["results"]) == 23
    detalj = client.get("/api/v1/samverkansaktiviteter/familjecentrerat-arbetssatt/", {"plan": GAMMAL}).json()
    assert (detalj["plan"], detalj["titel"].startswith(gammal_titel)) == (GAMMAL, True)
    assert detalj["url"].endswith(f"?plan={GAMMAL}")
    assert client.get("/api/v1/samverkansaktiviteter/familjecentrerat-arbetssatt/").json()["plan"] == NY
    assert client.get("/api/v1/strategier/", {"plan": "finns-inte"}).status_code == 400
    assert {p["slug"] for p in client.get("/api/v1/planer/").json()["results"]} == {GAMMAL, NY}


def test_a_plan_in_the_query_leads_to_that_plans_own_address(client, plan, tmp_path):
    """`?plan=` at a short address (the API's parameter) is not silently ignored, and the chooser
    reaches an earlier plan even while it is still marked gällande in its own data."""
    load_plan_file(skriv(tmp_path, efterfoljare()))
    svar = client.get("/aktiviteter/", {"plan": GAMMAL, "organisation": "kulturnamnden"})
    assert (svar.status_code, svar["Location"]) == (302, f"/planer/{GAMMAL}/aktiviteter/?organisation=kulturnamnden")
    assert client.get("/matris/", {"plan": NY})["Location"] == f"/planer/{NY}/matris/"
    assert client.get("/strategier/fokusera-pa-tidiga-insatser/", {"plan": GAMMAL})["Location"] == (
        f"/planer/{GAMMAL}/strategier/fokusera-pa-tidiga-insatser/"
    )
    assert client.get("/matris/", {"plan": "finns-inte"}).status_code == 404
    assert client.get("/valj-plan/", {"plan": GAMMAL})["Location"] == f"/planer/{GAMMAL}/"
    assert client.get("/valj-plan/", {"plan": NY})["Location"] == "/"


def test_a_file_that_would_turn_a_plan_into_another_is_refused(plan, tmp_path):
    data = transkribering()
    data["plan"] |= {"giltig_fran": 2023, "giltig_till": 2026, "namn": "Samma kortnamn, ny plan"}
    fore = snapshot(plan)
    with pytest.raises(CommandError, match=r"plan\.slug: .*En ny plan behöver ett eget kortnamn"):
        call_command("load_plan", str(skriv(tmp_path, data)))
    assert snapshot(plan) == fore


@pytest.mark.parametrize(
    ("andra", "plats", "meddelande"),
    [
        (
            lambda d: d["samverkansaktiviteter"][1]["matris"].update({"finns-inte": ["fokusera-pa-tidiga-insatser"]}),
            r"samverkansaktiviteter\[1\]\.matris\.finns-inte",
            "Okänt målområde",
        ),
        (
            lambda d: d["samverkansaktiviteter"][0]["matris"]["skapa-god-start-i-livet"].append(
                "fokusera-pa-tidiga-insatser"
            ),
            r"samverkansaktiviteter\[0\]\.matris\.skapa-god-start-i-livet\[4\]",
            "står två gånger i samma cell",
        ),
        (
            lambda d: d["styrningsaktiviteter"][0]["ansvar"].append("Mölndals kommunstyrelse"),
            r"styrningsaktiviteter\[0\]\.ansvar\[1\]",
            r"hör till en annan kommun \(Mölndals stad\)",
        ),
        (
            lambda d: d["plan"]["malomraden"][1].pop("namn"),
            r"plan\.malomraden\[1\]",
            "”namn” saknas",
        ),
    ],
)
def test_a_bad_file_names_the_place_and_writes_nothing(plan, tmp_path, andra, plats, meddelande):
    call_command("load_plan", str(skriv(tmp_path, liten_kommun(), "molndal.json")))
    data = transkribering()
    data["plan"] |= {"slug": NY, "namn": "Ny plan", "giltig_fran": 2023, "giltig_till": 2026}
    data["uppfoljning"]["ar"] = 2025
    andra(data)
    with pytest.raises(CommandError, match=f"{plats}: .*{meddelande}"):
        call_command("load_plan", str(skriv(tmp_path, data)))
    assert not Plan.objects.filter(slug=NY).exists()
    assert not Malomrade.objects.filter(plan__slug=NY).exists()


def liten_kommun() -> dict:
    """A second municipality's small plan: three målområden, its own Kommunstyrelsen."""
    return {
        "kalla": "Testdata: en påhittad kommun.",
        "kommun": {"namn": "Mölndals stad", "slug": "molndals-stad", "kommunkod": "1481"},
        "program": {
            "namn": "Program för ett jämlikt Mölndal",
            "slug": "program-jamlikt-molndal",
            "giltig_fran": 2020,
            "giltig_till": 2030,
            "mal": "Mölndal ska vara jämlikt",
        },
        "organisationer": [
            {"namn": "Kommunstyrelsen", "slug": "kommunstyrelsen", "typ": "namnd"},
            {"namn": "Mölndals kommunstyrelse", "slug": "molndals-kommunstyrelse", "typ": "namnd"},
            {
                "namn": "Stadsledningsförvaltningen",
                "slug": "stadsledningsforvaltningen",
                "typ": "forvaltning",
                "tillhor": "Kommunstyrelsen",
                "rapporterar_for": "Kommunstyrelsen",
            },
        ],
        "plan": {
            "namn": "Mölndals plan för jämlikhet 2021–2024",
            "slug": "molndal-jamlikhet-2021-2024",
            "beslutad_av": "Kommunfullmäktige",
            "galler_for": "Alla nämnder",
            "diarienummer": "KS 1/21",
            "beslutsdatum": "2021-02-01",
            "giltig_fran": 2021,
            "giltig_till": 2024,
            "dokumentansvarig": "Stadsledningsförvaltningen",
            "malomraden": [
                {
                    "namn": f"Målområde {i}",
                    "slug": f"malomrade-{i}",
                    "strategier": [{"namn": f"Strategi {i}", "slug": f"strategi-{i}"}],
                }
                for i in range(1, 4)
            ],
        },
        "samverkansaktiviteter": [
            {
                "titel": "Samverkan i Mölndal",
                "slug": "samverkan",
                "samordningsansvar": ["Kommunstyrelsen"],
                "centrala_aktorer": [],
                "matris": {"malomrade-1": ["strategi-1"]},
            },
        ],
        "styrningsaktiviteter": [
            {"titel": "Uppföljning i Mölndal", "slug": "uppfoljning", "ansvar": ["Kommunstyrelsen"]}
        ],
        "uppfoljning": {
            "ar": 2021,
            "redovisas_med": "Årsrapport",
            "genomfors_av": "Kommunstyrelsen",
            "beskrivning": "En uppföljning.",
            "processutvarderingar": [],
        },
    }


def test_a_second_municipality_loads_beside_goteborg_without_merging(client, plan, tmp_path):
    goteborg = {
        "organisationer": list(Organisation.objects.filter(kommun__slug="goteborgs-stad").order_by("pk").values()),
        "plan": snapshot(plan),
    }
    load_plan_file(skriv(tmp_path, liten_kommun()))
    molndal = Kommun.objects.get(slug="molndals-stad")
    assert goteborg == {
        "organisationer": list(Organisation.objects.filter(kommun__slug="goteborgs-stad").order_by("pk").values()),
        "plan": snapshot(plan),
    }
    assert Organisation.objects.filter(namn="Kommunstyrelsen").count() == 2
    assert Organisation.objects.get(kommun=molndal, slug="stadsledningsforvaltningen").rapporterar_for.kommun == molndal
    molndals = Plan.objects.get(slug="molndal-jamlikhet-2021-2024")
    assert len(strategimatris(plan=molndals).kolumner) == 3
    page = client.get("/planer/molndal-jamlikhet-2021-2024/").content.decode()
    assert "Tre målområden" in page and "Fyra målområden" not in page
    assert "Mölndals plan för jämlikhet 2021–2024" in page
    assert client.get("/planer/molndal-jamlikhet-2021-2024/organisationer/kommunstyrelsen/").status_code == 200


def test_start_page_counts_each_status_per_malomrade(client, demo):
    """The overview on the start page: per målområde, the samverkansaktiviteter working in its column
    by their latest overall status (demo: pågår enligt plan ×2, med avvikelse, försenad)."""
    from jamlik.web.selectors import startsida, statusoversikt
    from uppfoljning.selectors.rapportering import aktuell_status

    plan = plan_current()
    rader = statusoversikt(startsida=startsida(plan=plan), status=aktuell_status(plan=plan))
    assert [sum(r.antal) + r.utan_status for r in rader] == [4, 4, 4, 4]  # every activity works in every column
    assert rader[0].antal == [0, 2, 1, 1, 0, 0]  # Status order: ej påbörjad, enligt plan, …
    page = client.get("/").content.decode()
    assert "Läget per målområde" in page
