"""Sessions that keep work, in headless Chromium: the warning before the end with a button that
extends the session (keyboard only), and a form posted after the session ended that comes back
filled in after the login."""

import time
from datetime import UTC, datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from jamlik.ops import sessions
from tests.clock import open_period_around_today
from tests.factories import demo_users
from uppfoljning.models import Statusrapport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page):
    page.get_by_label("Användarnamn").fill("tjansteperson")
    page.get_by_label("Lösenord").fill("demo-jamlik-2021")
    page.get_by_role("button", name="Logga in").click()


def _end_in(page, seconds: int) -> str:
    """Let the browser's session end in `seconds` (as if the user had been idle)."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    store = SessionStore(session_key=key)
    slut = time.time() + seconds
    store[sessions.SLUT] = slut
    store.set_expiry(datetime.fromtimestamp(slut, tz=UTC))
    store.save()
    return key


def test_warning_extends_the_session_and_an_expired_post_comes_back_filled_in(
    plan, live_server, page, axe_violations, settings
):
    demo_users()
    open_period_around_today()
    settings.SESSION_REFRESH_SECONDS = 24 * 60 * 60  # only the button extends the session here
    rapport = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    form_url = f"{live_server.url}/rapportering/statusrapporter/{rapport.pk}/andra/"
    page.goto(f"{live_server.url}/konto/logga-in/")
    _login(page)
    key = _end_in(page, 120)  # two minutes left: inside the five-minute warning
    page.goto(form_url)

    dialog = page.get_by_role("alertdialog", name="Du loggas snart ut")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Du loggas ut om 2 min")
    knapp = dialog.get_by_role("button", name="Fortsätt vara inloggad")
    expect(knapp).to_be_focused()
    assert axe_violations(page) == []
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expire = Session.objects.get(session_key=key).expire_date.timestamp()
    assert expire == pytest.approx(time.time() + settings.SESSION_COOKIE_AGE, abs=30)

    text = "Kulturskolan på fem skolor.\nÅ ä ö – och en sjätte till hösten."
    page.get_by_label("Vad har gjorts").fill(text)
    Session.objects.filter(session_key=key).delete()  # the session ends on the server
    page.get_by_role("button", name="Spara utkast").click()

    expect(page.locator("h1")).to_have_text("Logga in")
    _login(page)
    expect(page).to_have_url(form_url)
    expect(page.get_by_text("Du hade loggats ut när formuläret skickades.")).to_be_visible()
    expect(page.get_by_label("Vad har gjorts")).to_have_value(text)
    assert page.evaluate("document.activeElement.hasAttribute('data-atergang')")
    assert axe_violations(page) == []
    rapport.refresh_from_db()
    assert "fem skolor" not in rapport.genomfort  # shown again, never sent on its own
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("Ändringarna är sparade.")).to_be_visible()
    rapport.refresh_from_db()
    assert rapport.genomfort.replace("\r\n", "\n") == text  # a browser posts line breaks as CRLF
