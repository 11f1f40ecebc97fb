"""Shared fixtures. The plan is loaded once into the test database (PostgreSQL under make test);
tests that flush the database (live server) get it back through the `plan` fixture."""

import os

import pytest
from django.contrib.auth.models import Group

from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file
from plan.choices import PLANAGARE_GRUPP
from plan.models import Plan
from plan.selectors import plan_current
from tests import clock
from tests.factories import UserFactory, demo_users

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


@pytest.fixture
def demo(plan):
    """The demo data set through the real loaders: users (tjansteperson (Kulturnämnden), tjansteperson2
    (Socialnämnden Nordost), samordnare (Grundskolenämnden), stadsledningskontoret (Planägare), admin),
    status reports, and the 2021 process evaluations (3 final, 1 under review, 1 draft)."""
    users = demo_users()
    load_demo_utvardering_file()
    return users


@pytest.fixture
def planagare(db):
    user = UserFactory(username="planagare")
    user.groups.add(Group.objects.get_or_create(name=PLANAGARE_GRUPP)[0])
    return user


@pytest.fixture
def machine_clock():
    """The machine's clock beneath the frozen one: the real clock. A module overrides this to check
    that the suite holds on another day (tests/uppfoljning/rapportering/test_after_2031.py)."""
    yield


@pytest.fixture
def frozen_today(machine_clock):
    """Today is clock.IDAG (a day inside the demo's open period) for this process while the test
    runs. Only for tests whose clock-reading code runs in this process: see tests/clock.py."""
    with clock.frozen():
        yield clock.IDAG
