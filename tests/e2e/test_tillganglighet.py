"""The accessibility suite (issue 11) through the real stack in Chromium, beside test_design.py
(which walks every page type per role at the three sizes). This adds the states: the statement and
its feedback form (empty, with errors, sent), the error pages (403, 404, 500), the API
documentation with an operation tried out, forms with errors, a save conflict, the messages after
a save, an empty search, a compiled report with its checksums, the Django admin's change forms,
and the English interface with Swedish plan content marked lang="sv". Every state at 1280, 375 and
320×256 px: axe-core 0 violations (WCAG 2.1 A/AA) and nothing wider than the screen outside a
data table's own scroll container. One browser context per role; each state is reached once and
then resized, so the suite stays lean."""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from plan.models import Aktivitet, Forutsattning, Malomrade, Organisation, Plan, Strategi
from tests.clock import open_period_around_today
from tests.factories import demo_users
from uppfoljning.models import Statusrapport, Uppfoljningsrapport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.fel_urls")]

SIZES = [(1280, 800), (375, 800), (320, 256)]
PASSWORD = "demo-jamlik-2021"

# Elements that stick out of the viewport, outside a data table's scroll container.
OVERFLOW = """() => {
  const width = window.innerWidth, out = [];
  if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth + ' px');
  document.querySelectorAll('body *').forEach(e => {
    if (e.closest('.table-scroll, .visually-hidden, .ds-sr-only, .skip-link')) return;
    const r = e.getBoundingClientRect();
    if (r.width && r.right > width + 1) out.push(e.tagName + '.' + e.className + ' → ' + Math.round(r.right));
  });
  return out.slice(0, 5);
}"""

# Text that is exactly a plan name but not inside an element marked lang="sv".
UNMARKED = """(names) => {
  const set = new Set(names), out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim().replace(/\\s+/g, ' ');
    if (!set.has(text)) continue;
    const marked = node.parentElement.closest('[lang]');
    if (!marked || marked.getAttribute('lang') !== 'sv') out.push(node.parentElement.tagName + ': ' + text);
  }
  return out.slice(0, 5);
}"""


