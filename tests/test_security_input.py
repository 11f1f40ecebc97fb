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


# The hostile inputs and where each is tested: a non-numeric year when creating evaluations
# (web: tests/uppfoljning/publicering/test_utvardering.py; API: below), JSON nested 100 000 deep
# (every write of the API: below; the parser: tests/test_headers.py), NUL bytes (above), bodies
# over the limit refused from Content-Length before they are read and ZIP bombs in DOCX/XLSX
# (tests/test_uploads.py), empty and unknown sort terms (tests/test_ordering.py).

DEEP = "[" * 100_000 + "]" * 100_000


def write_operations(client) -> list[tuple[str, str]]:
    """Every POST/PUT of the API schema, with its path identifiers filled by real rows."""
    ids = {
        "statusrapporter": Statusrapport.objects.order_by("pk").first().pk,
        "uppfoljningsperioder": Uppfoljningsperiod.objects.order_by("pk").first().pk,
    }
    operations = []
    for path, methods in client.get("/api/schema/?format=json").json()["paths"].items():
        for method in methods.keys() & {"post", "put", "patch"}:
            resource = path.split("/")[3]
            operations.append((method, path.replace("{id}", str(ids.get(resource, 1)))))
    return operations


def test_json_nested_too_deep_is_a_400_on_every_write_of_the_api(users):
    api = APIClient()
    api.force_authenticate(users["stadsledningskontoret"])
    operations = write_operations(api)
    assert len(operations) >= 9  # reports (create, change, four workflow steps), periods, compilations
    for method, path in operations:
        response = getattr(api, method)(path, DEEP, content_type="application/json")
        assert response.status_code == 400, (method, path, response.status_code)
        assert response.json() == {"detail": "JSON-dokumentet är för djupt nästlat."}, (method, path)


HOSTILE_BODIES = [
    ('{"version": NaN, "status": "genomford"}', "JSON parse error"),
    ('{"version": Infinity, "status": "genomford"}', "JSON parse error"),
    ('{"version": 1e400, "status": "genomford"}', "version"),
    ('{"version": "ett", "status": "genomford"}', "version"),
    ('{"version": 1, "status": "genomford", "genomfort": "a\\ud800b"}', "genomfort"),
    ('{"version": 1, "status": "genomford", "strategier": "x"}', "strategier"),
    ('{"version": 1, "status": ["genomford"]}', "status"),
    ('"en sträng"', "non_field_errors"),
    ("[1, 2]", "non_field_errors"),
    ("\xff\xfe", "JSON parse error"),
    # JSON types as the schema states them (plan/api/fields.py): no silent conversion.
    ('{"version": "1", "status": "genomford"}', "version"),
    ('{"version": true, "status": "genomford"}', "version"),
    ('{"version": 1, "status": "genomford", "genomfort": 5}', "genomfort"),
    ('{"version": 1, "status": "genomford", "strategier": {}}', "strategier"),
]


@pytest.mark.parametrize(("body", "reason"), HOSTILE_BODIES)
def test_hostile_json_values_are_a_400_with_the_reason_and_change_nothing(users, body, reason):
    api = APIClient()
    api.force_authenticate(users["tjansteperson"])
    rapport = Statusrapport.objects.get(organisation__namn="Kulturnämnden", aktivitet__slug="skolan-som-gemensam-arena")
    before = (rapport.version, rapport.status, rapport.genomfort)
    response = api.put(f"/api/v1/statusrapporter/{rapport.pk}/", body, content_type="application/json")
    assert response.status_code == 400
    assert reason in response.content.decode()
    rapport.refresh_from_db()
    assert (rapport.version, rapport.status, rapport.genomfort) == before


@pytest.mark.parametrize(
    ("ar", "reason"),
    [("tjugo", "Ett giltigt heltal krävs."), ("2021x", "Ett giltigt heltal krävs."), ("", "Ett giltigt heltal krävs."),
     (99999999999999999999, "mindre än eller lika med"), (-1, "större än eller lika med"), (None, "")],
)  # fmt: skip
def test_a_year_that_is_not_a_year_is_a_400_when_compiling_through_the_api(users, ar, reason):
    from uppfoljning.models import Uppfoljningsrapport

    api = APIClient()
    api.force_authenticate(users["stadsledningskontoret"])
    response = api.post("/api/v1/uppfoljningsrapporter/", {"ar": ar}, format="json")
    assert response.status_code == 400
    assert reason in " ".join(response.json()["ar"])
    assert not Uppfoljningsrapport.objects.exists()


def test_numbers_beyond_any_column_are_404_or_400_never_500(client, users):
    huge = "9" * 30
    api = APIClient()
    api.force_authenticate(users["tjansteperson"])
    for path in ("statusrapporter", "uppfoljningsperioder", "processutvarderingar"):
        assert api.get(f"/api/v1/{path}/{huge}/").status_code == 404
    assert api.get("/api/v1/statusrapporter/", {"limit": huge, "offset": huge}).status_code == 200
    assert api.get("/api/v1/statusrapporter/", {"offset": "-1"}).status_code == 400
    rapport = Statusrapport.objects.get(organisation__namn="Kulturnämnden", aktivitet__slug="skolan-som-gemensam-arena")
    response = api.post(f"/api/v1/statusrapporter/{rapport.pk}/submit/", {"version": int(huge)}, format="json")
    assert response.status_code in {400, 409}
    client.force_login(users["tjansteperson"])
    assert client.get(f"/rapportering/statusrapporter/{huge}/").status_code == 404
    assert client.get("/rapportering/statusrapporter/", {"sida": huge}).status_code == 200
    response = client.post(
        f"/rapportering/statusrapporter/{rapport.pk}/andra/", {"version": huge, "status": "genomford"}
    )
    assert response.status_code < 500
    rapport.refresh_from_db()
    assert rapport.status != "genomford" or rapport.version == 1
