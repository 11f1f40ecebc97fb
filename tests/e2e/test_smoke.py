"""The portal serves in a real browser and its start page is accessible."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_start_page_in_chromium(plan, live_server, page, axe_violations):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Göteborgs Stads plan för en jämlik stad 2019–2022"
    assert page.get_by_role("link", name="Skapa hållbara och jämlika livsmiljöer").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("link", name="Strategimatrisen").first.click()
    assert page.locator("table caption").inner_text().startswith("Vilka strategier")
    assert axe_violations(page) == []
