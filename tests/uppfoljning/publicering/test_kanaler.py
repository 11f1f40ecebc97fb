"""One definition of what is public (issue 11): marker text in every internal field of a report —
the return comment, the reopen reason and the return comment in the history, the name of whoever
reopened it — and in unpublished rows (a reopened report, a draft evaluation) never reaches an
anonymous reader through any public channel: pages, API list and detail, search, downloads, feed.
An official of an unrelated organisation sees the report's history without names or comments; the
people who may change, return or reopen it still see everything (so the walk can fail)."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from jamlik.actors import SYSTEM
from plan.choices import PLANAGARE_GRUPP
from tests.factories import UserFactory
from uppfoljning.choices import Rapporttillstand, Utvarderingstillstand
from uppfoljning.models import Processutvardering, Statusrapport
from uppfoljning.services.rapportering import (
    statusrapport_approve,
    statusrapport_reopen,
    statusrapport_return,
    statusrapport_submit,
)
from uppfoljning.services.utvardering import processutvardering_update

pytestmark = pytest.mark.django_db

RETUR = "MARKORRETUR"
ATEROPPNING = "MARKORATEROPPNING"
NAMN = "Markornamn"
UTKAST = "MARKORUTKAST"
UTVARDERINGSUTKAST = "MARKORUTVARDERINGSUTKAST"
MARKORER = (RETUR, ATEROPPNING, NAMN, UTKAST, UTVARDERINGSUTKAST)
PUBLICERAT = "Publicerad redovisning av hinder"


@pytest.fixture
def markerad(demo):
    """An approved report that went through a reopen and a return (markers in every internal field),
    an approved report reopened and rewritten (unpublished now), a draft evaluation with marker text."""
    granskare = UserFactory(username="granskare", first_name=NAMN, last_name="Planagare")
    granskare.groups.add(Group.objects.get(name=PLANAGARE_GRUPP))
    rapport = Statusrapport.objects.get(aktivitet__slug="integrera-jamlikhet", tillstand=Rapporttillstand.GODKAND)
    Statusrapport.objects.filter(pk=rapport.pk).update(hinder=PUBLICERAT)
    rapport = statusrapport_reopen(
        user=granskare, rapport_id=rapport.pk, version=rapport.version, motivering=f"{ATEROPPNING} siffror"
    )
    rapport = statusrapport_submit(user=SYSTEM, rapport_id=rapport.pk, version=rapport.version)
    rapport = statusrapport_return(user=SYSTEM, rapport_id=rapport.pk, version=rapport.version, kommentar=RETUR)
    rapport = statusrapport_submit(user=SYSTEM, rapport_id=rapport.pk, version=rapport.version)
    rapport = statusrapport_approve(user=SYSTEM, rapport_id=rapport.pk, version=rapport.version)
    assert (rapport.tillstand, rapport.returkommentar) == (Rapporttillstand.GODKAND, RETUR)

    annan = Statusrapport.objects.get(aktivitet__slug="familjecentrerat-arbetssatt", period__slug="2020")
    annan = statusrapport_reopen(user=granskare, rapport_id=annan.pk, version=annan.version, motivering="Fel")
    Statusrapport.objects.filter(pk=annan.pk).update(genomfort=UTKAST)

    utkast = Processutvardering.objects.get(tillstand=Utvarderingstillstand.UTKAST)
    processutvardering_update(
        user=SYSTEM, utvardering_id=utkast.pk, version=utkast.version, data={"lardomar": UTVARDERINGSUTKAST}
    )
    return rapport


def _text(response) -> str:
    body = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    if body[:2] == b"PK":  # XLSX: read every part of the workbook
        with zipfile.ZipFile(io.BytesIO(body)) as bok:
            return "".join(bok.read(namn).decode("utf-8", "replace") for namn in bok.namelist())
    return body.decode("utf-8", "replace")


def _public_urls(rapport) -> list[str]:
    aktivitet = rapport.aktivitet.get_absolute_url()
    utvarderingar = [
        f"/uppfoljning/processutvarderingar/{u.pk}/" for u in Processutvardering.objects.filter(tillstand="slutlig")
    ]
    return [
        "/",
        "/uppfoljning/",
        aktivitet,
        "/samverkansaktiviteter/familjecentrerat-arbetssatt/",
        f"/organisationer/{rapport.organisation.slug}/",
        "/organisationer/kulturnamnden/",
        "/uppfoljning/processutvarderingar/",
        *utvarderingar,
        f"/sok/?q={RETUR}",
        f"/sok/?q={UTKAST}",
        "/sok/?q=hinder",
        "/uppfoljning/statusrapporter.csv",
        "/uppfoljning/statusrapporter.xlsx",
        "/uppfoljning/flode.atom",
        "/api/v1/statusrapporter/",
        f"/api/v1/statusrapporter/{rapport.pk}/",
        "/api/v1/processutvarderingar/",
        *[f"/api/v1/processutvarderingar/{u.pk}/" for u in Processutvardering.objects.filter(tillstand="slutlig")],
    ]


def test_no_internal_text_on_any_public_channel(client, markerad):
    urls = _public_urls(markerad)
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = _text(response)
    for url, text in texts.items():
        if url.startswith("/sok/?q=MARKOR"):
            # The page repeats the query; what matters is that no report is found by internal text.
            assert "#rapport-" not in text, url
            continue
        for markor in MARKORER:
            assert markor not in text, f"{markor} in {url}"
    assert f"#rapport-{markerad.pk}" in texts["/sok/?q=hinder"]  # search does find published text
    # The published account is there, in full, on every channel that carries reports.
    for url in [markerad.aktivitet.get_absolute_url(), "/uppfoljning/statusrapporter.csv", "/uppfoljning/flode.atom"]:
        assert PUBLICERAT in texts[url], url
    assert PUBLICERAT in texts["/uppfoljning/statusrapporter.xlsx"]
    api = client.get(f"/api/v1/statusrapporter/{markerad.pk}/").json()
    assert api["hinder"] == PUBLICERAT and api["nasta_steg"] == markerad.nasta_steg
    assert "returkommentar" not in api and "version" not in api


def test_internals_only_for_those_who_may_change_return_or_reopen(client, markerad, demo):
    url = f"/rapportering/statusrapporter/{markerad.pk}/"
    # An official of an unrelated organisation reads the published report: when and what, no names, no comments.
    utomstaende = demo["tjansteperson2"]
    assert not utomstaende.has_perm("uppfoljning.view_internt_statusrapport", markerad)
    client.force_login(utomstaende)
    page = client.get(url).content.decode()
    assert "Återöppnad" in page and "Returnerad" in page
    for markor in (RETUR, ATEROPPNING, NAMN):
        assert markor not in page
    api = APIClient()
    api.force_authenticate(utomstaende)
    assert "returkommentar" not in api.get(f"/api/v1/statusrapporter/{markerad.pk}/").json()

    # The planägare (who may reopen it) sees who did what and why, on the page and in the API.
    planagare = demo["stadsledningskontoret"]
    client.force_login(planagare)
    page = client.get(url).content.decode()
    assert ATEROPPNING in page and RETUR in page and NAMN in page
    api.force_authenticate(planagare)
    assert api.get(f"/api/v1/statusrapporter/{markerad.pk}/").json()["returkommentar"] == RETUR
