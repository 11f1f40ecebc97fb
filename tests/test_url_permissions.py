"""Every URL in the URLconf, walked: anonymous visitors reach only what is public, and nothing
answers 500. A new view that is neither listed as public nor protected fails this suite."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from plan.models import Plan
from uppfoljning.models import Uppfoljningsrapport

pytestmark = pytest.mark.django_db

# URL names (namespace:name) anonymous visitors may open, each listed by name: a new page is
# protected unless it is added here on purpose. Everything else must refuse anonymous visitors.
# The public pages of one plan: each exists at the short address (web:) and under /planer/<plan>/ (planer:).
PLANVYER = {
    "start",
    "plan",
    "sok",
    "matris",
    "matris-csv",
    "matris-xlsx",
    "malomrade",
    "strategi",
    "organisationer",
    "organisation",
    "aktiviteter",
    "aktiviteter-csv",
    "aktiviteter-xlsx",
    "samverkansaktivitet",
    "styrningsaktivitet",
    # The public follow-up: overview, Atom feed, approved reports as downloads (published fields only).
    "uppfoljning",
    "uppfoljning-flode",
    "statusrapporter-csv",
    "statusrapporter-xlsx",
    # Differences in living conditions: indicators by area, year and gender, and their values as downloads.
    "indikatorer",
    "indikator",
    "indikator-csv",
    "indikator-xlsx",
}
PUBLIC_NAMES = {
    *(f"web:{namn}" for namn in PLANVYER),
    *(f"planer:{namn}" for namn in PLANVYER),
    "web:planer",
    "web:plan_valj",
    # The city's colours as CSS custom properties (settings.PORTAL_THEME), loaded by every page.
    "web:tema",
    # Process evaluations are public once final (processutvarderingar_for_user hides the rest).
    "uppfoljning:processutvarderingar",
    "uppfoljning:processutvardering",
    # The accessibility statement and its feedback form (required by law to be open to everyone).
    "synpunkter:redogorelse",
    "synpunkter:synpunkt",
    "synpunkter:tack",
    "health",
    "login",
    # Password reset by e-mail (only while local passwords are on): for people who cannot log in.
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "api-schema",
    "api-docs",
    "api-root",
}
# Read-only public API endpoints (DRF router names); their querysets hide unpublished rows.
PUBLIC_API = re.compile(
    r"^(plan|malomrade|strategi|forutsattning|organisation|samverkansaktivitet|styrningsaktivitet|matris|"
    r"styrandedokument|styrande-dokument|matrisplacering|statusrapport|uppfoljningsperiod|processutvardering|"
    r"indikator|omrade|varde)"
    r"-(list|detail)$"
)
SKIP_PREFIXES = ("admin/", "static/", "media/", "i18n/setlang")


def walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns == "admin":
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield (prefix + str(entry.pattern)).replace("^", "").replace("$", ""), name, entry


def candidate_values():
    """Real identifiers present in the database, to fill URL parameters with."""
    slugs, pks = [], []
    for model in apps.get_models():
        if model._meta.app_label not in {"plan", "samverkan", "uppfoljning", "indikatorer"}:
            continue
        field_names = {f.name for f in model._meta.fields}
        if "slug" in field_names:
            slugs += list(model._default_manager.values_list("slug", flat=True)[:3])
        pks += list(model._default_manager.values_list("pk", flat=True)[:2])
    return slugs, sorted(set(pks))


def fill(route: str, slugs, pks) -> list[str]:
    """Concrete URLs for a route pattern, one per candidate value of its parameters (a plan
    parameter gets the plan in force's slug)."""
    route = route.replace("\\.", ".")
    route = route.replace("<slug:plan>", Plan.objects.order_by("-giltig_fran").first().slug)
    params = re.findall(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)", route)
    if not params:
        return ["/" + re.sub(r"\(\?P<format>[^)]*\)", "", route)]
    urls = []
    for value in [*slugs, *map(str, pks)]:
        url = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
        url = re.sub(r"\(\?P<format>[^)]*\)", "", url)
        url = re.sub(r"\(\?P<\w+>[^)]*\)", value, url)
        urls.append("/" + url)
    return urls


def test_every_url_refuses_anonymous_unless_public(client, admin_client, plan):
    call_command("load_demo", "--force", stdout=StringIO())
    call_command("load_demo_utvardering", "--force", stdout=StringIO())
    call_command("load_demo_indikatorer", "--force", stdout=StringIO())
    # A compilation under way, so the report's page and the progress fragment it polls are walked too.
    Uppfoljningsrapport.objects.create(plan=plan, ar=2021, version=1, status="running", koad=timezone.now())
    slugs, pks = candidate_values()
    checked, problems, reached = 0, [], set()
    for route, name, _ in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or ("format" in route and route.endswith(")")):
            continue
        # Find a URL for this route that exists (for a superuser): a real object, not a 404.
        for url in fill(route, slugs, pks):
            if admin_client.get(url).status_code not in {404, 400}:
                break
        else:
            continue  # no object of this kind in the demo data
        response = client.get(url)
        checked += 1
        reached.add(name)
        if response.status_code >= 500:
            problems.append(f"{url} ({name}): {response.status_code}")
        public = name in PUBLIC_NAMES or bool(PUBLIC_API.match(name or ""))
        if not public and response.status_code == 200:
            problems.append(f"{url} ({name}) is open to anonymous visitors but not listed as public")
    assert problems == []
    assert checked >= 30
    unreached = PUBLIC_NAMES - reached
    assert unreached <= {"set_language"}, f"listed as public but never checked: {unreached}"  # POST only
    assert {"uppfoljning:sammanstallning", "uppfoljning:sammanstallning_forlopp"} <= reached
    assert "web:monster" in reached  # the pattern library: walked, and refused to anonymous visitors


def test_anonymous_cannot_write_through_any_api_endpoint(client, plan):
    for route, name, _ in walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/") or not (name or "").endswith("-list") or "(?P<format>" in route:
            continue
        url = "/" + re.sub(r"\(\?P<format>[^)]*\)", "", route)
        response = client.post(url, {}, content_type="application/json")
        assert response.status_code in {401, 403, 405}, f"{url}: {response.status_code}"
