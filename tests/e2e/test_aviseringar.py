"""The notification pages in headless Chromium: axe-core finds nothing, nothing is wider than a
375 px screen, and the planägare's reminder button on the completeness page works."""

import pytest
from playwright.sync_api import expect

from aviseringar import services
from aviseringar.choices import Typ
from aviseringar.models import Avisering
from tests.clock import open_period_around_today
from tests.factories import demo_users

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo-jamlik-2021")
    page.get_by_role("button", name="Logga in").click()


def _wider_than_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_notification_pages_and_reminder(plan, live_server, page, axe_violations):
    users = demo_users()
    open_period_around_today()
    services.aviseringar_record(
        typ=Typ.RETURNERAD,
        poster=[
            services.Post(
                mottagare_id=users["tjansteperson"].pk,
                nyckel="rapport:1:v9",
                lank="/rapportering/",
                kontext={
                    "aktivitet": "Arbetsmarknads- och vuxenutbildningsförvaltningens samverkansaktivitet",
                    "organisation": "Kulturnämnden",
                    "period": "2021",
                    "kommentar": "Beskriv hindren.",
                },
            )
        ],
    )
    _login(page, live_server, "tjansteperson")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/aviseringar/")
        assert axe_violations(page) == []
        assert not _wider_than_screen(page)
        page.goto(live_server.url + "/aviseringar/installningar/")
        assert axe_violations(page) == []
        assert not _wider_than_screen(page)
    page.goto(live_server.url + "/aviseringar/")
    expect(page.get_by_role("link", name="Aviseringar 1 olästa")).to_be_visible()
    page.get_by_role("button", name="Markera som läst").click()
    expect(page.get_by_text("Markerad som läst.")).to_be_visible()
    expect(page.get_by_role("link", name="Aviseringar", exact=True)).to_be_visible()

    _login(page, live_server, "stadsledningskontoret")
    page.goto(live_server.url + "/rapportering/kompletthet/")
    page.get_by_role("button", name="Påminn alla som inte har skickat in").click()
    expect(page.get_by_text("Påminnelsen skickas till 4 personer.")).to_be_visible()
    assert axe_violations(page) == []
    assert Avisering.objects.filter(typ=Typ.PAMINNELSE).count() == 4
