"""Faults survived, nothing lost: PostgreSQL stops and restarts while an official saves a report
through the real server. Every save either succeeds or shows a clear error with the typed text;
the database afterwards holds exactly the successful saves."""

import os
import re
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections

from plan.models import Organisation
from tests.clock import open_period_around_today
from tests.waiting import wait_for
from uppfoljning.models import Statusrapport

pytestmark = pytest.mark.django_db(transaction=True)

# These tests save the demo's 2021 draft, which is only possible until the period's deadline
# (2031-01-31). They run real servers (PostgreSQL and Redis stopped and started, a Celery worker), so
# they keep the real clock rather than a frozen one (tests/clock.py): the period's deadline is moved
# to follow the real today instead.


def pg_ctl(*args: str) -> None:
    """Run pg_ctl on the throwaway server started by scripts/with-services.sh."""
    pgbin, pgdata = os.environ["JAMLIK_PGBIN"], os.environ["JAMLIK_PGDATA"]
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, f"{pgbin}/pg_ctl", "-D", pgdata, "-w", *args], check=True, capture_output=True)


def pg_start() -> None:
    port = urllib.parse.urlparse(os.environ["DATABASE_URL"]).port
    pgdata = os.environ["JAMLIK_PGDATA"]
    pg_ctl("-l", f"{pgdata}/log", "-o", f"-p {port} -k {pgdata} -c listen_addresses=127.0.0.1 -c fsync=off", "start")


class Browser:
    """A minimal HTTP client that keeps cookies and never follows redirects."""

    def __init__(self, base: str, sessionid: str):
        self.base = base
        self.cookies = {"sessionid": sessionid}

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Referer": self.base + path, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as exc:
            response = exc
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status if hasattr(response, "status") else response.code, response.read().decode()


