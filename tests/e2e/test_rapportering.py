"""The reporting workflow in headless Chromium: an official reports, the samordnare returns it,
the official fixes it, the samordnare approves it, and anonymous users can then read it."""

import pytest
from rest_framework.test import APIClient

from tests.clock import open_period_around_today
from tests.factories import demo_users
from uppfoljning.models import Statusrapport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo-jamlik-2021")
    page.get_by_role("button", name="Logga in").click()


def test_report_return_fix_approve(plan, live_server, page, axe_violations):
    demo_users()
    # The demo period closes 2031-01-31. time-machine would freeze the live server (a thread of this
    # process) but not Chromium, another process, which would then get dates (cookie expiry, caching
    # headers) years from its own clock. Rather than depend on what a browser makes of those, keep
    # the real clock and let the period's deadline follow the real today (tests/clock.py).
    open_period_around_today()
    _login(page, live_server, "tjansteperson")
    assert page.locator("h1").inner_text() == "Mina rapporter"
    assert axe_violations(page) == []

    # Kulturnämnden reports on familjecentrerat arbetssätt? Already submitted; use skolan (a draft).
    page.get_by_role("link", name="Skolan som gemensam arena").first.click()
    page.get_by_role("link", name="Ändra").click()
    assert axe_violations(page) == []
    page.get_by_label("Vad har gjorts").fill("Kulturskolan på fem skolor.")
    page.get_by_label("Status").select_option("pagar_enligt_plan")
    page.get_by_role("button", name="Spara utkast").click()
    assert page.get_by_text("Ändringarna är sparade.").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skicka in").click()
    assert page.locator("#tillstand").inner_text() == "Inskickad"

    rapport = Statusrapport.objects.get(aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden")
    _login(page, live_server, "samordnare")
    page.goto(f"{live_server.url}/rapportering/statusrapporter/{rapport.pk}/")
    page.get_by_label("Vad behöver kompletteras?").fill("Vilka skolor?")
    page.get_by_role("button", name="Returnera").click()
    assert page.locator("#tillstand").inner_text() == "Returnerad för komplettering"

    _login(page, live_server, "tjansteperson")
    page.get_by_role("link", name="Skolan som gemensam arena").first.click()
    assert "Vilka skolor?" in page.locator("#returkommentar").inner_text()
    page.get_by_role("link", name="Ändra").click()
    page.get_by_label("Vad har gjorts").fill("Kulturskolan på Hammarkulleskolan och fyra till.")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_role("button", name="Skicka in").click()

    _login(page, live_server, "samordnare")
    page.goto(f"{live_server.url}/rapportering/statusrapporter/{rapport.pk}/")
    page.get_by_role("button", name="Godkänn").click()
    assert page.locator("#tillstand").inner_text() == "Godkänd"
    page.goto(f"{live_server.url}/rapportering/kompletthet/")
    assert axe_violations(page) == []

    published = APIClient().get(f"/api/v1/statusrapporter/{rapport.pk}/").json()
    assert (published["tillstand"], published["genomfort"]) == (
        "godkand",
        "Kulturskolan på Hammarkulleskolan och fyra till.",
    )
