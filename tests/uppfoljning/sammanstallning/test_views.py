"""The compile page and the progress fragment htmx polls: 204 while nothing changed, the new state
when it did, planägare only, and a no-JavaScript path without automatic reloads."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Uppfoljningsrapport
from uppfoljning.views import sammanstallning as views

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def rapport(db):
    return Uppfoljningsrapport.objects.create(
        ar=2021, version=1, status=Jobbstatus.RUNNING, progress=45, steg="Skapar PDF", koad=timezone.now()
    )


@pytest.fixture
def follower(client, planagare):
    client.force_login(planagare)
    return client


def poll_url(html: str) -> str:
    """The URL the page's (or fragment's) progress bar polls, with the state it shows."""
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_page_shows_progress_without_automatic_reload(follower, rapport):
    html = follower.get(rapport.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert '<progress id="forloppsindikator" max="100" value="45">' in html
    assert re.search(r'<p id="forlopp-status"\s+aria-live="polite"\s*>45 % – Skapar PDF</p>', html)
    # Without JavaScript: a plain link to reload the page, no automatic reload.
    assert f'<a href="{rapport.get_absolute_url()}">Uppdatera förloppet</a>' in html
    # With JavaScript: htmx polls the fragment; out-of-band markers only in fragments.
    assert 'hx-trigger="every 1s"' in html and 'hx-swap="outerHTML"' in html
    assert poll_url(html).startswith(reverse("uppfoljning:sammanstallning_forlopp", args=[rapport.pk]) + "?sett=")
    assert "hx-swap-oob" not in html
    assert "vendor/htmx.min.js" in html and "js/progress.js" not in html


def test_fragment_answers_204_until_the_state_changes(follower, rapport):
    url = poll_url(follower.get(rapport.get_absolute_url()).content.decode())
    unchanged = follower.get(url, headers=HTMX)
    assert unchanged.status_code == 204
    assert unchanged.content == b""
    assert "HX-Request" in unchanged["Vary"]

    Uppfoljningsrapport.objects.filter(pk=rapport.pk).update(progress=80, steg="Skapar Excel-filen")
    changed = follower.get(url, headers=HTMX)
    assert changed.status_code == 200
    html = changed.content.decode()
    assert '<progress id="forloppsindikator" max="100" value="80">' in html
    assert re.search(r'hx-swap-oob="innerHTML"\s*>80 % – Skapar Excel-filen</p>', html)
    assert "<html" not in html  # a fragment, not a page
    # The new fragment polls with its own state, which is then unchanged again.
    assert poll_url(html) != url
    assert follower.get(poll_url(html), headers=HTMX).status_code == 204


def test_step_change_without_new_percentage_counts_as_a_change(follower, rapport):
    url = poll_url(follower.get(rapport.get_absolute_url()).content.decode())
    Uppfoljningsrapport.objects.filter(pk=rapport.pk).update(steg="Något annat")
    assert follower.get(url, headers=HTMX).status_code == 200


def test_finished_job_fragment_stops_polling_and_shows_the_files(follower, rapport):
    url = poll_url(follower.get(rapport.get_absolute_url()).content.decode())
    Uppfoljningsrapport.objects.filter(pk=rapport.pk).update(
        status=Jobbstatus.DONE, progress=100, steg="Klar", klar=timezone.now()
    )
    html = follower.get(url, headers=HTMX).content.decode()
    assert "hx-get" not in html and "hx-trigger" not in html
    assert reverse("uppfoljning:sammanstallning_fil", args=[rapport.pk, "pdf"]) in html
    assert "Uppdatera förloppet" not in html
    page = follower.get(rapport.get_absolute_url()).content.decode()
    assert "htmx.min.js" not in page  # nothing to follow: no script


def test_failed_job_fragment_shows_the_error(follower, rapport):
    url = poll_url(follower.get(rapport.get_absolute_url()).content.decode())
    Uppfoljningsrapport.objects.filter(pk=rapport.pk).update(
        status=Jobbstatus.FAILED, steg="Misslyckades", felmeddelande="RuntimeError: boom"
    )
    html = follower.get(url, headers=HTMX).content.decode()
    assert "hx-get" not in html
    assert "Sammanställningen misslyckades: RuntimeError: boom" in html


def test_fragment_hands_a_job_waiting_for_the_queue_over_again(follower, rapport, monkeypatch):
    Uppfoljningsrapport.objects.filter(pk=rapport.pk).update(status=Jobbstatus.PENDING, progress=0, koad=None)
    handed = []
    monkeypatch.setattr(views, "uppfoljningsrapport_enqueue", lambda rapport_id: handed.append(rapport_id) or False)
    url = reverse("uppfoljning:sammanstallning_forlopp", args=[rapport.pk])
    follower.get(url, {"sett": "x"}, headers=HTMX)
    assert handed == [rapport.pk]


def test_fragment_is_for_planagare_only(client, rapport):
    url = reverse("uppfoljning:sammanstallning_forlopp", args=[rapport.pk])
    anonymous = client.get(url, headers=HTMX)
    assert anonymous.status_code == 200 and anonymous["HX-Refresh"] == "true"  # reload: the page asks to log in
    assert anonymous.content == b""
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(UserFactory(username="tjansteperson"))
    assert client.get(url, headers=HTMX).status_code == 403
    assert client.get(rapport.get_absolute_url()).status_code == 403


def test_fragment_without_htmx_leads_to_the_page(follower, rapport):
    response = follower.get(reverse("uppfoljning:sammanstallning_forlopp", args=[rapport.pk]))
    assert response.status_code == 302 and response["Location"] == rapport.get_absolute_url()
