"""The public follow-up section and the planägare's pages in Chromium: axe finds nothing and no page
is wider than the screen at 1280 and 375 px; the evaluation form keeps every typed word across a
state change and on a refused one."""

import pytest
from django.core.cache import cache

from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from tests.factories import demo_users
from uppfoljning.models import Processutvardering

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-jamlik-2021"
VIEWPORTS = {"1280": (1280, 800), "375": (375, 800)}


@pytest.fixture
def demo(plan):
    cache.clear()
    users = demo_users()
    load_demo_utvardering_file()
    return users


def login(page, base_url, username):
    page.context.clear_cookies()
    page.goto(base_url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _pages() -> dict[str, list[str]]:
    slutlig = Processutvardering.objects.filter(tillstand="slutlig").order_by("pk").first()
    utkast = Processutvardering.objects.get(tillstand="utkast")
    return {
        "anonym": [
            "/uppfoljning/",
            "/samverkansaktiviteter/familjecentrerat-arbetssatt/",
            "/styrningsaktiviteter/integrera-jamlikhet/",
            f"/uppfoljning/processutvarderingar/{slutlig.pk}/",
            "/sok/?q=hinder",
        ],
        "stadsledningskontoret": [
            "/uppfoljning/planagare/",
            f"/uppfoljning/processutvarderingar/{utkast.pk}/redigera/",
        ],
    }


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_new_pages_pass_axe_and_fit_the_screen(demo, live_server, page, axe_violations, size):
    width, height = VIEWPORTS[size]
    page.set_viewport_size({"width": width, "height": height})
    problems = []
    for role, paths in _pages().items():
        if role != "anonym":
            login(page, live_server.url, role)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            if (bredd := page.evaluate("document.documentElement.scrollWidth")) > width:
                problems.append(f"{path}: {bredd} px wide at {width} px")
            if violations := axe_violations(page):
                problems.append(f"{path}: axe {violations}")
    assert problems == []


def test_evaluation_keeps_typed_text_across_a_state_change_and_a_refusal(demo, live_server, page):
    utvardering = Processutvardering.objects.get(tillstand="utkast")
    url = f"{live_server.url}/uppfoljning/processutvarderingar/{utvardering.pk}/redigera/"
    login(page, live_server.url, "stadsledningskontoret")
    page.goto(url)
    page.locator("textarea[name=lardomar]").fill("Skrivet i webbläsaren och skickat direkt.")
    forsta_del = page.locator("details.utvardering-del").first
    forsta_del.locator("summary").click()
    forsta_del.get_by_role("textbox", name="Hinder").fill("Pilotens hinder, skrivna före granskning.")
    page.get_by_role("button", name="Spara och skicka till granskning").click()
    page.wait_for_load_state()
    utvardering.refresh_from_db()
    assert utvardering.tillstand == "under_granskning"
    assert utvardering.lardomar == "Skrivet i webbläsaren och skickat direkt."
    assert utvardering.delar.order_by("ordning").first().hinder == "Pilotens hinder, skrivna före granskning."

    # Finalising without an overall assessment is refused: the summary says why, every word stays.
    page.goto(url)
    page.locator("select[name=samlad_bedomning]").select_option("")
    page.locator("textarea[name=rekommendationer]").fill("Text som inte får försvinna.")
    page.get_by_role("button", name="Spara och fastställ som slutlig").click()
    page.wait_for_load_state()
    summary = page.locator(".felsammanfattning").first
    assert "bedömning" in summary.inner_text()
    assert page.locator("textarea[name=rekommendationer]").input_value() == "Text som inte får försvinna."
    utvardering.refresh_from_db()
    assert (
        utvardering.tillstand == "under_granskning" and utvardering.rekommendationer != "Text som inte får försvinna."
    )
