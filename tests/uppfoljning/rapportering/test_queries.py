"""Query counts of the list pages do not grow with the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan.models import Aktivitet, Aktivitetsroll, Medlemskap
from tests.factories import OrganisationFactory
from uppfoljning.models import Statusrapport, Uppfoljningsperiod

pytestmark = pytest.mark.django_db


def _more_data(user, n=15):
    period = Uppfoljningsperiod.objects.get(slug="2021")
    for aktivitet in Aktivitet.objects.all()[:2]:
        for _ in range(n):
            organisation = OrganisationFactory()
            Aktivitetsroll.objects.create(aktivitet=aktivitet, organisation=organisation, roll="central_aktor")
            Medlemskap.objects.create(anvandare=user, organisation=organisation)
            Statusrapport.objects.create(
                period=period, aktivitet=aktivitet, organisation=organisation, status="forsenad"
            )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("username", "name"),
    [
        ("tjansteperson", "uppfoljning:mina_rapporter"),
        ("samordnare", "uppfoljning:mina_rapporter"),
        ("tjansteperson", "uppfoljning:statusrapporter"),
        ("stadsledningskontoret", "uppfoljning:statusrapporter"),
        ("stadsledningskontoret", "uppfoljning:kompletthet"),
        ("samordnare", "uppfoljning:kompletthet"),
    ],
)
def test_constant_query_count(client, demo, username, name):
    user = demo[username]
    client.force_login(user)
    url = reverse(name)
    before = _count(client, url)
    _more_data(user)
    assert _count(client, url) == before
