"""Starting a compilation: scope, the fingerprint of the published content (an unchanged start
makes no version), joining a running job, what changed since the previous version, and bad input
with Swedish messages (the web form and the API)."""

import re

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from jamlik.errors import Domanfel
from plan.models import Malomrade, Organisation
from plan.selectors import plan_current
from tests.factories import api_key
from uppfoljning.choices import Jobbstatus, Omfattning, Rapporttillstand, Utvarderingstillstand
from uppfoljning.models import Processutvardering, Statusrapport, Uppfoljningsrapport
from uppfoljning.sammanstallning import jobb
from uppfoljning.services.sammanstallning import Utfall, uppfoljningsrapport_start

pytestmark = pytest.mark.django_db


def start_and_compile(user, **kwargs):
    start = uppfoljningsrapport_start(user=user, plan=plan_current(), ar=2021, enqueue=False, **kwargs)
    if start.utfall == Utfall.NY:
        jobb.compile_uppfoljningsrapport(rapport_id=start.rapport.pk)
        start.rapport.refresh_from_db()
    return start


def test_unchanged_content_makes_no_new_version_and_a_change_lists_what_changed(demo, planagare, media_root):
    first = start_and_compile(planagare)
    assert (first.utfall, first.rapport.version, first.rapport.andringar) == (Utfall.NY, 1, {"foregaende": None})
    assert len(first.rapport.fingeravtryck) == 64

    same = start_and_compile(planagare)
    assert (same.utfall, same.rapport.pk) == (Utfall.OFORANDRAD, first.rapport.pk)
    assert Uppfoljningsrapport.objects.count() == 1

    # A report is approved, an approved one changed (a new version of its account) and an
    # evaluation finalised: the next start makes a version that names each.
    Statusrapport.objects.filter(tillstand=Rapporttillstand.INSKICKAD, organisation__namn="Kulturnämnden").update(
        tillstand=Rapporttillstand.GODKAND, version=F("version") + 1
    )
    Statusrapport.objects.filter(organisation__namn="Förskolenämnden").update(
        genomfort="Ny text", version=F("version") + 1
    )
    Processutvardering.objects.filter(tillstand=Utvarderingstillstand.UNDER_GRANSKNING).update(
        tillstand=Utvarderingstillstand.SLUTLIG, samlad_bedomning="i_lag_grad", version=F("version") + 1
    )
    second = start_and_compile(planagare)
    assert (second.utfall, second.rapport.version) == (Utfall.NY, 2)
    assert second.rapport.fingeravtryck != first.rapport.fingeravtryck
    andringar = second.rapport.andringar
    assert andringar["foregaende"] == 1 and andringar["foregaende_id"] == first.rapport.pk
    assert andringar["rapporter_nya"] == [
        "Samverkan genom det familjecentrerade arbetssättet för barns och ungas rätt till goda och likvärdiga "
        "uppväxtvillkor – Kulturnämnden – 2021"
    ]
    assert andringar["rapporter_andrade"] == ["Integrera jämlikhet i ordinarie verksamhet – Förskolenämnden – 2021"]
    assert andringar["utvarderingar_faststallda_antal"] == 1
    assert andringar["rapporter_borttagna_antal"] == 0

    # The version's page says so, with a link to the previous version.
    client = Client()
    client.force_login(planagare)
    html = " ".join(client.get(second.rapport.get_absolute_url()).content.decode().split())
    assert "Nya godkända redovisningar (1)" in html
    assert f'<a href="{first.rapport.get_absolute_url()}">version 1</a>' in html
    assert reverse("uppfoljning:sammanstallning_fil", args=[second.rapport.pk, "docx"]) in html


def test_a_second_start_of_the_same_scope_joins_the_running_job(demo, planagare):
    first = uppfoljningsrapport_start(user=planagare, plan=plan_current(), ar=2021, enqueue=False)
    again = uppfoljningsrapport_start(user=planagare, plan=plan_current(), ar=2021, enqueue=False)
    assert (again.utfall, again.rapport.pk) == (Utfall.PAGAENDE, first.rapport.pk)
    other = uppfoljningsrapport_start(
        user=planagare,
        plan=plan_current(),
        ar=2021,
        enqueue=False,
        omfattning=Omfattning.MALOMRADE,
        malomrade=Malomrade.objects.first(),
    )
    assert (other.utfall, other.rapport.version) == (Utfall.NY, 2)  # another scope: its own job
    assert Uppfoljningsrapport.objects.filter(status=Jobbstatus.PENDING).count() == 2


