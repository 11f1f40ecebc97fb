"""The indicator pages in Chromium: axe finds nothing and no page is wider than the screen at 1280,
375 and 320 px (only a table scrolls, inside its own container); the charts are SVG drawn by the
server and work without JavaScript; the import page (planägare) likewise, with a refused file."""

import pytest
from django.core.cache import cache

from indikatorer.management.commands.load_demo_indikatorer import load_demo_indikatorer_file
from tests.factories import demo_users

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-jamlik-2021"
VIEWPORTS = {"1280": (1280, 800), "375": (375, 800), "320": (320, 256)}
SIDOR = [
    "/skillnader/",
    "/skillnader/exempel-forvarvsfrekvens/",
    "/skillnader/exempel-valdeltagande/",
    "/skillnader/exempel-barn-ekonomiskt-utsatta/",
    "/strategier/minska-boendesegregationen/",
    "/malomraden/skapa-forutsattningar-for-arbete/",
    "/samverkansaktiviteter/familjecentrerat-arbetssatt/",
]


@pytest.fixture
def demo(plan):
    cache.clear()
    users = demo_users()
    load_demo_indikatorer_file()
    return users


def _bred(page, width) -> int | None:
    bredd = page.evaluate("document.documentElement.scrollWidth")
    return bredd if bredd > width else None


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_indicator_pages_pass_axe_and_fit_the_screen(demo, live_server, page, axe_violations, size):
    width, height = VIEWPORTS[size]
    page.set_viewport_size({"width": width, "height": height})
    problems = []
    for path in SIDOR:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if bredd := _bred(page, width):
            problems.append(f"{path}: {bredd} px wide at {width} px")
        if violations := axe_violations(page):
            problems.append(f"{path}: axe {violations}")
    assert problems == []


def test_charts_and_tables_work_without_javascript(demo, live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/skillnader/exempel-trangboddhet/")
    assert page.locator("svg.diagram__svg").count() == 3
    assert page.get_by_role("table", name="Skillnad mellan områden per år och kön, procent").is_visible()
    assert page.get_by_text("Exempel").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_import_page_with_a_refused_file_passes_axe(demo, live_server, page, axe_violations, tmp_path):
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("stadsledningskontoret")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/indikatorer/import/")
    assert axe_violations(page) == []
    fil = tmp_path / "varden.csv"
    fil.write_text("indikator;omrade;ar;kon;varde\nexempel-trangboddhet;Atlantis;2021;T;12\n", encoding="utf-8")
    page.get_by_label("Fil med statistik per område (.csv eller .xlsx)").set_input_files(str(fil))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_load_state()
    assert page.get_by_text("Okänt område ”Atlantis”.").is_visible()
    assert page.locator(":focus").get_attribute("data-felsammanfattning") is not None
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
