"""The import page: upload, preview with every refusal shown, apply all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indikatorer.models import Varde

pytestmark = pytest.mark.django_db

BRA = b"indikator;omrade;ar;kon;varde\nN00914;SO1;2020;T;61,5\nN00914;SO2;2020;T;70\n"
DALIG = b"indikator;omrade;ar;kon;varde\nN00914;SO1;2020;T;61,5\nN00914;Atlantis;2020;T;70\n"


def test_anonymous_and_officials_may_not_import(client, demo, plan):
    url = reverse("indikatorer:import")
    assert client.get(url).status_code == 302
    client.force_login(demo["tjansteperson"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("indikatorer:import_mall")).status_code == 403


def test_a_bad_row_is_shown_with_its_reason_and_nothing_is_offered_to_save(client, planagare, indikatorer):
    client.force_login(planagare)
    svar = client.post(reverse("indikatorer:import"), {"fil": SimpleUploadedFile("v.csv", DALIG)})
    assert svar.status_code == 400
    text = svar.content.decode()
    assert "Okänt område ”Atlantis”." in text
    assert "1 fel i filen. Inget sparas förrän filen är rättad." in text
    assert 'name="token"' not in text
    assert not Varde.objects.exists()


def test_preview_then_save_all_rows(client, planagare, indikatorer):
    client.force_login(planagare)
    svar = client.post(reverse("indikatorer:import"), {"fil": SimpleUploadedFile("v.csv", BRA)})
    assert svar.status_code == 200
    assert "2 nya värden, 0 ändrade och 0 oförändrade." in svar.content.decode()
    assert not Varde.objects.exists()
    token = svar.context["token"]
    svar = client.post(reverse("indikatorer:import_spara"), {"token": token}, follow=True)
    assert "Statistiken är sparad: 2 nya och 0 ändrade värden, 0 oförändrade." in svar.content.decode()
    assert Varde.objects.count() == 2
    # The token is used up.
    svar = client.post(reverse("indikatorer:import_spara"), {"token": token}, follow=True)
    assert "Förhandsvisningen har gått ut" in svar.content.decode()


def test_the_template_downloads(client, planagare):
    client.force_login(planagare)
    svar = client.get(reverse("indikatorer:import_mall"))
    assert svar.status_code == 200 and svar.content[:2] == b"PK"


def test_a_file_over_the_limit_is_refused_before_parsing(client, planagare, indikatorer, settings):
    settings.INDIKATORER_IMPORT_MAX_BYTES = 10
    client.force_login(planagare)
    svar = client.post(reverse("indikatorer:import"), {"fil": SimpleUploadedFile("v.csv", BRA)})
    assert svar.status_code == 400
    assert "Filen är för stor" in svar.content.decode()
