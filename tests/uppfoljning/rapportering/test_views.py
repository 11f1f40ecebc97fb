"""The reporting pages: the whole workflow through the web forms, without JavaScript."""

import pytest
from django.urls import reverse

from plan.models import Organisation
from tests.factories import MedlemskapFactory
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport

pytestmark = pytest.mark.django_db


def _rapport(aktivitet, organisation, period="2021"):
    return Statusrapport.objects.get(period__slug=period, aktivitet__slug=aktivitet, organisation__namn=organisation)


def test_login_lands_on_mina_rapporter(client, demo):
    response = client.post(reverse("login"), {"username": "tjansteperson", "password": "demo-jamlik-2021"}, follow=True)
    assert response.redirect_chain[-1] == (reverse("uppfoljning:mina_rapporter"), 302)
    assert response.status_code == 200


def test_mina_rapporter_lists_what_is_missing_drafts_and_returned(client, demo):
    client.force_login(demo["tjansteperson"])
    response = client.get(reverse("uppfoljning:mina_rapporter"))
    assert response.status_code == 200
    mina = response.context["mina"]
    assert [r.aktivitet.slug for r in mina.utkast] == ["skolan-som-gemensam-arena"]
    assert [r.aktivitet.slug for r in mina.inskickade] == ["familjecentrerat-arbetssatt"]
    assert mina.returnerade == []
    att_skapa = [(a.slug, o.namn) for a, o in mina.att_skapa]
    assert ("hallbara-livsmiljoer", "Kulturnämnden") in att_skapa
    assert all(o == "Kulturnämnden" for _, o in att_skapa)


def test_create_edit_submit_return_approve(client, demo):
    client.force_login(demo["tjansteperson"])
    url = reverse("uppfoljning:statusrapport_ny") + "?aktivitet=hallbara-livsmiljoer&period=2021"
    response = client.get(url)
    assert response.status_code == 200
    org = response.context["form"].fields["organisation"].queryset.get()
    response = client.post(
        url, {"organisation": org.pk, "status": "pagar_enligt_plan", "genomfort": "Läsfrämjande i Angered."}
    )
    rapport = _rapport("hallbara-livsmiljoer", "Kulturnämnden")
    assert response.status_code == 302
    assert (rapport.tillstand, rapport.version, rapport.skapad_av) == ("utkast", 1, demo["tjansteperson"])
    response = client.post(reverse("uppfoljning:statusrapport_action", args=[rapport.pk, "skicka-in"]), {"version": 1})
    rapport.refresh_from_db()
    assert (rapport.tillstand, rapport.version) == ("inskickad", 2)

    # Stadsbyggnadsnämnden has samordningsansvar for hållbara livsmiljöer.
    samordnare = MedlemskapFactory(
        anvandare__username="sbn", organisation=Organisation.objects.get(namn="Stadsbyggnadsnämnden")
    ).anvandare
    client.force_login(samordnare)
    client.post(
        reverse("uppfoljning:statusrapport_action", args=[rapport.pk, "returnera"]),
        {"retur-version": 2, "retur-kommentar": "Vilka bibliotek?"},
    )
    rapport.refresh_from_db()
    assert (rapport.tillstand, rapport.returkommentar) == ("returnerad", "Vilka bibliotek?")

    client.force_login(demo["tjansteperson"])
    response = client.post(
        reverse("uppfoljning:statusrapport_andra", args=[rapport.pk]),
        {"version": 3, "status": "pagar_enligt_plan", "genomfort": "Angered och Bergsjön."},
    )
    assert response.status_code == 302
    client.post(reverse("uppfoljning:statusrapport_action", args=[rapport.pk, "skicka-in"]), {"version": 4})
    client.force_login(samordnare)
    client.post(reverse("uppfoljning:statusrapport_action", args=[rapport.pk, "godkann"]), {"godkann-version": 5})
    rapport.refresh_from_db()
    assert (rapport.tillstand, rapport.version, rapport.godkand_av) == (Rapporttillstand.GODKAND, 6, samordnare)
    reasons = list(
        rapport.history.order_by("history_id").values_list("history_change_reason", "history_user__username")
    )
    assert reasons == [
        ("Skapad", "tjansteperson"),
        ("Inskickad", "tjansteperson"),
        ("Returnerad: Vilka bibliotek?", "sbn"),
        ("Ändrad", "tjansteperson"),
        ("Inskickad", "tjansteperson"),
        ("Godkänd", "sbn"),
    ]
    client.logout()
    # Approved: the public reads it on the activity page; the officials' page asks for a login.
    rapport.refresh_from_db()
    public_page = client.get(rapport.aktivitet.get_absolute_url())
    assert rapport.genomfort in public_page.content.decode()
    assert client.get(reverse("uppfoljning:statusrapport", args=[rapport.pk])).status_code == 302


def test_pages_render(client, demo):
    for user in ("tjansteperson", "samordnare", "stadsledningskontoret"):
        client.force_login(demo[user])
        for name in ("uppfoljning:mina_rapporter", "uppfoljning:statusrapporter"):
            assert client.get(reverse(name)).status_code == 200
    client.force_login(demo["stadsledningskontoret"])
    for name in ("uppfoljning:kompletthet", "uppfoljning:perioder", "uppfoljning:period_ny"):
        assert client.get(reverse(name)).status_code == 200
    for rapport in Statusrapport.objects.all():
        assert client.get(reverse("uppfoljning:statusrapport", args=[rapport.pk])).status_code == 200


def test_report_list_sorts_by_every_column_on_the_web_and_in_the_api(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    url = reverse("uppfoljning:statusrapporter")
    for falt, nyckel in (("organisation", lambda r: r.organisation.namn), ("uppdaterad", lambda r: r.uppdaterad)):
        upp = list(client.get(url, {"ordning": falt}).context["rapporter"])
        ned = list(client.get(url, {"ordning": f"-{falt}"}).context["rapporter"])
        assert len(upp) > 2 and upp == sorted(upp, key=nyckel) and ned == sorted(ned, key=nyckel, reverse=True)
    page = client.get(url, {"ordning": "organisation", "tillstand": "godkand"}).content.decode()
    assert 'aria-sort="ascending"><a class="sorterbar" href="?ordning=-organisation&amp;tillstand=godkand"' in page
    assert page.count('aria-sort="none"') == 6
    assert client.get(url, {"ordning": "hemligt_falt"}).status_code == 400
    api = client.get("/api/v1/statusrapporter/", {"ordning": "-organisation", "limit": 100}).json()["results"]
    namn = [Organisation.objects.get(slug=r["organisation"]).namn for r in api]
    assert namn == sorted(namn, reverse=True)
