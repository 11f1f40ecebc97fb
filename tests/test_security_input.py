"""Hostile input: script in every free-text field comes back escaped; injection-like filter values
give 400 (or are harmless), never 500; changing identifiers in URLs and payloads reaches nothing
that belongs to another organisation."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import URLPattern, get_resolver
from rest_framework.test import APIClient

from plan.models import Aktivitet, Medlemskap, Organisation
from tests.factories import demo_users
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.services import rapportering as services

pytestmark = pytest.mark.django_db

XSS = "<script>alert('xss')</script>\"><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;"


@pytest.fixture
def users(plan, frozen_today):
    """The demo users on a day the demo period is open (tests/clock.py): the hostile report is
    written and sent through the workflow, and the NUL test must be refused for the NUL alone."""
    users = demo_users()
    sbn = get_user_model().objects.create_user("sbn-samordnare", password="x-losen-123")
    Medlemskap.objects.create(anvandare=sbn, organisation=Organisation.objects.get(namn="Stadsbyggnadsnämnden"))
    return {**users, "sbn": sbn}


@pytest.fixture
def hostile_report(users):
    """A report with script in every text field, taken through return and approval."""
    tjp, sbn = users["tjansteperson"], users["sbn"]
    rapport = services.statusrapport_create(
        user=tjp, period=Uppfoljningsperiod.objects.get(slug="2021"),
        aktivitet=Aktivitet.objects.get(slug="hallbara-livsmiljoer"),
        organisation=Organisation.objects.get(namn="Kulturnämnden"),
        status="pagar_enligt_plan", genomfort=XSS, hinder=XSS, nasta_steg=XSS,
    )  # fmt: skip
    rapport = services.statusrapport_submit(user=tjp, rapport_id=rapport.pk, version=rapport.version)
    rapport = services.statusrapport_return(user=sbn, rapport_id=rapport.pk, version=rapport.version, kommentar=XSS)
    rapport = services.statusrapport_submit(user=tjp, rapport_id=rapport.pk, version=rapport.version)
    rapport = services.statusrapport_approve(user=sbn, rapport_id=rapport.pk, version=rapport.version)
    assert rapport.tillstand == Rapporttillstand.GODKAND
    return rapport


def test_script_in_every_text_field_is_rendered_escaped(client, users, hostile_report):
    pages = {
        None: ["/samverkansaktiviteter/hallbara-livsmiljoer/", "/organisationer/kulturnamnden/"],
        "sbn": [f"/rapportering/statusrapporter/{hostile_report.pk}/", "/rapportering/statusrapporter/"],
        "stadsledningskontoret": ["/rapportering/kompletthet/", "/rapportering/"],
        "tjansteperson": [f"/rapportering/statusrapporter/{hostile_report.pk}/", "/rapportering/"],
    }
    seen_escaped = 0
    for user, urls in pages.items():
        client.logout()
        if user:
            client.force_login(users[user])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "<script>alert" not in html, url
            assert "<img src=x onerror" not in html, url
            seen_escaped += ESCAPED in html
    assert seen_escaped >= 3  # the payload is shown, as text, on the pages that show report text


INJECTIONS = ["' OR 1=1 --", "1; DROP TABLE plan_organisation", "%00", "\x00", "' UNION SELECT NULL--", "ä" * 3000]


def filter_names() -> set[str]:
    names = {"q", "limit", "offset", "ordering", "search", "page"}
    for app in ("plan", "samverkan", "uppfoljning"):
        module = __import__(f"{app}.filters", fromlist=["*"])
        for value in vars(module).values():
            base_filters = getattr(value, "base_filters", None)
            if isinstance(base_filters, dict):
                names |= set(base_filters)
    return names


def parameterless_get_urls() -> list[str]:
    urls = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern).replace("^", "").replace("$", "")
            if isinstance(entry, URLPattern):
                if "<" not in route and "(?P" not in route and not route.startswith(("admin/", "i18n/")):
                    urls.append("/" + route.replace("\\.", "."))
            elif getattr(entry, "namespace", None) != "admin":
                walk(entry.url_patterns, route)

    walk(get_resolver().url_patterns)
    return urls


def test_injection_like_filter_values_never_cause_a_server_error(client, users):
    client.force_login(users["stadsledningskontoret"])  # sees every page and every filter
    names = sorted(filter_names())
    urls = parameterless_get_urls()
    assert len(urls) > 20 and "/api/v1/statusrapporter/" in urls and "/matris/" in urls
    failures = []
    for url in urls:
        for name in names:
            for value in INJECTIONS:
                status = client.get(url, {name: value}).status_code
                if status >= 500:
                    failures.append((url, name, repr(value[:20]), status))
    assert failures == []
    # Nothing was dropped or changed by the "injections".
    assert Organisation.objects.count() == 40


def test_injection_in_a_real_filter_is_a_400_with_a_reason(client):
    response = client.get("/api/v1/statusrapporter/", {"organisation": "' OR 1=1 --"})
    assert response.status_code == 400
    assert "organisation" in response.json()
    response = client.get("/api/v1/organisationer/", {"typ": "namnd' OR '1'='1"})
    assert response.status_code == 400


def test_ids_changed_in_api_payloads_reach_no_other_organisation(users):
    api = APIClient()
    api.force_authenticate(users["tjansteperson"])  # Kulturnämnden
    before = Statusrapport.objects.count()
    # Report in another organisation's name, for an activity where that organisation has a role.
    response = api.post(
        "/api/v1/statusrapporter/",
        {"period": "2021", "aktivitet": "hallbara-livsmiljoer", "organisation": "stadsbyggnadsnamnden",
         "status": "pagar_enligt_plan"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403
    assert Statusrapport.objects.count() == before
    # Another organisation's draft: not visible, so not editable or submittable by changing the id.
    other = Statusrapport.objects.get(organisation__namn="Nämnden för arbetsmarknad och vuxenutbildning")
    assert api.get(f"/api/v1/statusrapporter/{other.pk}/").status_code == 404
    response = api.put(
        f"/api/v1/statusrapporter/{other.pk}/", {"version": other.version, "status": "genomford"}, format="json"
    )
    assert response.status_code == 404
    assert api.post(f"/api/v1/statusrapporter/{other.pk}/submit/", {"version": other.version}).status_code == 404
    other.refresh_from_db()
    assert (other.status, other.tillstand) == ("ej_paborjad", "utkast")


def test_ids_changed_in_web_urls_reach_no_other_organisation(client, users):
    client.force_login(users["tjansteperson"])
    other = Statusrapport.objects.get(organisation__namn="Nämnden för arbetsmarknad och vuxenutbildning")
    assert client.get(f"/rapportering/statusrapporter/{other.pk}/andra/").status_code == 404
    response = client.post(
        f"/rapportering/statusrapporter/{other.pk}/andra/",
        {"version": other.version, "status": "genomford", "genomfort": "Kapat"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.genomfort != "Kapat"


def test_models_have_no_unlimited_text_reaching_html_unescaped():
    """Guard: no template marks model text safe. |safe and autoescape off are not used anywhere."""
    from django.conf import settings

    offenders = []
    for path in list((settings.BASE_DIR / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "|safe" in text or "autoescape off" in text:
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []
    assert apps.get_app_config("uppfoljning")


def test_nul_bytes_are_refused_with_a_reason(client, users):
    response = client.get("/api/v1/organisationer/", {"typ": "namnd\x00"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Förfrågan innehåller ett otillåtet tecken (NUL)."}
    assert client.get("/sok/", {"q": "kultur\x00"}).status_code == 400
    api = APIClient()
    api.force_authenticate(users["tjansteperson"])
    rapport = Statusrapport.objects.get(organisation__namn="Kulturnämnden", aktivitet__slug="skolan-som-gemensam-arena")
    response = api.put(
        f"/api/v1/statusrapporter/{rapport.pk}/",
        {"version": rapport.version, "status": "genomford", "genomfort": "noll\x00byte"},
        format="json",
    )
    assert response.status_code == 400
    rapport.refresh_from_db()
    assert "noll" not in rapport.genomfort
