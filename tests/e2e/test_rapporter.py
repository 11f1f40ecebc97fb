"""In Chromium: a planägare starts a compilation, watches the progress bar (polled by htmx) reach
100 % and downloads the PDF. A real Celery worker (thread) on the real Redis runs the job."""

import itertools
import re

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from jamlik.celery import app
from jamlik.management.commands.load_demo import DEFAULT_PATH, load_demo_file
from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from plan.choices import PLANAGARE_GRUPP
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def test_compile_watch_progress_and_download_pdf(plan, live_server, page, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setenv("JAMLIK_COMPILE_STEP_DELAY", "0.6")  # slow enough for the 1 s polls to see the bar move
    load_demo_file(DEFAULT_PATH)
    load_demo_utvardering_file()
    user = UserFactory(username="slk", password="testlosen-123")
    user.groups.add(Group.objects.get_or_create(name=PLANAGARE_GRUPP)[0])
    csp_violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and csp_violations.append(msg.text))
    page.goto(live_server.url + "/konto/logga-in/?next=/uppfoljning/rapporter/")
    page.get_by_label("Användarnamn").fill("slk")
    page.get_by_label("Lösenord").fill("testlosen-123")
    page.get_by_role("button", name="Logga in").click()
    # No worker yet: the job waits in the queue and the page polls a state that does not change.
    page.get_by_role("button", name="Sammanställ rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljningsrapport 2021, version 1")
    status = page.locator("#forlopp-status")
    expect(status).to_have_text("0 % – Väntar på att starta")
    # htmx runs with the CSP-safe configuration of base.html's <meta name="htmx-config">.
    # The status line is server-rendered, so it can be seen before the deferred scripts ran.
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("[htmx.config.allowEval, htmx.config.includeIndicatorStyles]") == [False, False]
    # Every rewrite of the live status line is recorded, with the text it was given.
    page.evaluate(
        """() => {
            const status = document.getElementById("forlopp-status");
            window.statusTexts = [];
            new MutationObserver(() => window.statusTexts.push(status.textContent))
                .observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )
    for _ in range(2):  # two polls in a row: nothing changed, nothing swapped
        with page.expect_response(lambda r: "/forlopp/" in r.url and r.status == 204, timeout=10_000):
            pass
    assert page.evaluate("window.statusTexts") == []

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        pdf = page.get_by_role("link", name="Ladda ned PDF")
        expect(pdf).to_be_visible(timeout=120_000)  # swapped in by htmx: no reload
        expect(page.locator("progress#forloppsindikator")).to_have_attribute("value", "100")
        expect(status).to_have_text("100 % – Klar")
        texts = page.evaluate("window.statusTexts")  # still there: swapped in, the page never reloaded
        assert len(texts) > 2, texts  # the status line followed the job's steps
        assert all(a != b for a, b in itertools.pairwise(texts)), texts  # rewritten only on change
        expect(page.locator("#forlopp")).not_to_have_attribute("hx-get", re.compile(".*"))  # polling stopped
        expect(page.get_by_role("link", name="Uppdatera förloppet")).to_have_count(0)
        with page.expect_download() as info:
            pdf.click()
        download = info.value
        assert download.suggested_filename == "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.pdf"
        assert download.path().read_bytes()[:5] == b"%PDF-"
    assert csp_violations == []


def test_without_a_queue_the_start_shows_a_wait_state_until_the_version_is_done(
    plan, live_server, page, settings, tmp_path, monkeypatch, axe_violations
):
    """make run has no Redis: the compilation runs inside the request. The button is disabled and a
    status line says what is happening until the finished version's page arrives."""
    settings.MEDIA_ROOT = tmp_path
    # Celery's configuration first, then the setting: app.conf is read from the Django settings
    # the first time it is touched, and touched after the override it would keep eager mode (and
    # monkeypatch would restore eager) for every later test in the process.
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setenv("JAMLIK_COMPILE_STEP_DELAY", "0.3")
    load_demo_file(DEFAULT_PATH)
    user = UserFactory(username="slk", password="testlosen-123")
    user.groups.add(Group.objects.get_or_create(name=PLANAGARE_GRUPP)[0])
    page.goto(live_server.url + "/konto/logga-in/?next=/uppfoljning/rapporter/")
    page.get_by_label("Användarnamn").fill("slk")
    page.get_by_label("Lösenord").fill("testlosen-123")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Ingen kö är konfigurerad: rapporten sammanställs direkt i portalen")).to_be_visible()
    knapp = page.get_by_role("button", name="Sammanställ rapporten")
    # What the page shows while the request runs (Playwright cannot look at a page that is
    # navigating): the submit handled with the navigation held back.
    page.evaluate(
        """() => {
            const form = document.querySelector("form[data-vantar]");
            form.addEventListener("submit", (e) => e.preventDefault(), {once: true});
            form.requestSubmit();
        }"""
    )
    status = page.get_by_role("status").filter(has_text="Sammanställer rapporten")
    expect(status).to_have_text("Sammanställer rapporten. Det tar en stund; sidan visas när den är klar.")
    expect(knapp).to_be_disabled()
    expect(page.locator("form[data-vantar]")).to_have_attribute("aria-busy", "true")
    # Now for real: the answer is the finished version's page.
    page.reload()
    page.get_by_role("button", name="Sammanställ rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljningsrapport 2021, version 1", timeout=120_000)
    expect(page.get_by_role("link", name="Ladda ned Word (redigerbar)")).to_be_visible()
    assert axe_violations(page) == []  # the finished version with its changes and the form to compile again
    # Again with nothing changed: no new version, the existing one is shown and says so.
    page.goto(live_server.url + "/uppfoljning/rapporter/")
    page.get_by_role("button", name="Sammanställ rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljningsrapport 2021, version 1")
    expect(page.get_by_text("Underlaget har inte ändrats sedan version 1: ingen ny version skapades.")).to_be_visible()