def form_fields(html: str) -> dict:
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|version)" value="([^"]*)"', html))
    fields["status"] = "pagar_enligt_plan"
    return fields


@pytest.fixture
def official(plan, live_server, client):
    call_command("load_demo", "--force", stdout=StringIO())
    open_period_around_today()
    rapport = Statusrapport.objects.get(
        organisation=Organisation.objects.get(namn="Kulturnämnden"),
        aktivitet__slug="skolan-som-gemensam-arena",
        period__slug="2021",
    )
    client.force_login(get_user_model().objects.get(username="tjansteperson"))
    return Browser(live_server.url, client.cookies["sessionid"].value), rapport


def save(browser: Browser, rapport, text: str) -> tuple[int, str]:
    status, html = browser.request(f"/rapportering/statusrapporter/{rapport.pk}/andra/")
    if status != 200:
        return status, html
    return browser.request(
        f"/rapportering/statusrapporter/{rapport.pk}/andra/",
        {**form_fields(html), "genomfort": text, "hinder": "", "nasta_steg": ""},
    )


def test_save_while_database_is_down_keeps_the_text_and_saves_nothing(official):
    browser, rapport = official
    status, html = browser.request(f"/rapportering/statusrapporter/{rapport.pk}/andra/")
    assert status == 200
    fields = {
        **form_fields(html),
        "genomfort": "Text skriven <b>medan</b> databasen startar om",
        "hinder": "",
        "nasta_steg": "",
    }
    history_before = Statusrapport.history.filter(id=rapport.pk).count()
    connections.close_all()
    pg_ctl("stop", "-m", "fast")
    try:
        status, html = browser.request(f"/rapportering/statusrapporter/{rapport.pk}/andra/", fields)
        assert status == 503
        assert "Databasen är tillfälligt otillgänglig. Inget sparades." in html
        # The typed text comes back, escaped, in a form that can be sent again.
        assert "Text skriven &lt;b&gt;medan&lt;/b&gt; databasen startar om</textarea>" in html
        assert "Försök spara igen" in html
        api_status, api_body = browser.request("/api/v1/statusrapporter/")
        assert api_status == 503 and "Databasen är tillfälligt otillgänglig" in api_body
        assert browser.request("/health/")[0] == 503
    finally:
        pg_start()
    connections.close_all()
    rapport.refresh_from_db()
    assert rapport.genomfort != fields["genomfort"]
    assert Statusrapport.history.filter(id=rapport.pk).count() == history_before
    # Once the database is back, sending the same form again saves it.
    status, _ = browser.request(f"/rapportering/statusrapporter/{rapport.pk}/andra/", fields)
    assert status == 302
    rapport.refresh_from_db()
    assert rapport.genomfort == fields["genomfort"]


def test_saves_during_a_restart_either_succeed_or_fail_cleanly(official):
    browser, rapport = official
    version_before = rapport.version
    history_before = Statusrapport.history.filter(id=rapport.pk).count()
    outcomes: list[tuple[int, str, str]] = []
    restarted = threading.Event()

    def restart():
        # Restart once the official has saved at least once, so saves run before, during and after.
        wait_for(lambda: any(status == 302 for status, _, _ in outcomes), 60, "a save before the restart")
        pg_ctl("-l", f"{os.environ['JAMLIK_PGDATA']}/log", "restart", "-m", "fast")
        restarted.set()

    thread = threading.Thread(target=restart)
    connections.close_all()  # this thread holds no connection while the server restarts
    thread.start()
    after_restart = 0
    for i in range(300):
        text = f"Sparning nummer {i}"
        status, html = save(browser, rapport, text)
        outcomes.append((status, text, html))
        if restarted.is_set():
            after_restart += 1
            if after_restart >= 5:
                break
    thread.join()
    connections.close_all()
    assert restarted.is_set()
    assert {status for status, _, _ in outcomes} <= {302, 503}, {s for s, _, _ in outcomes}
    for status, text, html in outcomes:
        if status == 503 and "Försök spara igen" in html:
            assert text in html
    saved = [text for status, text, _ in outcomes if status == 302]
    assert saved, "no save succeeded"
    rapport.refresh_from_db()
    assert rapport.genomfort == saved[-1]
    assert rapport.version == version_before + len(saved)
    assert Statusrapport.history.filter(id=rapport.pk).count() == history_before + len(saved)


def redis_stop() -> None:
    subprocess.run(["redis-cli", "-p", os.environ["JAMLIK_REDIS_PORT"], "shutdown", "nosave"], capture_output=True)


def redis_start() -> None:
    """Start Redis again exactly as scripts/with-services.sh did (same port and run folder)."""
    run_dir = os.path.dirname(os.environ["JAMLIK_PGDATA"])
    subprocess.run(
        ["redis-server", "--port", os.environ["JAMLIK_REDIS_PORT"], "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--daemonize", "yes", "--pidfile", f"{run_dir}/redis.pid", "--logfile", f"{run_dir}/redis.log",
         "--dir", run_dir],
        check=True, capture_output=True,
    )  # fmt: skip
    wait_for(redis_answers, 5, "Redis to come back", interval=0.1)


def redis_answers() -> bool:
    ping = subprocess.run(["redis-cli", "-p", os.environ["JAMLIK_REDIS_PORT"], "ping"], capture_output=True)
    return ping.stdout.strip() == b"PONG"


def test_redis_down_reporting_and_portal_work_and_compilation_waits_for_the_queue(plan, client, settings, tmp_path):
    from celery.contrib.testing.worker import start_worker
    from rest_framework.test import APIClient

    from jamlik.celery import app
    from tests.factories import api_key
    from uppfoljning.models import Uppfoljningsrapport
    from uppfoljning.services.sammanstallning import KO_OTILLGANGLIG

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--force", stdout=StringIO())
    open_period_around_today()
    User = get_user_model()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key(User.objects.get(username='stadsledningskontoret'))}")
    rapport = Statusrapport.objects.get(organisation__namn="Kulturnämnden", aktivitet__slug="skolan-som-gemensam-arena")

    redis_stop()
    try:
        # Compilation: accepted, and the job says it waits for the queue.
        response = api.post("/api/v1/uppfoljningsrapporter/", {"ar": 2021}, format="json")
        assert response.status_code == 202, response.content
        job = Uppfoljningsrapport.objects.get(pk=response.data["id"])
        assert (job.status, job.koad, job.steg) == ("pending", None, KO_OTILLGANGLIG)
        assert api.get(response.data["poll_url"]).data["steg"] == KO_OTILLGANGLIG  # still down: still waiting
        # The public portal and status reporting keep working.
        assert client.get("/").status_code == 200
        assert client.get("/matris/").status_code == 200
        client.force_login(User.objects.get(username="tjansteperson"))
        page = client.get(f"/rapportering/statusrapporter/{rapport.pk}/andra/").content.decode()
        saved = client.post(
            f"/rapportering/statusrapporter/{rapport.pk}/andra/",
            {**form_fields(page), "genomfort": "Sparat medan Redis var nere", "hinder": "", "nasta_steg": ""},
        )
        assert saved.status_code == 302
        rapport.refresh_from_db()
        assert rapport.genomfort == "Sparat medan Redis var nere"
        health = client.get("/health/").json()
        assert health == {"status": "degraded", "database": "ok", "cache": "unavailable", "broker": "unavailable"}
    finally:
        redis_start()

    # Redis is back: following the job hands it to the queue, and a worker completes it once.
    def finished():
        data = api.get(response.data["poll_url"]).data
        return data if data["status"] in {"done", "failed"} else None

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        data = wait_for(finished, 120, "the compilation once Redis is back", interval=0.3)
    assert data["status"] == "done", data
    assert Uppfoljningsrapport.objects.filter(ar=2021).count() == 1
    done = Uppfoljningsrapport.objects.get(ar=2021)
    assert done.koad is not None and done.progress == 100
    assert (settings.MEDIA_ROOT / done.pdf_fil).is_file()
