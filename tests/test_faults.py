"""Faults survived, nothing lost: PostgreSQL stops and restarts while an official saves a report
through the real server. Every save either succeeds or shows a clear error with the typed text;
the database afterwards holds exactly the successful saves."""

import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections

from plan.models import Organisation
from uppfoljning.models import Statusrapport

pytestmark = pytest.mark.django_db(transaction=True)


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
    rapport = Statusrapport.objects.get(
        organisation=Organisation.objects.get(namn="Kulturnämnden"),
        aktivitet__slug="skolan-som-gemensam-arena",
        period__slug="2021",
    )
    client.force_login(
        rapport.skapad_av
        or __import__("django.contrib.auth", fromlist=["get_user_model"])
        .get_user_model()
        .objects.get(username="tjansteperson")
    )
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
        time.sleep(0.3)
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
