"""Where a signed-in user lands, and the planägare's overview: what needs them, every tool linked,
a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from uppfoljning.models import Processutvardering, Statusrapport, Uppfoljningsperiod

pytestmark = pytest.mark.django_db

VERKTYG = [
    "/uppfoljning/planagare/",
    "/rapportering/kompletthet/",
    "/uppfoljning/processutvarderingar/",
    "/uppfoljning/rapporter/",
    "/rapportering/perioder/",
]


def test_planagare_lands_on_their_overview_officials_on_mina_rapporter(client, demo):
    response = client.post("/konto/logga-in/", {"username": "stadsledningskontoret", "password": "demo-jamlik-2021"})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/uppfoljning/planagare/"
    client.logout()
    response = client.post("/konto/logga-in/", {"username": "tjansteperson", "password": "demo-jamlik-2021"})
    assert client.get(response["Location"])["Location"] == "/rapportering/"


def test_overview_shows_what_needs_the_planagare_and_links_every_tool(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    page = client.get("/uppfoljning/planagare/").content.decode()
    for url in VERKTYG:
        assert f'href="{url}"' in page, url
    for u in Processutvardering.objects.exclude(tillstand="slutlig"):
        assert f"/uppfoljning/processutvarderingar/{u.pk}/redigera/" in page
    for r in Statusrapport.objects.filter(tillstand="inskickad", period__slug="2021"):
        assert f"/rapportering/statusrapporter/{r.pk}/" in page
    # Every page of theirs carries the main-menu entry to it.
    assert 'href="/uppfoljning/planagare/" aria-current="page"' in page
    assert 'href="/uppfoljning/planagare/"' in client.get("/").content.decode()


def test_header_names_the_person_not_the_username(client, demo):
    client.force_login(demo["tjansteperson"])
    page = client.get("/rapportering/").content.decode()
    assert "Logga ut (Tea Tjänsteperson)" in page
    assert "(tjansteperson)" not in page
    demo["tjansteperson"].first_name = demo["tjansteperson"].last_name = ""
    demo["tjansteperson"].save()
    assert "Logga ut (tjansteperson)" in client.get("/rapportering/").content.decode()  # no name: the username


def test_overview_is_for_planagare_only(client, demo):
    client.force_login(demo["tjansteperson"])
    assert client.get("/uppfoljning/planagare/").status_code == 403
    assert 'href="/uppfoljning/planagare/"' not in client.get("/").content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_overview_query_count_is_constant(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    _count(client, "/uppfoljning/planagare/")
    before = _count(client, "/uppfoljning/planagare/")
    plan = Uppfoljningsperiod.objects.get(slug="2021").plan
    for i in range(1, 6):
        period = Uppfoljningsperiod.objects.create(
            plan=plan, namn=f"T{i}", slug=f"t{i}", oppnar=f"201{i}-01-01", sista_dag=f"201{i}-02-01"
        )
        for rapport in Statusrapport.objects.filter(period__slug="2021"):
            rapport.pk, rapport.period, rapport.tillstand, rapport.ateroppnad = None, period, "returnerad", True
            rapport.save()
    _count(client, "/uppfoljning/planagare/")  # the frame's plan list is read again once after a change
    assert _count(client, "/uppfoljning/planagare/") == before
