"""Fixtures for the follow-up: demo users, reports and evaluations, a planägare and an isolated MEDIA_ROOT."""

import pytest
from django.contrib.auth.models import Group

from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from plan.choices import PLANAGARE_GRUPP
from tests.factories import UserFactory, demo_users


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
