"""In Chromium: a planägare starts a compilation, watches the progress bar reach 100 % and
downloads the PDF. A real Celery worker (thread) on the real Redis runs the job."""

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
    monkeypatch.setenv("JAMLIK_COMPILE_STEP_DELAY", "0.4")  # slow enough to see the bar move
    load_demo_file(DEFAULT_PATH)
    load_demo_utvardering_file()
    user = UserFactory(username="slk", password="testlosen-123")
    user.groups.add(Group.objects.get_or_create(name=PLANAGARE_GRUPP)[0])
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        page.goto(live_server.url + "/konto/logga-in/?next=/uppfoljning/rapporter/")
        page.get_by_label("Användarnamn").fill("slk")
        page.get_by_label("Lösenord").fill("testlosen-123")
        page.get_by_role("button", name="Logga in").click()
        page.get_by_role("button", name="Sammanställ rapporten").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljningsrapport 2021, version 1")
        bar = page.locator("progress#forloppsindikator")
        values = set()
        for _ in range(300):
            if page.get_by_role("link", name="Ladda ned PDF").count():
                break
            if bar.count():
                values.add(bar.get_attribute("value"))
            page.wait_for_timeout(100)
        expect(bar).to_have_attribute("value", "100")
        assert len(values) > 2  # the bar moved through the job's steps
        with page.expect_download() as info:
            page.get_by_role("link", name="Ladda ned PDF").click()
        download = info.value
        assert download.suggested_filename == "uppfoljningsrapport-2021-v1.pdf"
        assert download.path().read_bytes()[:5] == b"%PDF-"
