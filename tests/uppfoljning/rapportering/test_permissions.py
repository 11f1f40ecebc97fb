"""The permission matrix: every role × every report-related page and API endpoint × read/write.

"Not visible" is 404 (the list hides it too); visible but not allowed is 403; an anonymous user is
sent to log in on web pages and gets 401/403 from the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plan.models import Aktivitet, Organisation
from tests.factories import MedlemskapFactory
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import statusrapporter_for_user

pytestmark = pytest.mark.django_db

ROLLER = ["anonym", "tjansteperson", "tjansteperson2", "samordnare", "stadsledningskontoret", "sbn"]


def _row(*expected) -> dict:
    """Expected outcomes in ROLLER order."""
    return dict(zip(ROLLER, expected, strict=True))


@pytest.fixture
def world(demo):
    sbn = MedlemskapFactory(
        anvandare__username="sbn", organisation=Organisation.objects.get(namn="Stadsbyggnadsnämnden")
    ).anvandare
    users = {**demo, "sbn": sbn, "anonym": None}
    period = Uppfoljningsperiod.objects.get(slug="2021")
    rapporter = {
        # Kulturnämnden's draft in an activity Grundskolenämnden leads
        "kultur_utkast": Statusrapport.objects.get(
            period=period, aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
        ),
        # Kulturnämnden's submitted report in familjecentrerat (led by Förskole- and Grundskolenämnden)
        "kultur_inskickad": Statusrapport.objects.get(
            period=period, aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Kulturnämnden"
        ),
        # Stadsbyggnadsnämnden's draft in the activity it leads
        "sbn_utkast": Statusrapport.objects.create(
            period=period,
            aktivitet=Aktivitet.objects.get(slug="hallbara-livsmiljoer"),
            organisation=Organisation.objects.get(namn="Stadsbyggnadsnämnden"),
            status="pagar_enligt_plan",
        ),
        "nordost_godkand": Statusrapport.objects.get(
            period=period, aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Socialnämnden Nordost"
        ),
    }
    return users, rapporter


def _web(users, roll):
    from django.test import Client

    client = Client()
    if users[roll]:
        client.force_login(users[roll])
    return client


def _api(users, roll):
    client = APIClient()
    if users[roll]:
        client.force_authenticate(users[roll])
    return client


# Reading a report: web detail page and API detail. 200 = may read, 404 = hidden.
READ = {
    "kultur_utkast": _row(404, 200, 404, 200, 200, 404),
    "kultur_inskickad": _row(404, 200, 404, 200, 200, 404),
    "sbn_utkast": _row(404, 404, 404, 404, 200, 200),
    "nordost_godkand": _row(200, 200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("rapport_key", READ)
@pytest.mark.parametrize("roll", ROLLER)
def test_read_report(world, roll, rapport_key):
    users, rapporter = world
    rapport = rapporter[rapport_key]
    expected = READ[rapport_key][roll]
    # The web report pages are the officials' workspace: anonymous visitors are sent to log in
    # (the public reads approved reports on the activity pages and through the API).
    web_expected = 302 if roll == "anonym" else expected
    assert _web(users, roll).get(reverse("uppfoljning:statusrapport", args=[rapport.pk])).status_code == web_expected
    assert _api(users, roll).get(f"/api/v1/statusrapporter/{rapport.pk}/").status_code == expected
    # The lists show exactly what the detail pages allow.
    user = users[roll] or __import__("django.contrib.auth.models", fromlist=["AnonymousUser"]).AnonymousUser()
    in_list = statusrapporter_for_user(user).filter(pk=rapport.pk).exists()
    assert in_list == (expected == 200)
    api_ids = {r["id"] for r in _api(users, roll).get("/api/v1/statusrapporter/?limit=500").json()["results"]}
    assert (rapport.pk in api_ids) == (expected == 200)


# Editing a report (web edit page GET, API PUT). 302 = to login; 400 = allowed but the state forbids.
WRITE = {
    #                         anonym      tjp         tjp2        samordnare  planägare   sbn
    "kultur_utkast":   _row((302, 403), (200, 200), (404, 404), (403, 403), (403, 403), (404, 404)),
    "sbn_utkast":      _row((302, 403), (404, 404), (404, 404), (404, 404), (403, 403), (200, 200)),
    "nordost_godkand": _row((302, 403), (403, 403), (302, 400), (403, 403), (403, 403), (403, 403)),
}  # fmt: skip
# An approved report is its own organisation's but not editable now: the web edit page sends the
# official back to the report with the reason (302), the API answers 400 with it.


@pytest.mark.parametrize("rapport_key", WRITE)
@pytest.mark.parametrize("roll", ROLLER)
def test_change_report(world, roll, rapport_key):
    users, rapporter = world
    rapport = rapporter[rapport_key]
    web_expected, api_expected = WRITE[rapport_key][roll]
    assert _web(users, roll).get(reverse("uppfoljning:statusrapport_andra", args=[rapport.pk])).status_code == (
        web_expected
    )
    response = _api(users, roll).put(
        f"/api/v1/statusrapporter/{rapport.pk}/",
        {"version": rapport.version, "status": "forsenad", "genomfort": "Ändrat"},
        format="json",
    )
    assert response.status_code == api_expected
    rapport.refresh_from_db()
    assert (rapport.status == "forsenad") == (api_expected == 200)


# Workflow actions on Kulturnämnden's submitted report (led by Grundskolenämnden = samordnare).
ACTIONS = {
    "approve": _row(403, 403, 404, 200, 403, 404),
    "return": _row(403, 403, 404, 200, 403, 404),
    "reopen": _row(403, 403, 404, 403, 200, 404),
    "submit": _row(403, 400, 404, 403, 403, 404),
}  # fmt: skip


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("roll", ROLLER)
def test_workflow_actions_api(world, roll, action):
    users, rapporter = world
    rapport = rapporter["kultur_inskickad"]
    body = {"version": rapport.version, "kommentar": "Komplettera", "motivering": "Fel siffror"}
    response = _api(users, roll).post(f"/api/v1/statusrapporter/{rapport.pk}/{action}/", body, format="json")
    assert response.status_code == ACTIONS[action][roll]


WEB_ACTIONS = {"godkann": "approve", "returnera": "return", "ateroppna": "reopen", "skicka-in": "submit"}


@pytest.mark.parametrize("segment", WEB_ACTIONS)
@pytest.mark.parametrize("roll", ROLLER)
def test_workflow_actions_web(world, roll, segment):
    users, rapporter = world
    rapport = rapporter["kultur_inskickad"]
    before = rapport.version
    body = {"version": rapport.version, "retur-version": rapport.version, "ateroppna-version": rapport.version}
    body["godkann-version"] = rapport.version
    body |= {"retur-kommentar": "Komplettera", "ateroppna-motivering": "Fel siffror"}
    url = reverse("uppfoljning:statusrapport_action", args=[rapport.pk, segment])
    response = _web(users, roll).post(url, body)
    api_expected = ACTIONS[WEB_ACTIONS[segment]][roll]
    # Web: allowed → redirect to the report with the change made; a domain error (400) → redirect
    # with a message and nothing changed; forbidden → 403/404; anonymous → to the login page.
    expected = {200: 302, 400: 302, 403: 403, 404: 404}[api_expected] if roll != "anonym" else 302
    assert response.status_code == expected
    rapport.refresh_from_db()
    assert (rapport.version != before) == (api_expected == 200 and roll != "anonym")


PAGES = {
    "uppfoljning:mina_rapporter": _row(302, 200, 200, 200, 200, 200),
    "uppfoljning:statusrapporter": _row(302, 200, 200, 200, 200, 200),
    "uppfoljning:kompletthet": _row(302, 403, 403, 200, 200, 200),
    "uppfoljning:kompletthet_xlsx": _row(302, 403, 403, 200, 200, 200),
    "uppfoljning:perioder": _row(302, 403, 403, 403, 200, 403),
    "uppfoljning:period_ny": _row(302, 403, 403, 403, 200, 403),
}  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("roll", ROLLER)
def test_pages(world, roll, name):
    users, _ = world
    assert _web(users, roll).get(reverse(name)).status_code == PAGES[name][roll]


def test_kulturnamnden_cannot_create_for_stadsbyggnadsnamnden(world):
    users, _ = world
    response = _api(users, "tjansteperson").post(
        "/api/v1/statusrapporter/",
        {
            "period": "2021",
            "aktivitet": "hallbara-livsmiljoer",
            "organisation": "stadsbyggnadsnamnden",
            "status": "forsenad",
        },
        format="json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("roll", "expected"),
    [("anonym", 403), ("tjansteperson", 403), ("samordnare", 403), ("stadsledningskontoret", 201)],
)
def test_create_period_api(world, roll, expected):
    users, _ = world
    response = _api(users, roll).post(
        "/api/v1/uppfoljningsperioder/",
        {"namn": "2022", "slug": "2022", "oppnar": "2022-11-01", "sista_dag": "2023-01-31"},
        format="json",
    )
    assert response.status_code == expected
    assert Uppfoljningsperiod.objects.filter(slug="2022").exists() == (expected == 201)


def test_attachment_download_follows_read_permission(world, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from uppfoljning.services.rapportering import bilaga_add

    settings.MEDIA_ROOT = tmp_path
    users, rapporter = world
    rapport = rapporter["kultur_utkast"]
    bilaga = bilaga_add(
        user=users["tjansteperson"],
        rapport_id=rapport.pk,
        fil=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 test", content_type="text/html"),
    )
    url = reverse("uppfoljning:bilaga", args=[bilaga.pk])
    expected = READ["kultur_utkast"]
    for roll in ROLLER:
        response = _web(users, roll).get(url)
        assert response.status_code == (302 if roll == "anonym" else expected[roll]), roll
        if expected[roll] == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
            assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
