"""Shared fixtures. The plan is loaded once into the test database (PostgreSQL under make test);
tests that flush the database (live server) get it back through the `plan` fixture."""

import os

import pytest

from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
from plan.models import Plan
from plan.selectors import plan_current

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_plan_file(DEFAULT_PATH)


@pytest.fixture
def plan(db) -> Plan:
    if not Plan.objects.exists():
        load_plan_file(DEFAULT_PATH)
    return plan_current()
