"""Password reset in Chromium: from the login page's link, through the mail (Django's test outbox;
the live server runs in this process) and the link in it, to signing in with the new password;
axe-core finds nothing on any page of the way, at 1280 and 375 px."""

import re

import pytest
from django.core import mail
from django.core.cache import caches

from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Nytt-losen-for-2027"


@pytest.mark.parametrize("width", [1280, 375])
def test_forgotten_password_to_signed_in(plan, live_server, page, axe_violations, settings, width):
    settings.PORTAL_BASE_URL = live_server.url
    caches["throttle"].clear()
    UserFactory(username="greta", email="greta@example.org")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    page.wait_for_url("**/konto/losenord/")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Skicka länken").click()  # empty: the error next to the field
    assert page.locator("[data-felsammanfattning]").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-felsammanfattning')")
    assert axe_violations(page) == []

    page.get_by_label("E-postadress").fill("greta@example.org")
    page.get_by_role("button", name="Skicka länken").click()
    page.wait_for_url("**/konto/losenord/skickat/")
    assert page.get_by_role("heading", name="Kolla din e-post").is_visible()
    assert axe_violations(page) == []
    (message,) = mail.outbox
    (link,) = re.findall(re.escape(live_server.url) + r"/konto/losenord/\S+/\S+/", message.body)

    page.goto(link)
    page.wait_for_url("**/set-password/")
    page.get_by_label("Nytt lösenord", exact=True).fill("greta")
    page.get_by_label("Bekräfta nytt lösenord").fill("greta")
    page.get_by_role("button", name="Spara lösenordet").click()
    assert page.locator("[data-felsammanfattning]").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Nytt lösenord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Bekräfta nytt lösenord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Spara lösenordet").click()
    page.wait_for_url("**/konto/losenord/klart/")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name="Logga in").last.click()
    page.get_by_label("Användarnamn").fill("greta")
    page.get_by_label("Lösenord").fill(NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    assert page.get_by_role("button", name="Logga ut").count() == 1

    page.goto(link)  # used once: no longer works
    assert page.get_by_role("heading", name="Länken fungerar inte längre").is_visible()
    assert axe_violations(page) == []