def test_a_year_with_no_period_is_refused_in_swedish(plan, planagare):
    with pytest.raises(Domanfel) as exc:
        uppfoljningsrapport_start(user=planagare, plan=plan, ar=2021, enqueue=False)
    assert exc.value.message_dict == {
        "ar": ["Göteborgs Stads plan för en jämlik stad 2019–2022 har ingen uppföljningsperiod till och med år 2021."]
    }
    assert not Uppfoljningsrapport.objects.exists()


def test_an_empty_scope_is_refused_in_swedish(demo, planagare):
    ingen = Organisation.objects.exclude(aktiviteter__isnull=False).exclude(statusrapporter__isnull=False).first()
    with pytest.raises(Domanfel) as exc:
        uppfoljningsrapport_start(
            user=planagare,
            plan=plan_current(),
            ar=2021,
            enqueue=False,
            omfattning=Omfattning.ORGANISATION,
            organisation=ingen,
        )
    assert exc.value.message_dict["organisation"] == [
        f"{ingen.namn} har ingen roll i planens aktiviteter och inga godkända rapporter: det finns inget att "
        "sammanställa."
    ]
    assert not Uppfoljningsrapport.objects.exists()


def test_web_form_shows_the_error_next_to_the_field_and_keeps_the_rest(client, demo, planagare):
    client.force_login(planagare)
    malomrade = Malomrade.objects.first()
    response = client.post(
        reverse("uppfoljning:sammanstallning_start"),
        {
            "uppfoljning": plan_current().planerade_uppfoljningar.get(ar=2021).pk,
            "omfattning": "organisation",
            "malomrade": malomrade.pk,
            "tvinga": "on",
        },
    )
    assert response.status_code == 400
    html = " ".join(response.content.decode().split())
    assert "Välj vilken organisation rapporten ska omfatta." in html
    assert 'href="#id_organisation"' in html  # the error summary links to the field
    assert re.search(r'<input type="radio" name="omfattning" value="organisation"[^>]*checked', html)
    assert f'<option value="{malomrade.pk}" selected>' in html
    assert not Uppfoljningsrapport.objects.exists()


def test_api_scope_force_and_unchanged(demo, planagare, media_root):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key(planagare)}")
    bad = api.post(
        "/api/v1/uppfoljningsrapporter/",
        {"ar": 2021, "omfattning": "malomrade", "malomrade": "finns-inte"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.data["malomrade"] == ["Ange kortnamnet på ett av planens målområden."]
    response = api.post(
        "/api/v1/uppfoljningsrapporter/",
        {"ar": 2021, "omfattning": "malomrade", "malomrade": "skapa-god-start-i-livet"},
        format="json",
    )
    assert response.status_code == 202
    assert (response.data["utfall"], response.data["omfattning"], response.data["malomrade"]) == (
        "ny",
        "malomrade",
        "skapa-god-start-i-livet",
    )
    jobb.compile_uppfoljningsrapport(rapport_id=response.data["id"])
    unchanged = api.post(
        "/api/v1/uppfoljningsrapporter/",
        {"ar": 2021, "omfattning": "malomrade", "malomrade": "skapa-god-start-i-livet"},
        format="json",
    )
    assert (unchanged.status_code, unchanged.data["utfall"], unchanged.data["id"]) == (
        200,
        "oforandrad",
        response.data["id"],
    )
    assert set(unchanged.data["filer"]) == {"pdf", "docx", "xlsx", "html"}
    docx = api.get(unchanged.data["filer"]["docx"]["url"])
    assert docx.status_code == 200
    assert docx["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    forced = api.post(
        "/api/v1/uppfoljningsrapporter/",
        {"ar": 2021, "omfattning": "malomrade", "malomrade": "skapa-god-start-i-livet", "tvinga": True},
        format="json",
    )
    assert (forced.status_code, forced.data["utfall"], forced.data["version"]) == (202, "ny", 2)


def test_docx_download_is_for_planagare_only(client, demo, planagare, media_root):
    rapport = start_and_compile(planagare).rapport
    url = reverse("uppfoljning:sammanstallning_fil", args=[rapport.pk, "docx"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(demo["tjansteperson"])
    assert client.get(url).status_code == 403
    client.force_login(planagare)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == rapport.docx_sha256
