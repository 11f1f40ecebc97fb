"""Fixtures for the follow-up: the demo reports and evaluations, a planägare and an isolated MEDIA_ROOT."""

import pytest
from django.contrib.auth.models import Group

from plan.choices import PLANAGARE_GRUPP
from plan.management.commands.load_demo import DEFAULT_PATH as DEMO_PATH
from plan.management.commands.load_demo import load_demo_file
from tests.factories import UserFactory
from uppfoljning.management.commands.load_demo_utvardering import load_demo_utvardering_file


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(plan):
    """The demo status reports and the demo process evaluations of 2021 (3 final, 1 under review, 1 draft)."""
    load_demo_file(DEMO_PATH)
    load_demo_utvardering_file()
    return plan


@pytest.fixture
def planagare(db):
    user = UserFactory(username="planagare")
    user.groups.add(Group.objects.get_or_create(name=PLANAGARE_GRUPP)[0])
    return user
