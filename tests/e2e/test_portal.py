"""The public portal in a real browser: matrix filtering, navigation, CSV download and axe-core
on every public page type (0 violations), also at phone width."""

import itertools
from pathlib import Path

import pytest
from django.core.cache import cache

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = [
    "/",
    "/matris/",
    "/matris/?organisation=kulturnamnden&strategi=minska-boendesegregationen",
    "/samverkansaktiviteter/hallbara-livsmiljoer/",
    "/styrningsaktiviteter/integrera-jamlikhet/",
    "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
    "/strategier/minska-boendesegregationen/",
    "/organisationer/",
    "/organisationer/kulturnamnden/",
    "/aktiviteter/",
    "/sok/?q=bostäder",
    "/matris/?organisation=finns-inte",
    "/om-planen/",
    "/planer/",
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_filter_matrix_by_organisation_follow_link_and_download_csv(plan, live_server, page):
    page.goto(live_server.url + "/matris/")
    assert page.locator("table.matris tbody tr").count() == 4
    page.get_by_label("Organisation").select_option(label="Kulturnämnden")
    page.get_by_role("button", name="Filtrera").click()
    assert "organisation=kulturnamnden" in page.url
    assert page.locator("table.matris tbody tr").count() == 3
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "strategimatrisen.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Minska boendesegregationen" in text
    page.get_by_role("link", name="Samverkan för jämlik tillgång till hållbara livsmiljöer").click()
    assert page.locator("h1").inner_text() == "Samverkan för jämlik tillgång till hållbara livsmiljöer"


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_public_page_type_passes_axe(plan, live_server, page, axe_violations, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []
    levels = [int(tag[1]) for tag in page.locator("h1, h2, h3, h4").evaluate_all("els => els.map(e => e.tagName)")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_matrix_at_phone_width_is_accessible_and_not_wider_than_the_screen(plan, live_server, page, axe_violations):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/matris/")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_skip_link_is_first_and_moves_focus(plan, live_server, page):
    page.goto(live_server.url + "/matris/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
