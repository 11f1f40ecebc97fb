"""Permissions: only planägare start, follow and download compilations; the public and partners
see only final process evaluations (web and API)."""

import pytest
from rest_framework.test import APIClient

from plan.selectors import plan_current
from tests.factories import MedlemskapFactory
from uppfoljning.models import Processutvardering, Uppfoljningsrapport
from uppfoljning.sammanstallning import jobb as compilation

pytestmark = pytest.mark.django_db


@pytest.fixture
def tjansteperson(db):
    return MedlemskapFactory().anvandare


@pytest.fixture
def klar_rapport(demo):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    return compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("who", ["anonym", "tjansteperson"])
def test_api_refuses_non_planagare(who, tjansteperson, klar_rapport):
    client = api(tjansteperson if who == "tjansteperson" else None)
    assert client.post("/api/v1/uppfoljningsrapporter/", {"ar": 2021}, format="json").status_code == 403
    assert client.get("/api/v1/uppfoljningsrapporter/").status_code == 403
    assert client.get(f"/api/v1/uppfoljningsrapporter/{klar_rapport.pk}/filer/pdf/").status_code == 403
    assert Uppfoljningsrapport.objects.count() == 1


def test_web_refuses_tjansteperson_and_sends_anonymous_to_login(client, tjansteperson, klar_rapport):
    url = f"/uppfoljning/rapporter/{klar_rapport.pk}/ladda-ned/pdf/"
    assert client.get(url).status_code == 302
    client.force_login(tjansteperson)
    assert client.get(url).status_code == 403
    assert client.get("/uppfoljning/rapporter/").status_code == 403
    assert client.post("/uppfoljning/rapporter/starta/", {"ar": 2021}).status_code == 403


def test_planagare_downloads_as_attachment(client, planagare, klar_rapport):
    client.force_login(planagare)
    response = client.get(f"/uppfoljning/rapporter/{klar_rapport.pk}/ladda-ned/xlsx/")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.xlsx"'
    )
    assert client.get(f"/uppfoljning/rapporter/{klar_rapport.pk}/visa/").status_code == 200


def test_unfinished_job_has_no_files(client, planagare, demo):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    client.force_login(planagare)
    assert client.get(f"/uppfoljning/rapporter/{rapport.pk}/ladda-ned/pdf/").status_code == 404
    assert api(planagare).get(f"/api/v1/uppfoljningsrapporter/{rapport.pk}/").data["filer"] == {}


def test_public_sees_only_final_evaluations(client, demo, tjansteperson, planagare):
    slutliga = ["familjecentrerat-arbetssatt", "skolan-som-gemensam-arena", "hallbara-livsmiljoer"]
    assert [u["aktivitet"] for u in api().get("/api/v1/processutvarderingar/").json()["results"]] == slutliga
    assert [u["aktivitet"] for u in api(tjansteperson).get("/api/v1/processutvarderingar/").data["results"]] == slutliga
    assert len(api(planagare).get("/api/v1/processutvarderingar/").data["results"]) == 5
    utkast = Processutvardering.objects.get(aktivitet__slug="integrera-jamlikhet")
    assert client.get(f"/uppfoljning/processutvarderingar/{utkast.pk}/").status_code == 404
    assert api().get(f"/api/v1/processutvarderingar/{utkast.pk}/").status_code == 404
    page = client.get("/uppfoljning/processutvarderingar/").content.decode()
    assert page.count("<tr>") == 1 + 3
    assert utkast.aktivitet.titel not in page
    client.force_login(tjansteperson)
    assert client.get(f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/").status_code == 404


def test_planagare_edits_through_the_form(client, demo, planagare):
    utkast = Processutvardering.objects.get(aktivitet__slug="integrera-jamlikhet")
    client.force_login(planagare)
    delar = list(utkast.delar.all())
    data = {"version": utkast.version, "samlad_bedomning": "i_hog_grad", "lardomar": "Nya lärdomar."}
    for d in delar:
        data[f"del{d.pk}-samlad_bedomning"] = "i_viss_grad"
    response = client.post(f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/", data)
    assert response.status_code == 302
    utkast.refresh_from_db()
    assert (utkast.lardomar, utkast.samlad_bedomning, utkast.version) == ("Nya lärdomar.", "i_hog_grad", 3)
    # Sending for review saves what was typed in the same step (one form, nothing discarded).
    data = {**data, "version": 3, "lardomar": "Skrivet precis före granskning.", "handling": "submit"}
    response = client.post(f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/", data)
    assert response.status_code == 302
    utkast.refresh_from_db()
    assert (utkast.tillstand, utkast.lardomar, utkast.version) == (
        "under_granskning",
        "Skrivet precis före granskning.",
        5,
    )
    # A stale version is a conflict (409, as in the API): every typed word stays on the page,
    # nothing changes, and the form now carries the saved version.
    data = {**data, "version": 3, "lardomar": "Inaktuell version.", "handling": "finalise"}
    response = client.post(f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/", data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Inaktuell version." in html
    assert "Någon annan har sparat ändringar" in html
    assert 'name="version" value="5"' in html
    utkast.refresh_from_db()
    assert (utkast.tillstand, utkast.lardomar) == ("under_granskning", "Skrivet precis före granskning.")
    # Saving again from that page is a deliberate choice, and is taken.
    response = client.post(f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/", {**data, "version": 5})
    assert response.status_code == 302
    utkast.refresh_from_db()
    assert (utkast.tillstand, utkast.lardomar) == ("slutlig", "Inaktuell version.")
    # On a final evaluation only the state can change; a stale press shows the page as saved (409).
    response = client.post(
        f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/", {"version": 5, "handling": "reopen"}
    )
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar" in response.content.decode()
    utkast.refresh_from_db()
    assert utkast.tillstand == "slutlig"
