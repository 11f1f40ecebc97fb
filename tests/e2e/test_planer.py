"""Two plans side by side in a real browser: the plan chooser moves between them without JavaScript
help, the earlier plan's pages say it is not the plan on the short addresses, and axe-core finds no
violation on the chooser, the plan page or a historical page."""

import json

import pytest
from django.core.cache import cache

from jamlik.management.commands.load_plan import DEFAULT_PATH, load_plan_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tva_planer(plan, tmp_path):
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["plan"] |= {
        "slug": "plan-jamlik-stad-2023-2026",
        "namn": "Plan för en jämlik stad 2023–2026 (exempel)",
        "giltig_fran": 2023,
        "giltig_till": 2026,
    }
    data["uppfoljning"]["ar"] = 2025
    path = tmp_path / "ny.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    load_plan_file(path)
    plan.status = "historisk"
    plan.save()
    cache.clear()
    return plan


def test_plan_chooser_moves_between_plans(tva_planer, live_server, page, axe_violations):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Plan för en jämlik stad 2023–2026 (exempel)"
    assert axe_violations(page) == []
    page.get_by_label("Plan", exact=True).select_option(
        label="Göteborgs Stads plan för en jämlik stad 2019–2022 (historisk)"
    )
    page.get_by_role("button", name="Visa planen").click()
    assert page.url == live_server.url + "/planer/plan-jamlik-stad-2019-2022/"
    assert page.locator("h1").inner_text() == "Göteborgs Stads plan för en jämlik stad 2019–2022"
    assert "en historisk plan" in page.locator(".plan-notice").inner_text()
    assert axe_violations(page) == []
    # Links on a historical plan's pages stay within that plan.
    page.get_by_role("link", name="Strategimatrisen").first.click()
    assert page.url.startswith(live_server.url + "/planer/plan-jamlik-stad-2019-2022/matris/")
    page.goto(live_server.url + "/planer/plan-jamlik-stad-2019-2022/om-planen/")
    assert "1028/19 (0044/22)" in page.content()
    assert "2020-04-16 §25" in " ".join(page.locator("dl.facts").inner_text().split())
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
