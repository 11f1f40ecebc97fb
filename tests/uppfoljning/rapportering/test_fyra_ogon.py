"""Four eyes in the permission matrix: nobody approves or returns a report of their own organisation
or one they submitted; such reports go to another organisation with samordningsansvar or to the
planägare. An administrator without an organisation never acts as an official. Web and API."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from jamlik.rules import may
from plan.models import Aktivitet, Medlemskap, Organisation
from tests.factories import MedlemskapFactory
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import att_granska
from uppfoljning.services import rapportering as services

pytestmark = pytest.mark.django_db

ROLLER = ["tjansteperson", "samordnare", "forskola", "stadsledningskontoret", "admin"]


def _row(*expected) -> dict:
    return dict(zip(ROLLER, expected, strict=True))


@pytest.fixture
def world(demo):
    forskola = MedlemskapFactory(
        anvandare__username="forskola", organisation=Organisation.objects.get(namn="Förskolenämnden")
    ).anvandare
    users = {**demo, "forskola": forskola}
    period = Uppfoljningsperiod.objects.get(slug="2021")
    grundskola = Organisation.objects.get(namn="Grundskolenämnden")

    def submitted(aktivitet_slug: str) -> Statusrapport:
        rapport = Statusrapport.objects.filter(
            period=period, aktivitet__slug=aktivitet_slug, organisation=grundskola
        ).first() or services.statusrapport_create(
            user=users["samordnare"],
            period=period,
            aktivitet=Aktivitet.objects.get(slug=aktivitet_slug),
            organisation=grundskola,
            status="pagar_enligt_plan",
        )
        return services.statusrapport_submit(user=users["samordnare"], rapport_id=rapport.pk, version=rapport.version)

    rapporter = {
        # Grundskolenämnden alone leads skolan-som-gemensam-arena: its own report goes to the planägare.
        "egen_ensam": submitted("skolan-som-gemensam-arena"),
        # Förskolenämnden and Grundskolenämnden lead familjecentrerat: the other one, or the planägare.
        "egen_delad": submitted("familjecentrerat-arbetssatt"),
        # Kulturnämnden's report in familjecentrerat: both leading organisations review it.
        "kultur": Statusrapport.objects.get(
            period=period, aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Kulturnämnden"
        ),
    }
    return users, rapporter


# 200 done; 400 refused with the four-eyes reason; 403 not a reviewer; 404 cannot even read it.
APPROVE = {
    "egen_ensam": _row(404, 400, 404, 200, 200),
    "egen_delad": _row(404, 400, 200, 200, 200),
    "kultur": _row(403, 200, 200, 403, 403),
}


@pytest.mark.parametrize("action", ["approve", "return"])
@pytest.mark.parametrize("rapport_key", APPROVE)
@pytest.mark.parametrize("roll", ROLLER)
def test_four_eyes_api(world, roll, rapport_key, action):
    users, rapporter = world
    rapport = rapporter[rapport_key]
    client = APIClient()
    client.force_authenticate(users[roll])
    body = {"version": rapport.version, "kommentar": "Komplettera med siffror"}
    response = client.post(f"/api/v1/statusrapporter/{rapport.pk}/{action}/", body, format="json")
    expected = APPROVE[rapport_key][roll]
    assert response.status_code == expected, response.content
    if expected == 400:
        assert "egen organisation" in response.json()["detail"][0]
    rapport.refresh_from_db()
    assert (rapport.tillstand != Rapporttillstand.INSKICKAD) == (expected == 200)


@pytest.mark.parametrize("segment", ["godkann", "returnera"])
@pytest.mark.parametrize("rapport_key", APPROVE)
@pytest.mark.parametrize("roll", ROLLER)
def test_four_eyes_web(world, roll, rapport_key, segment):
    users, rapporter = world
    rapport = rapporter[rapport_key]
    client = Client()
    client.force_login(users[roll])
    expected = APPROVE[rapport_key][roll]
    detail = client.get(reverse("uppfoljning:statusrapport", args=[rapport.pk]))
    assert detail.status_code == (404 if expected == 404 else 200)
    if expected != 404:
        # The buttons show exactly when the service would accept the press.
        form_action = reverse("uppfoljning:statusrapport_action", args=[rapport.pk, segment])
        assert (form_action in detail.content.decode()) == (expected == 200)
    body = {
        "godkann-version": rapport.version,
        "godkann-kommentar": "Bra",
        "retur-version": rapport.version,
        "retur-kommentar": "Komplettera",
    }
    response = client.post(reverse("uppfoljning:statusrapport_action", args=[rapport.pk, segment]), body)
    assert response.status_code == {200: 302, 400: 302, 403: 403, 404: 404}[expected]
    rapport.refresh_from_db()
    assert (rapport.tillstand != Rapporttillstand.INSKICKAD) == (expected == 200)


def test_waiting_for_review_lists_exactly_what_may_be_reviewed(world):
    users, rapporter = world
    period = Uppfoljningsperiod.objects.get(slug="2021")
    for roll in ROLLER:
        listed = set(att_granska(user=users[roll], period=period).values_list("pk", flat=True))
        for key, rapport in rapporter.items():
            assert (rapport.pk in listed) == (APPROVE[key][roll] == 200), (roll, key)
        for pk in listed:
            assert users[roll].has_perm("uppfoljning.approve_statusrapport", Statusrapport.objects.get(pk=pk))


def test_the_submitter_never_reviews_even_after_changing_organisation(world):
    users, _rapporter = world
    tjp = users["tjansteperson"]
    rapport = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    rapport = services.statusrapport_submit(user=tjp, rapport_id=rapport.pk, version=rapport.version)
    assert rapport.inskickad_av == tjp
    # The official moves to Grundskolenämnden, which leads the activity.
    Medlemskap.objects.filter(anvandare=tjp).delete()
    MedlemskapFactory(anvandare=tjp, organisation=Organisation.objects.get(namn="Grundskolenämnden"))
    tjp = type(tjp).objects.get(pk=tjp.pk)
    rapport = Statusrapport.objects.get(pk=rapport.pk)
    assert not tjp.has_perm("uppfoljning.approve_statusrapport", rapport)
    assert users["samordnare"].has_perm("uppfoljning.approve_statusrapport", rapport)
    with pytest.raises(services.Domanfel) as exc:
        services.statusrapport_approve(user=tjp, rapport_id=rapport.pk, version=rapport.version)
    assert exc.value.code == "fyra_ogon"


def test_administrator_without_organisation_is_no_official(world):
    users, _ = world
    admin = users["admin"]
    assert admin.is_superuser and not Medlemskap.objects.filter(anvandare=admin).exists()
    utkast = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    for perm in ("change_statusrapport", "submit_statusrapport"):
        assert not may(admin, f"uppfoljning.{perm}", utkast)
        assert admin.has_perm(f"uppfoljning.{perm}", utkast)  # Django alone would say yes
    client = APIClient()
    client.force_authenticate(admin)
    assert (
        client.put(
            f"/api/v1/statusrapporter/{utkast.pk}/", {"version": utkast.version, "status": "forsenad"}, format="json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/statusrapporter/{utkast.pk}/submit/", {"version": utkast.version}, format="json"
        ).status_code
        == 403
    )
    response = client.post(
        "/api/v1/statusrapporter/",
        {"period": "2021", "aktivitet": "hallbara-livsmiljoer", "organisation": "kulturnamnden", "status": "forsenad"},
        format="json",
    )
    assert response.status_code == 403
    web = Client()
    web.force_login(admin)
    assert web.get(reverse("uppfoljning:statusrapport_andra", args=[utkast.pk])).status_code == 403


def test_approval_comment_is_kept_and_shown_only_to_those_allowed(world):
    users, rapporter = world
    rapport = rapporter["kultur"]
    services.statusrapport_approve(
        user=users["samordnare"], rapport_id=rapport.pk, version=rapport.version, kommentar="  Tydlig rapport.  "
    )
    rapport.refresh_from_db()
    assert rapport.godkannandekommentar == "Tydlig rapport."
    assert rapport.history.first().godkannandekommentar == "Tydlig rapport."
    url = f"/api/v1/statusrapporter/{rapport.pk}/"
    seen = {}
    for roll in ["tjansteperson", "samordnare", "stadsledningskontoret", "tjansteperson2", None]:
        client = APIClient()
        if roll:
            client.force_authenticate(users[roll])
        seen[roll] = client.get(url).json()["godkannandekommentar"]
    assert seen == {
        "tjansteperson": "Tydlig rapport.",
        "samordnare": "Tydlig rapport.",
        "stadsledningskontoret": "Tydlig rapport.",
        "tjansteperson2": None,  # Socialnämnden Nordost reads the published report, not the review note
        None: None,
    }
    for roll, visible in [("tjansteperson", True), ("tjansteperson2", False)]:
        web = Client()
        web.force_login(users[roll])
        html = web.get(reverse("uppfoljning:statusrapport", args=[rapport.pk])).content.decode()
        assert ("Tydlig rapport." in html) == visible, roll


def test_approval_comment_too_long_is_a_400_with_reason(world):
    users, rapporter = world
    rapport = rapporter["kultur"]
    client = APIClient()
    client.force_authenticate(users["samordnare"])
    response = client.post(
        f"/api/v1/statusrapporter/{rapport.pk}/approve/",
        {"version": rapport.version, "kommentar": "x" * 2001},
        format="json",
    )
    assert response.status_code == 400
    rapport.refresh_from_db()
    assert rapport.tillstand == Rapporttillstand.INSKICKAD