@pytest.fixture
def sidor(plan):
    users = demo_users()
    load_demo_utvardering_file()
    # The draft is edited (errors, a save, a conflict): keep its period open on the real today, as
    # the other Chromium tests do, so the states exist also after the demo deadline (tests/clock.py).
    open_period_around_today()
    utkast = Statusrapport.objects.get(aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden")
    inskickad = Statusrapport.objects.get(aktivitet__slug="familjecentrerat-arbetssatt", tillstand="inskickad")
    now = timezone.now()
    sammanstallning = Uppfoljningsrapport.objects.create(
        plan=plan, ar=2021, version=1, status="done", progress=100, underlag_tidpunkt=now, startad=now, klar=now,
        pdf_sha256="a" * 64, xlsx_sha256="b" * 64, html_sha256="c" * 64,
    )  # fmt: skip
    return {"users": users, "utkast": utkast.pk, "inskickad": inskickad.pk, "sammanstallning": sammanstallning.pk}


def plan_names() -> list[str]:
    names = set()
    for model, field in [(Malomrade, "namn"), (Strategi, "namn"), (Organisation, "namn"), (Aktivitet, "titel"),
                         (Forutsattning, "namn"), (Plan, "namn")]:  # fmt: skip
        names |= {value.strip() for value in model.objects.values_list(field, flat=True)}
    return sorted(names)


def new_page(browser, base_url: str, username: str | None = None, language: str = "sv"):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 800})
    if language != "sv":
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    page = context.new_page()
    if username:
        page.goto(base_url + "/konto/logga-in/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
    return page


def check_states(
    page,
    axe_violations,
    states: list[tuple[str, Callable]],
    names: list[str] | None = None,
    axe_widths=(1280, 375, 320),
) -> list[str]:
    """Reach each state at 1280 px, then look at it at every size."""
    problems = []
    for label, reach in states:
        page.set_viewport_size({"width": 1280, "height": 800})
        reach(page)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{label} @{width}: wider than the screen: {overflow}")
            if width in axe_widths and (violations := axe_violations(page)):
                problems.append(f"{label} @{width}: axe {violations}")
        if names and (unmarked := page.evaluate(UNMARKED, names)):
            problems.append(f"{label}: plan content not marked lang=sv: {unmarked}")
    return problems


def goto(base: str, path: str, status: int = 200, wait: str | None = None) -> Callable:
    def reach(page):
        response = page.goto(base + path)
        assert response.status == status, f"{path}: {response.status}"
        if wait:
            page.wait_for_selector(wait)

    return reach


def submit(
    base: str, path: str, fields: dict[str, str], button: str = "main form.form button[type=submit]"
) -> Callable:
    def reach(page):
        page.goto(base + path)
        for selector, value in fields.items():
            page.locator(selector).fill(value)
        page.locator(button).first.click()
        page.wait_for_load_state()

    return reach


def try_api_operation(base: str) -> Callable:
    def reach(page):
        page.goto(base + "/api/docs/")
        page.locator(".opblock-summary-control").first.click()
        page.locator(".try-out__btn").first.click()
        page.locator(".btn.execute").first.click()
        page.wait_for_selector(".responses-table .response")

    return reach


def test_every_state_passes_axe_and_fits_at_every_size(sidor, live_server, browser, axe_violations):
    base = live_server.url
    problems = []

    page = new_page(browser, base)
    problems += check_states(
        page,
        axe_violations,
        [
            ("statement", goto(base, "/tillganglighet/")),
            ("feedback with errors", submit(base, "/tillganglighet/synpunkt/", {"#id_epost": "inte-en-adress"})),
            ("feedback sent", submit(base, "/tillganglighet/synpunkt/", {"#id_meddelande": "Kontrasten är låg."})),
            ("404", goto(base, "/finns-inte/", 404)),
            ("500", goto(base, "/test-fel/", 500)),
            ("api operation tried", try_api_operation(base)),
            ("empty search", goto(base, "/sok/?q=qqqzzz")),
        ],
    )
    page.context.close()

    page = new_page(browser, base, "tjansteperson")
    edit = f"/rapportering/statusrapporter/{sidor['utkast']}/andra/"

    def conflict(page):
        page.goto(base + edit)
        Statusrapport.objects.filter(pk=sidor["utkast"]).update(version=F("version") + 1)  # someone else saved
        page.locator("#id_genomfort").fill("Min text")
        page.locator("main form.form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.get_by_text("Någon annan har sparat ändringar").count() == 1

    problems += check_states(
        page,
        axe_violations,
        [
            ("403", goto(base, "/monster/", 403)),
            ("report saved", submit(base, edit, {"#id_genomfort": "Sparad text"})),
            ("save conflict", conflict),
        ],
    )
    page.context.close()

    page = new_page(browser, base, "samordnare")
    detail = f"/rapportering/statusrapporter/{sidor['inskickad']}/"
    problems += check_states(
        page,
        axe_violations,
        [
            ("report to review", goto(base, detail)),
            (
                "return without comment",
                submit(base, detail, {"#id_retur-kommentar": "   "}, "form[action$='/returnera/'] button[type=submit]"),
            ),
            ("completeness", goto(base, "/rapportering/kompletthet/")),
        ],
    )
    page.context.close()

    page = new_page(browser, base, "stadsledningskontoret")
    problems += check_states(
        page,
        axe_violations,
        [
            ("compiled report with checksums", goto(base, f"/uppfoljning/rapporter/{sidor['sammanstallning']}/")),
            ("new period with errors", submit(base, "/rapportering/perioder/ny/", {})),
        ],
    )
    page.context.close()

    page = new_page(browser, base, "admin")
    admin_pages = [
        f"/admin/plan/malomrade/{Malomrade.objects.order_by('pk').first().pk}/change/",
        f"/admin/plan/organisation/{Organisation.objects.order_by('pk').first().pk}/change/",
        f"/admin/auth/user/{sidor['users']['admin'].pk}/change/",
        "/admin/synpunkter/synpunkt/",
    ]
    # The admin is Django's own desktop tool: its change forms are checked with axe at 1280 px.
    for path in admin_pages:
        goto(base, path)(page)
        if violations := axe_violations(page):
            problems.append(f"{path}: axe {violations}")
    page.context.close()
    assert problems == []


def test_english_interface_marks_plan_content_swedish(sidor, live_server, browser, axe_violations):
    base = live_server.url
    names = plan_names()
    page = new_page(browser, base, language="en")
    public = ["/", "/matris/", "/aktiviteter/", "/organisationer/",
              "/organisationer/arbetsmarknads-och-vuxenutbildningsforvaltningen/",
              "/samverkansaktiviteter/hallbara-livsmiljoer/", "/styrningsaktiviteter/integrera-jamlikhet/",
              "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/", "/strategier/minska-boendesegregationen/",
              "/om-planen/", "/sok/?q=bostäder", "/tillganglighet/", "/uppfoljning/processutvarderingar/"]  # fmt: skip
    # The Swedish pages get axe at every size in test_design.py; here axe once, reflow at every size.
    problems = check_states(page, axe_violations, [(path, goto(base, path)) for path in public], names, (1280,))
    assert page.locator("html").get_attribute("lang") == "en"
    page.context.close()
    page = new_page(browser, base, "samordnare", language="en")
    logged_in = ["/rapportering/", "/rapportering/statusrapporter/", f"/rapportering/statusrapporter/{sidor['inskickad']}/",
                 "/rapportering/kompletthet/"]  # fmt: skip
    problems += check_states(page, axe_violations, [(path, goto(base, path)) for path in logged_in], names, (1280,))
    page.context.close()
    assert problems == []


def test_focus_moves_to_errors_and_messages_are_announced(sidor, live_server, browser):
    base = live_server.url
    page = new_page(browser, base)
    # Feedback form with errors: the summary holds focus and names each field.
    page.goto(base + "/tillganglighet/synpunkt/")
    page.locator("#id_epost").fill("inte-en-adress")
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.hasAttribute('data-felsammanfattning')")
    summary = page.locator("[data-felsammanfattning] li").all_inner_texts()
    assert summary == [
        "Vad fungerade inte?: Skriv vad som inte fungerade.",
        "Din e-postadress (frivilligt): Skriv en e-postadress i formatet namn@exempel.se.",
    ]
    assert page.locator("#id_epost").get_attribute("aria-invalid") == "true"
    # Every page links to the statement and to the form with its own address.
    link = page.locator("footer a", has_text="Rapportera ett tillgänglighetsproblem")
    assert link.get_attribute("href") == "/tillganglighet/synpunkt/?sida=/tillganglighet/synpunkt/"
    page.context.close()

    # A save is announced: the live region is empty when the page loads, then gets the message.
    page = new_page(browser, base, "tjansteperson")
    page.goto(base + f"/rapportering/statusrapporter/{sidor['utkast']}/andra/")
    page.locator("#id_genomfort").fill("Ny text")
    page.locator("main form.form button[type=submit]").first.click()
    live = page.locator("[data-meddelanden-live]")
    assert live.get_attribute("role") == "status"
    expect(live).to_have_text("Ändringarna är sparade.")
    page.context.close()

    # A return with only spaces: the message says what to write.
    page = new_page(browser, base, "samordnare")
    page.goto(base + f"/rapportering/statusrapporter/{sidor['inskickad']}/")
    page.locator("#id_retur-kommentar").fill("   ")
    page.locator("form[action$='/returnera/'] button[type=submit]").click()
    page.wait_for_load_state()
    # … the error summary takes focus and names the field, which keeps what was typed
    assert page.evaluate("document.activeElement.hasAttribute('data-felsammanfattning')")
    expect(page.locator("[data-felsammanfattning] li")).to_contain_text("Skriv vad som behöver kompletteras.")
    assert page.locator("#id_retur-kommentar").get_attribute("aria-invalid") == "true"
    page.context.close()


def test_paged_reporting_lists_pass_axe_and_fit(sidor, live_server, browser, axe_violations):
    """At a city's size Mina rapporter pages each section and completeness its table: the page
    links (one navigation landmark per section, each with its own name) pass axe and fit at 320 px."""
    from tests.uppfoljning.rapportering.test_queries import _grow

    _grow(get_user_model().objects.get(username="tjansteperson"), 0, 30)
    base = live_server.url
    page = new_page(browser, base, "tjansteperson")
    problems = check_states(
        page, axe_violations, [("mina rapporter, page 2", goto(base, "/rapportering/?utkast=2", wait="#utkast"))]
    )
    assert page.locator("nav[aria-label='Sidor: Utkast'] [aria-current=page]").inner_text().startswith("Sida 2 av ")
    page.context.close()
    page = new_page(browser, base, "stadsledningskontoret")
    problems += check_states(
        page, axe_violations, [("completeness, page 2", goto(base, "/rapportering/kompletthet/?sida=2"))]
    )
    assert "Rad 51–100 av" in page.locator("main").inner_text()
    page.context.close()
    assert problems == []
