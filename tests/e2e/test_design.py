"""The portal's look (Designsystemet, issue 16) through the real stack in Chromium: every page type
for every role at 1280, 375 and 320×256 px fits the screen (tables scroll inside their own
container), passes axe and shows focus; the pattern library renders every component; a form with
errors shows its summary and moves focus to it; the design system stays within its weight budget.
Screenshots of the pages are kept under $SCREENSHOT_DIR (default var/screenshots/, git-ignored)."""

import gzip
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from tests.factories import demo_users
from uppfoljning.choices import Rapporttillstand, Status, Utvarderingstillstand
from uppfoljning.models import Processutvardering, Statusrapport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"1280": (1280, 800), "375": (375, 800), "320": (320, 256)}
PASSWORD = "demo-jamlik-2021"
PUBLIC = [
    "/",
    "/matris/",
    "/aktiviteter/",
    "/organisationer/",
    "/organisationer/kulturnamnden/",
    "/samverkansaktiviteter/hallbara-livsmiljoer/",
    "/styrningsaktiviteter/integrera-jamlikhet/",
    "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
    "/strategier/minska-boendesegregationen/",
    "/sok/?q=bostäder",
    "/konto/logga-in/",
]
# Each role's own pages ({rapport} and {utvardering} are filled in from the demo data).
ROLE_PAGES = {
    "anonym": PUBLIC,
    "tjansteperson": [
        "/rapportering/",
        "/rapportering/statusrapporter/",
        "/rapportering/statusrapporter/{rapport}/",
        "/rapportering/statusrapporter/{rapport}/andra/",
        "/rapportering/kalkylblad/",
    ],
    "samordnare": [
        "/rapportering/",
        "/rapportering/statusrapporter/",
        "/rapportering/statusrapporter/{rapport}/",
        "/rapportering/kompletthet/",
        "/rapportering/granskningsblad/",
    ],
    "stadsledningskontoret": [
        "/rapportering/perioder/",
        "/rapportering/perioder/ny/",
        "/uppfoljning/processutvarderingar/",
        "/uppfoljning/processutvarderingar/{utvardering}/",
        "/uppfoljning/processutvarderingar/{utvardering}/redigera/",
        "/uppfoljning/rapporter/",
        "/monster/",
        "/monster/?fel=1",
    ],
}
# The design system's own files: together under 100 kB compressed on any page.
DESIGN_SYSTEM = ("/static/vendor/designsystemet/",)
BUDGET = 100_000


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def demo(plan):
    users = demo_users()
    load_demo_utvardering_file()
    rapport = Statusrapport.objects.get(aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden")
    return {"users": users, "rapport": rapport.pk, "utvardering": Processutvardering.objects.order_by("pk")[0].pk}


def login(page, base_url, username):
    page.context.clear_cookies()
    page.goto(base_url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"


@pytest.mark.parametrize("role", list(ROLE_PAGES))
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_every_page_fits_the_screen_passes_axe_and_shows_focus(demo, live_server, page, axe_violations, role, size):
    width, height = VIEWPORTS[size]
    page.set_viewport_size({"width": width, "height": height})
    if role != "anonym":
        login(page, live_server.url, role)
    problems = []
    for template in ROLE_PAGES[role]:
        path = template.format(**demo)
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{role} {path}: {response.status}"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > page.evaluate("window.innerWidth"):
            problems.append(f"{path}: {scroll_width} px wide at {width} px")
        if violations := axe_violations(page):
            problems.append(f"{path}: axe {violations}")
        # Keyboard focus is visible: the skip link, then the first link of the page header.
        if "fel=1" not in path:  # there the error summary already holds focus
            for _ in range(2):
                page.keyboard.press("Tab")
                outline = page.evaluate(
                    "(() => { const s = getComputedStyle(document.activeElement);"
                    " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
                )
                if outline[0] == "none" or outline[1] < 2:
                    problems.append(
                        f"{path}: no visible focus on {page.evaluate('document.activeElement.outerHTML')[:80]}"
                    )
        if size != "320" or template in {"/", "/matris/"}:
            page.screenshot(path=str(screenshot_dir() / f"{size}-{role}-{slug(template)}.png"), full_page=True)
    assert problems == []


def test_pattern_library_renders_every_component_and_is_for_staff_only(demo, live_server, page, axe_violations):
    page.goto(live_server.url + "/monster/")
    assert "/konto/logga-in/" in page.url  # anonymous visitors log in first
    login(page, live_server.url, "tjansteperson")
    assert page.goto(live_server.url + "/monster/").status == 403
    login(page, live_server.url, "stadsledningskontoret")
    page.goto(live_server.url + "/monster/")
    components = page.locator("[data-komponent]").evaluate_all("els => els.map(e => e.dataset.komponent)")
    assert components == [
        "knappar",
        "statustaggar",
        "formular",
        "meddelanden",
        "tabeller",
        "kort",
        "sidnumrering",
        "detaljer",
        "brodsmulor",
    ]
    section = page.locator("[data-komponent=statustaggar]")
    # Every status, report state and evaluation state, plus the "none" tag of each kind.
    expected = len(Status.choices) + len(Rapporttillstand.choices) + len(Utvarderingstillstand.choices) + 3
    assert section.locator(".statustagg").count() == expected
    assert section.locator(".statustagg svg[aria-hidden=true]").count() == expected  # shape + text, not colour alone
    for label in ["Försenad", "Returnerad för komplettering", "Slutlig", "Saknas", "Ingen status rapporterad"]:
        assert section.get_by_text(label, exact=True).count() >= 1
    buttons = page.locator("[data-komponent=knappar] .ds-button")
    assert buttons.count() == 6
    assert page.locator("[data-komponent=knappar] .ds-button[data-color=danger]").count() == 1
    form = page.locator("[data-komponent=formular] form")
    assert form.locator("fieldset.ds-fieldset legend").count() == 2  # radios and checkboxes grouped
    assert form.locator("select option").first.inner_text() == "Alla"
    assert form.locator("[data-field=counter]").count() == 1
    assert page.locator("[data-komponent=meddelanden] .ds-alert").count() == 4
    assert page.locator("[data-komponent=tabeller] .table-scroll[role=region][tabindex='0']").count() == 1
    assert page.locator("[data-komponent=tabeller] th[aria-sort]").count() == 1
    assert page.locator("[data-komponent=sidnumrering] nav.ds-pagination [aria-current=page]").count() == 1
    assert page.locator("[data-komponent=detaljer] details.ds-details summary").count() == 1
    assert page.locator("[data-komponent=brodsmulor] nav.ds-breadcrumbs a").count() == 2
    assert page.locator("pre.monster-kod").count() == 9  # a snippet for every component
    assert axe_violations(page) == []


def test_form_with_errors_shows_the_summary_focuses_it_and_links_to_each_field(demo, live_server, page):
    login(page, live_server.url, "stadsledningskontoret")
    page.goto(live_server.url + "/monster/?fel=1")
    summary = page.locator("[data-felsammanfattning]")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.hasAttribute('data-felsammanfattning')")
    links = summary.locator("a")
    assert links.count() == 6  # one per field with an error
    summary.get_by_role("link", name=re.compile("^Beskrivning")).click()
    assert page.evaluate("document.activeElement.id") == "id_beskrivning"
    described = page.locator("#id_beskrivning").get_attribute("aria-describedby").split()
    assert {"id_beskrivning_helptext", "id_beskrivning_error", "id_beskrivning_counter"} <= set(described)
    assert page.locator("#id_beskrivning").get_attribute("aria-invalid") == "true"
    summary.get_by_role("link", name=re.compile("^Tillstånd")).click()
    assert page.evaluate("document.activeElement.id") == "id_tillstand_0"  # the first radio of the group
    # The counter follows the text (progressive: without JS it says "Högst 300 tecken.").
    counter = page.locator("#id_beskrivning_counter")
    assert counter.inner_text() == "Du har 10 tecken för mycket"
    page.locator("#id_beskrivning").fill("Kort text.")
    assert counter.inner_text() == "Du har 290 tecken kvar"

    # A real form: the login form with a wrong password.
    page.context.clear_cookies()
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("tjansteperson")
    page.get_by_label("Lösenord").fill("fel-losenord")
    page.locator("main").get_by_role("button", name="Logga in").click()
    assert page.evaluate("document.activeElement.hasAttribute('data-felsammanfattning')")
    assert page.locator("[data-felsammanfattning] li").count() == 1


def test_report_status_and_active_menu_item_and_breadcrumbs(demo, live_server, page):
    login(page, live_server.url, "tjansteperson")
    page.goto(live_server.url + f"/rapportering/statusrapporter/{demo['rapport']}/")
    assert page.locator("nav[aria-label='Huvudmeny'] [aria-current=page]").inner_text() == "Mina rapporter"
    crumbs = page.locator("nav.ds-breadcrumbs a").all_inner_texts()
    assert crumbs == ["Planen", "Mina rapporter", "Statusrapporter"]
    assert page.locator("#tillstand.statustagg").inner_text() == "Utkast"
    # The header names the person, beside the language switch, and the menu keeps one row at 1280 px.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator(".site-header .site-konto").get_by_role("button").inner_text() == "Logga ut (Tea Tjänsteperson)"
    rader = page.locator(".site-nav > li").evaluate_all(
        "els => new Set(els.map(e => e.getBoundingClientRect().top)).size"
    )
    assert rader == 1
    page.goto(live_server.url + "/aktiviteter/")
    assert page.locator("nav[aria-label='Huvudmeny'] [aria-current=page]").inner_text() == "Aktiviteter"


def test_design_system_weight_is_under_budget_and_nothing_comes_from_elsewhere(demo, live_server, page):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert all(r.url.startswith(live_server.url) or r.url.startswith("data:") for r in responses)
    sizes = {}
    for response in responses:
        kind = response.request.resource_type
        if kind in {"document", "stylesheet", "script"}:
            sizes[response.url.removeprefix(live_server.url)] = (kind, len(gzip.compress(response.body(), 9)))
    design_system = sum(size for url, (_kind, size) in sizes.items() if url.startswith(DESIGN_SYSTEM))
    total = sum(size for _kind, size in sizes.values())
    print(f"\nstart page, gzip -9: {sizes}\ndesign system {design_system} B, total {total} B")
    assert 0 < design_system < BUDGET
    # Every page loads the same design-system files: none adds more.
    login(page, live_server.url, "stadsledningskontoret")
    for path in ["/monster/", "/rapportering/kompletthet/", "/matris/"]:
        page.goto(live_server.url + path)
        links = page.locator("link[rel=stylesheet], script[src]").evaluate_all(
            "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))"
        )
        assert all(not link.startswith(("http:", "https:", "//")) for link in links), links
        assert sum(link.startswith(DESIGN_SYSTEM) for link in links) == 2
