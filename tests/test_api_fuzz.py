"""Fuzz the API with schemathesis against the portal's own OpenAPI schema (/api/schema/).

Every operation of the schema gets generated requests, valid and invalid (positive and negative
modes), anonymous and with a token of a demo official or planägare. The calls go in-process to the
WSGI application, inside the test's database transaction, so writes are rolled back afterwards.
Checks: no 5xx, documented status codes and content types, bodies matching the response schema,
and invalid input rejected with 4xx. Bounded and derandomised, so CI is deterministic and fast."""

import pytest
import schemathesis
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

from tests.factories import api_key

pytestmark = [pytest.mark.django_db]

MAX_EXAMPLES = 25
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


@pytest.fixture(params=["tjansteperson", "stadsledningskontoret"])
def token_headers(request, demo_data) -> dict:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=request.param)
    return {"Authorization": f"Token {api_key(user)}"}


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_anonymous(case, demo_data):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_authenticated(case, token_headers):
    case.call_and_validate(headers=token_headers, checks=CHECKS)
