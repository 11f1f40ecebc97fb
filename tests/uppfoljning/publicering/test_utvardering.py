"""A process evaluation publishes approved evidence only, and a final one keeps the status its
evidence had when it was finalised; creating evaluations with a year that is not a number is a
Swedish message, never a 500."""

import pytest
from django.contrib.messages import get_messages

from jamlik.actors import SYSTEM
from uppfoljning.choices import Rapporttillstand, Utvarderingshandling, Utvarderingstillstand
from uppfoljning.models import Processutvardering, Statusrapport
from uppfoljning.services.rapportering import statusrapport_reopen, statusrapport_update
from uppfoljning.services.utvardering import processutvardering_transition, processutvardering_update

pytestmark = pytest.mark.django_db


def test_final_evaluation_shows_the_evidence_as_it_was_when_finalised(client, demo):
    utvardering = Processutvardering.objects.get(tillstand=Utvarderingstillstand.UNDER_GRANSKNING)
    godkand = Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND).first()
    utkast = Statusrapport.objects.filter(tillstand=Rapporttillstand.UTKAST).first()
    utvardering = processutvardering_update(
        user=SYSTEM, utvardering_id=utvardering.pk, version=utvardering.version, data={}, underlag=[godkand]
    )
    # A report that is no longer approved is linked in the database but never shown.
    utvardering.underlag.add(utkast)
    utvardering = processutvardering_transition(
        user=SYSTEM, utvardering_id=utvardering.pk, handling=Utvarderingshandling.FINALISE, version=utvardering.version
    )
    assert utvardering.faststalld is not None
    assert [r["id"] for r in utvardering.faststalld_underlag] == [godkand.pk]
    status_da = godkand.get_status_display()

    # Later the report is reopened and its status changed: the final evaluation still shows the old one.
    godkand = statusrapport_reopen(user=SYSTEM, rapport_id=godkand.pk, version=godkand.version, motivering="Fel")
    ny_status = "avbruten" if godkand.status != "avbruten" else "genomford"
    statusrapport_update(
        user=SYSTEM,
        rapport_id=godkand.pk,
        version=godkand.version,
        status=ny_status,
        genomfort="",
        hinder="",
        nasta_steg="",
        strategier=[],
    )
    page = client.get(f"/uppfoljning/processutvarderingar/{utvardering.pk}/").content.decode()
    assert f"#rapport-{godkand.pk}" in page and status_da in page
    assert f"#rapport-{utkast.pk}" not in page
    api = client.get(f"/api/v1/processutvarderingar/{utvardering.pk}/").json()
    assert [(r["id"], r["status"]) for r in api["underlag"]] == [
        (godkand.pk, utvardering.faststalld_underlag[0]["status"])
    ]

    # Reopened for review, it shows the evidence as it is now: approved reports only (none left).
    utvardering = processutvardering_transition(
        user=SYSTEM, utvardering_id=utvardering.pk, handling=Utvarderingshandling.REOPEN, version=utvardering.version
    )
    assert utvardering.faststalld_underlag is None


def test_form_offers_approved_reports_only(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    utvardering = Processutvardering.objects.get(aktivitet__slug="familjecentrerat-arbetssatt")
    utvardering = processutvardering_transition(
        user=SYSTEM, utvardering_id=utvardering.pk, handling=Utvarderingshandling.REOPEN, version=utvardering.version
    )
    page = client.get(f"/uppfoljning/processutvarderingar/{utvardering.pk}/redigera/").content.decode()
    for rapport in Statusrapport.objects.filter(aktivitet=utvardering.aktivitet):
        erbjuden = f'name="underlag" value="{rapport.pk}"' in page
        assert erbjuden == (rapport.tillstand == Rapporttillstand.GODKAND), rapport


@pytest.mark.parametrize("ar", ["tjugo", "2021x", "", "99999"])
def test_create_with_a_bad_year_is_a_swedish_message(client, demo, ar):
    client.force_login(demo["stadsledningskontoret"])
    response = client.post("/uppfoljning/processutvarderingar/skapa/", {"ar": ar})
    assert response.status_code == 302
    meddelanden = [str(m) for m in get_messages(response.wsgi_request)]
    assert meddelanden and all(m.endswith(".") for m in meddelanden)
    assert any(ord_ in meddelanden[0] for ord_ in ("årtal", "uppföljningsår", "Kontrollera", "Säkerställ"))
