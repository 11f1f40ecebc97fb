"""Fuzz the API with schemathesis against the portal's own OpenAPI schema (/api/schema/).

Every operation of the schema gets generated requests, valid and invalid (positive and negative
modes), anonymous and with an API key (knox) of each role: tjänsteperson, samordnare, planägare.
Identifiers in the path are mostly real ones (the rows the role sees in the API's own lists, and
those a planägare sees), so the requests reach real objects and their workflow, not only 404s.
The calls go in-process to the WSGI application, inside the test's database transaction, so writes
are rolled back afterwards. Checks: no 5xx, documented status codes and content types, bodies
matching the response schema, and invalid input rejected with 4xx. Bounded and derandomised, so CI
is deterministic and fast. The compile start (202) and the file downloads (PDF, XLSX, HTML) are
validated against the schema with real requests below."""

import zlib

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from plan.selectors import plan_current
from tests.factories import api_key
from uppfoljning.models import Uppfoljningsrapport
from uppfoljning.sammanstallning import jobb as compilation

pytestmark = [pytest.mark.django_db]

# Examples per operation: anonymous calls are cheap reads; with a key, each of three roles reaches
# real rows and their workflow (history, locks), so fewer per role keep the run within about 4 minutes.
MAX_EXAMPLES = 20
MAX_EXAMPLES_PER_ROLE = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)

FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
ROLE_SETTINGS = settings(FUZZ_SETTINGS, max_examples=MAX_EXAMPLES_PER_ROLE)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Django's WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's own test client disconnects the same signal handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo_data(plan):
    call_command("load_demo", "--force", verbosity=0)


ROLES = ["tjansteperson", "samordnare", "stadsledningskontoret"]


@pytest.fixture(params=ROLES)
def role(request, demo_data):
    return get_user_model().objects.get(username=request.param)


@pytest.fixture
def token_headers(role) -> dict:
    return {"Authorization": f"Token {api_key(role)}"}


@pytest.fixture
def identifiers(demo_data):
    """Real identifiers per resource (…/api/v1/<resource>/…), read from the API's own list through
    the same WSGI application: what the caller sees, and what a planägare sees (some of it hidden
    from the caller: 404)."""
    planagare = {"Authorization": f"Token {api_key(get_user_model().objects.get(username='stadsledningskontoret'))}"}
    found: dict[str, list] = {}

    def lookup(headers: dict | None, resource: str) -> list:
        if resource not in found:
            values = set()
            for who in (headers or {}, planagare):
                operation = schema[f"/api/v1/{resource}/"]["GET"]
                response = operation.Case(query={"limit": 200}).call(headers=who)
                if response.status_code == 200:
                    values |= {row.get("id", row.get("slug")) for row in response.json()["results"]}
            found[resource] = sorted(v for v in values if v is not None)
        return found[resource]

    return lookup


def with_real_identifiers(case, lookup, headers=None) -> None:
    """Replace the generated `id`/`slug` in the path by a real one, chosen deterministically from
    the generated value; the generated value itself stays one of the choices (made-up ids: 404)."""
    if not case.path_parameters:
        return
    resource = case.path.split("/")[3]
    for name in ("id", "slug"):
        if name in case.path_parameters:
            generated = case.path_parameters[name]
            choices = [*lookup(headers, resource), generated]
            case.path_parameters[name] = choices[zlib.crc32(repr(generated).encode()) % len(choices)]


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_anonymous(case, demo_data, identifiers):
    with_real_identifiers(case, identifiers)
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@ROLE_SETTINGS
def test_api_authenticated(case, token_headers, identifiers):
    with_real_identifiers(case, identifiers, token_headers)
    case.call_and_validate(headers=token_headers, checks=CHECKS)


def header(response, name: str) -> str:
    (value,) = {k.lower(): v for k, v in response.headers.items()}[name.lower()]
    return value


def test_compile_start_answers_202_as_the_schema_says(demo_data):
    headers = {"Authorization": f"Token {api_key(get_user_model().objects.get(username='stadsledningskontoret'))}"}
    operation = schema["/api/v1/uppfoljningsrapporter/"]["POST"]
    response = operation.Case(body={"ar": 2021}, media_type="application/json").call_and_validate(
        headers=headers, checks=CHECKS
    )
    assert response.status_code == 202
    assert header(response, "Location") == response.json()["poll_url"]
    assert Uppfoljningsrapport.objects.filter(ar=2021, status="pending").count() == 1
    # Polling it is documented too.
    poll = schema["/api/v1/uppfoljningsrapporter/{id}/"]["GET"].Case(path_parameters={"id": response.json()["id"]})
    assert poll.call_and_validate(headers=headers, checks=CHECKS).status_code == 200


def test_downloads_carry_the_media_types_the_schema_documents(demo_data):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    rapport = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    headers = {"Authorization": f"Token {api_key(get_user_model().objects.get(username='stadsledningskontoret'))}"}
    operation = schema["/api/v1/uppfoljningsrapporter/{id}/filer/{filformat}/"]["GET"]
    expected = {
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "html": "text/html",
    }
    for filformat, media_type in expected.items():
        for accept in ("*/*", media_type):  # asking for the file's own type is no 406
            case = operation.Case(path_parameters={"id": rapport.pk, "filformat": filformat})
            response = case.call_and_validate(headers={**headers, "Accept": accept}, checks=CHECKS)
            assert response.status_code == 200
            assert header(response, "Content-Type").split(";")[0] == media_type
            assert header(response, "X-Content-SHA256") == rapport.fil(filformat)[1]
    missing = operation.Case(path_parameters={"id": rapport.pk + 1000, "filformat": "pdf"})
    response = missing.call_and_validate(headers={**headers, "Accept": "application/pdf"}, checks=CHECKS)
    assert (response.status_code, header(response, "Content-Type")) == (404, "application/json")
