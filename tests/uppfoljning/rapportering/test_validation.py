"""Invalid input gets a Swedish message next to the field, and the rest of the form is kept."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from rest_framework.test import APIClient

from tests.clock import IDAG
from uppfoljning.models import Aktivitetsstatus, Statusrapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def utkast(demo):
    return Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )


def _post(client, rapport, **extra):
    data = {"version": rapport.version, "status": "forsenad", "genomfort": "Mitt arbete", "hinder": "Inga"}
    return client.post(reverse("uppfoljning:statusrapport_andra", args=[rapport.pk]), data | extra)


def test_status_not_in_list(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    response = _post(client, utkast, status="trasig")
    assert response.status_code == 200
    assert response.context["form"].errors["status"] == ["Välj en status ur listan."]
    assert "Mitt arbete</textarea>" in response.content.decode()


def test_text_over_limit(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    response = _post(client, utkast, hinder="x" * 5001)
    assert response.context["form"].errors["hinder"] == [
        "Texten har 5001 tecken men får ha högst 5000. Korta den – allt du skrev står kvar i fältet."
    ]
    utkast.refresh_from_db()
    assert utkast.version == 1


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"<html><script>alert(1)</script>", "Filtypen är inte tillåten."),
        (b"MZ\x90\x00 exe", "Filtypen är inte tillåten."),
    ],
)
def test_forbidden_attachment_type_by_content(client, demo, utkast, content, error):
    client.force_login(demo["tjansteperson"])
    response = _post(client, utkast, bilaga=SimpleUploadedFile("rapport.pdf", content, content_type="application/pdf"))
    assert response.context["form"].errors["bilaga"][0].startswith(error)
    assert utkast.bilagor.count() == 0


def test_attachment_too_large(client, demo, utkast, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(demo["tjansteperson"])
    response = _post(client, utkast, bilaga=SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * (1024 * 1024)))
    assert response.context["form"].errors["bilaga"] == ["Filen är för stor. Största tillåtna storlek är 1 MB."]


def test_valid_attachment_is_stored(client, demo, utkast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(demo["tjansteperson"])
    response = _post(client, utkast, bilaga=SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\nDATA"))
    assert response.status_code == 302
    bilaga = utkast.bilagor.get()
    assert (bilaga.filnamn, bilaga.innehallstyp, bilaga.storlek) == ("bild.png", "image/png", 12)


def test_closed_period(client, demo, utkast):
    igar = IDAG - timedelta(days=1)  # today is frozen (tests/uppfoljning/conftest.py)
    utkast.period.sista_dag = igar
    utkast.period.save()
    client.force_login(demo["tjansteperson"])
    response = _post(client, utkast)
    assert response.context["form"].errors["__all__"] == [
        f"Perioden 2021 stängde {igar.isoformat()}. Be planägaren att öppna rapporten igen."
    ]
    assert "Mitt arbete</textarea>" in response.content.decode()


def test_reopen_allows_change_after_deadline_and_is_logged(demo):
    from uppfoljning.services.rapportering import statusrapport_reopen, statusrapport_update

    rapport = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Kulturnämnden"
    )
    rapport.period.sista_dag = IDAG - timedelta(days=1)
    rapport.period.save()
    statusrapport_reopen(user=demo["stadsledningskontoret"], rapport_id=rapport.pk, version=1, motivering="Fel år")
    rapport = statusrapport_update(
        user=demo["tjansteperson"],
        rapport_id=rapport.pk,
        version=2,
        status="genomford",
        genomfort="Rättat",
        hinder="",
        nasta_steg="",
        strategier=[],
    )
    assert (rapport.tillstand, rapport.ateroppnad, rapport.version) == ("returnerad", True, 3)
    assert rapport.history.filter(history_change_reason="Återöppnad: Fel år").count() == 1


def test_conflict_keeps_the_users_text(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    _post(client, utkast, genomfort="Första")
    response = _post(client, utkast, genomfort="Min egen text")  # still version 1
    assert response.status_code == 409  # as in the API
    assert response.context["form"].non_field_errors()[0].startswith("Någon annan har sparat ändringar")
    assert "Min egen text</textarea>" in response.content.decode()
    utkast.refresh_from_db()
    assert utkast.genomfort == "Första"


def test_stale_workflow_action_is_409_with_the_report_as_saved_and_the_comment_kept(client, demo):
    rapport = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Kulturnämnden"
    )
    sedd = rapport.version
    Statusrapport.objects.filter(pk=rapport.pk).update(version=F("version") + 1)  # someone else saved
    client.force_login(demo["samordnare"])
    url = reverse("uppfoljning:statusrapport_action", args=[rapport.pk, "returnera"])
    response = client.post(url, {"retur-version": sedd, "retur-kommentar": "Komplettera med siffror."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat ändringar" in html
    assert "Komplettera med siffror.</textarea>" in html
    assert f'name="retur-version" value="{sedd + 1}"' in html  # pressing again acts on the saved version
    rapport.refresh_from_db()
    assert (rapport.tillstand, rapport.version) == ("inskickad", sedd + 1)
    response = client.post(url, {"retur-version": sedd + 1, "retur-kommentar": "Komplettera med siffror."})
    assert response.status_code == 302
    rapport.refresh_from_db()
    assert rapport.tillstand == "returnerad"


def test_overall_status_conflict_is_409_and_keeps_the_text(client, demo):
    url = reverse("uppfoljning:aktivitetsstatus", args=["2021", "skolan-som-gemensam-arena"])
    rader = Aktivitetsstatus.objects.filter(period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena")
    sedd = rader.first().version if rader.exists() else 0
    client.force_login(demo["samordnare"])
    data = {"version": sedd, "status": "pagar_enligt_plan", "sammanfattning": "Kollegans sammanfattning"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"sammanfattning": "Min sammanfattning"})  # the version seen before
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat ändringar" in html
    assert "Min sammanfattning</textarea>" in html
    assert f'name="version" value="{sedd + 1}"' in html  # saving again replaces theirs, deliberately
    assert rader.get().sammanfattning == "Kollegans sammanfattning"
    assert client.post(url, data | {"version": sedd + 1, "sammanfattning": "Min sammanfattning"}).status_code == 302
    assert (rader.get().sammanfattning, rader.get().version) == ("Min sammanfattning", sedd + 2)


def test_api_unknown_plan_is_a_400_with_the_reason_in_the_chosen_language(demo):
    api = APIClient()
    api.force_authenticate(demo["tjansteperson"])
    body = {"plan": "finns-inte", "period": "2021", "aktivitet": "skolan-som-gemensam-arena", "status": "forsenad"}
    response = api.post("/api/v1/statusrapporter/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"plan": ["Okänd plan ”finns-inte”."]})
    api.cookies.load({"django_language": "en"})
    response = api.post("/api/v1/statusrapporter/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"plan": ["Unknown plan “finns-inte”."]})


def test_api_conflict_is_409_and_domain_error_400(demo, utkast):
    api = APIClient()
    api.force_authenticate(demo["tjansteperson"])
    url = f"/api/v1/statusrapporter/{utkast.pk}/"
    assert api.put(url, {"version": 1, "status": "forsenad"}, format="json").status_code == 200
    response = api.put(url, {"version": 1, "status": "genomford"}, format="json")
    assert (response.status_code, response.json()["version"]) == (409, 2)
    assert api.put(url, {"status": "genomford"}, format="json").status_code == 400  # version required
    response = api.put(url, {"version": 2, "status": "trasig"}, format="json")
    assert (response.status_code, response.json()) == (400, {"status": ["Välj en status ur listan."]})
    assert api.post(url + "approve/", {"version": 2}, format="json").status_code == 403
    response = api.post(url + "submit/", {"version": 2}, format="json")
    assert response.status_code == 200
    response = api.post(url + "submit/", {"version": 3}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": ["En rapport som är ”Inskickad” kan inte bli ”Inskickad”."]}
    # Filters shared with the web list
    anon = APIClient().get("/api/v1/statusrapporter/?period=2021&tillstand=utkast").json()
    assert anon["count"] == 0
