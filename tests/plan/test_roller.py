"""The roles exist on every installation, demo data or not: the group Planägare is created by a
data migration (plan/migrations/0002_roller.py), so `migrate` alone gives a production install its
plan owner role. Officials and samordnare are not groups: they follow from a user's organisation."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from jamlik.rules import may
from plan.choices import PLANAGARE_GRUPP
from tests.factories import UserFactory

roller = importlib.import_module("plan.migrations.0002_roller")


# An ordinary (rolled-back) test: pytest-django runs these before every transactional test, so it
# sees the database as `migrate` (and the session's plan loader, which adds no users or groups)
# left it — no flush of a live-server test can have removed the group yet.
@pytest.mark.django_db
def test_migrate_alone_creates_the_planagare_group_and_it_works():
    assert not get_user_model().objects.exists()  # no demo users: nothing but the migrations ran
    grupp = Group.objects.get(name=PLANAGARE_GRUPP)
    user = UserFactory(username="planagare-utan-demo")
    assert not may(user, "uppfoljning.manage_uppfoljningsperiod")
    user.groups.add(grupp)
    user = get_user_model().objects.get(pk=user.pk)  # fresh: no cached permissions
    assert may(user, "uppfoljning.manage_uppfoljningsperiod")
    assert may(user, "uppfoljning.add_uppfoljningsrapport")


@pytest.mark.django_db
def test_the_role_migration_is_idempotent_and_keeps_members():
    grupp, _created = Group.objects.get_or_create(name=PLANAGARE_GRUPP)
    grupp.user_set.add(UserFactory(username="befintlig-planagare"))
    roller.create_roles(apps, None)
    roller.create_roles(apps, None)
    assert Group.objects.filter(name=PLANAGARE_GRUPP).count() == 1
    assert Group.objects.get(name=PLANAGARE_GRUPP).user_set.filter(username="befintlig-planagare").exists()
    assert roller.PLANAGARE_GRUPP == PLANAGARE_GRUPP  # the frozen name still is the one the rules ask
