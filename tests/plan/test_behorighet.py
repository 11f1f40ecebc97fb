"""A user's profile (organisations, planägare, roles) is read from the database once and then kept in
Redis (plan/behorighet.py): a change to any part of it is seen on the user's next request, and a
login is not such a change."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jamlik.actors import SYSTEM
from plan import behorighet as behorighet_module
from plan.behorighet import ACCESS_VERSION_KEY, INGEN, behorighet, behorighet_bump
from plan.choices import PLANAGARE_GRUPP, Roll
from plan.models import Aktivitet, Aktivitetsroll, Medlemskap
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def profil(user):
    """The profile as the next request sees it: a fresh user object, as each request has."""
    return behorighet(get_user_model().objects.get(pk=user.pk))


def test_the_profile_is_read_once_and_then_costs_no_query(plan):
    user = UserFactory()
    organisation = OrganisationFactory()
    Medlemskap.objects.create(anvandare=user, organisation=organisation)
    with CaptureQueriesContext(connection) as first:
        assert profil(user).organisation_ids == {organisation.pk}
    with CaptureQueriesContext(connection) as second:
        assert profil(user).organisation_ids == {organisation.pk}
    assert len(second.captured_queries) == 1  # the user row (each request reads it); the profile none
    assert len(first.captured_queries) > len(second.captured_queries)
    assert behorighet(AnonymousUser()) == behorighet(SYSTEM) == INGEN


def test_every_change_to_who_the_user_is_shows_on_the_next_request(plan):
    user = UserFactory()
    assert profil(user).organisation_ids == frozenset() and not profil(user).planagare

    # A membership, and the nämnd its förvaltning reports for.
    forvaltning, namnd = OrganisationFactory(), OrganisationFactory()
    medlemskap = Medlemskap.objects.create(anvandare=user, organisation=forvaltning)
    assert profil(user).organisation_ids == {forvaltning.pk}
    forvaltning.rapporterar_for = namnd
    forvaltning.save()  # plan data: the plan-data version
    assert profil(user).organisation_ids == {forvaltning.pk, namnd.pk}

    # A role of the user's organisation: taking part, then leading.
    aktivitet = Aktivitet.objects.filter(plan=plan).first()
    roll = Aktivitetsroll.objects.create(aktivitet=aktivitet, organisation=forvaltning, roll=Roll.CENTRAL_AKTOR)
    assert aktivitet.pk in profil(user).deltar and aktivitet.pk not in profil(user).ledda
    assert (aktivitet.pk, forvaltning.pk) in profil(user).roller
    roll.roll = Roll.SAMORDNINGSANSVAR
    roll.save()
    assert aktivitet.pk in profil(user).ledda
    roll.delete()
    assert aktivitet.pk not in profil(user).deltar | profil(user).ledda

    # The planägare group, from either side, and superuser status.
    grupp = Group.objects.get_or_create(name=PLANAGARE_GRUPP)[0]
    user.groups.add(grupp)
    assert profil(user).planagare
    grupp.user_set.remove(user)
    assert not profil(user).planagare
    user.is_superuser = True
    user.save()
    assert profil(user).planagare
    user.is_superuser = False
    user.save()
    assert not profil(user).planagare

    # The membership ends; the version is bumped again after the commit (the test's transaction
    # never commits).
    medlemskap.delete()
    assert profil(user).organisation_ids == frozenset()
    assert any(func is behorighet_module._set_new_version for _, func, _ in connection.run_on_commit)


def test_a_login_keeps_the_profile(plan):
    user = UserFactory()
    profil(user)
    fore = cache.get(ACCESS_VERSION_KEY)
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])  # what every login does
    assert cache.get(ACCESS_VERSION_KEY) == fore


def test_a_profile_stored_under_an_older_access_version_is_not_used(plan):
    """A request that read the database before a change committed stores what it read under the
    version it saw: the change's bump leaves that entry unused."""
    user = UserFactory()
    organisation = OrganisationFactory()
    gammal = profil(user)
    assert gammal.organisation_ids == frozenset()
    Medlemskap.objects.bulk_create([Medlemskap(anvandare=user, organisation=organisation)])  # no signal
    assert profil(user).organisation_ids == frozenset()  # still the kept one: bulk writes must bump
    behorighet_bump()
    assert profil(user).organisation_ids == {organisation.pk}
