"""Sessions that keep work: sliding expiry with a maximum, extending before the end, and a form
posted after the session ended kept across the login and filled in again (never re-sent)."""

import time
from datetime import UTC, datetime

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from jamlik.ops import sessions
from uppfoljning.models import Statusrapport

# The kept forms are the demo draft's edit form, which the deadline rule closes after the demo
# period's last day (2031-01-31): every test runs on the tests' day inside it (tests/clock.py).
# time.time() runs on from there (tick), so the session arithmetic below holds as before.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def _utkast():
    return Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )


def _expire_date(client) -> float:
    return Session.objects.get(session_key=client.session.session_key).expire_date.timestamp()


def _set(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def test_activity_slides_the_end_forward_but_never_past_the_maximum(client, demo, settings):
    settings.SESSION_COOKIE_AGE, settings.SESSION_MAX_AGE, settings.SESSION_REFRESH_SECONDS = 600, 3600, 60
    client.force_login(demo["tjansteperson"])
    client.get(reverse("uppfoljning:mina_rapporter"))
    nu = time.time()
    assert _expire_date(client) == pytest.approx(nu + 600, abs=5)
    # Ten minutes of activity later (as if the last refresh was long ago): the end moves on.
    _set(client, **{sessions.START: nu - 3000, sessions.SLUT: nu + 100})
    response = client.get(reverse("uppfoljning:mina_rapporter"))
    # Capped: 3000 s after login, the maximum (3600) is only 600 s away... and the idle 600 too.
    assert _expire_date(client) == pytest.approx(nu + 600, abs=5)
    assert response.wsgi_request.session_kvar == pytest.approx(600, abs=5)
    _set(client, **{sessions.START: nu - 3300, sessions.SLUT: nu + 100})
    response = client.get(reverse("uppfoljning:mina_rapporter"))
    assert _expire_date(client) == pytest.approx(nu + 300, abs=5)  # the maximum, not now + 600
    assert response.wsgi_request.session_max_nadd is True
    # Past the maximum: logged out, whatever the activity.
    _set(client, **{sessions.START: nu - 3700})
    response = client.get(reverse("uppfoljning:mina_rapporter"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_requests_within_the_refresh_interval_write_nothing(client, demo, django_assert_num_queries):
    client.force_login(demo["tjansteperson"])
    client.get(reverse("aviseringar:lista"))
    before = _expire_date(client)
    client.get(reverse("aviseringar:lista"))
    assert _expire_date(client) == before


def test_extend_endpoint(client, demo, settings):
    assert client.post(reverse("forlang"), HTTP_ACCEPT="application/json").status_code == 401
    settings.SESSION_COOKIE_AGE = 900
    client.force_login(demo["tjansteperson"])
    client.get(reverse("aviseringar:lista"))
    _set(client, **{sessions.SLUT: time.time() + 60})
    data = client.post(reverse("forlang"), HTTP_ACCEPT="application/json").json()
    assert data["inloggad"] is True and data["kvar"] == pytest.approx(900, abs=5)
    assert _expire_date(client) == pytest.approx(time.time() + 900, abs=5)
    # Without JavaScript: the dialog's form posts and goes back to the page.
    response = client.post(reverse("forlang"), {"next": "/aviseringar/"})
    assert response["Location"] == "/aviseringar/"
    assert client.post(reverse("forlang"), {"next": "https://evil.example/"})["Location"] == "/"
    assert client.get(reverse("forlang")).status_code == 405


def test_warning_dialog_on_logged_in_pages_only(client, demo):
    assert 'id="sessionsvarning"' not in client.get("/").content.decode()
    client.force_login(demo["tjansteperson"])
    page = client.get(reverse("uppfoljning:mina_rapporter")).content.decode()
    assert 'role="alertdialog"' in page
    assert 'data-varning="300"' in page


def test_a_post_after_expiry_keeps_its_fields_across_the_login_and_fills_the_form(client, demo):
    rapport = _utkast()
    form_url = reverse("uppfoljning:statusrapport_andra", args=[rapport.pk])
    client.force_login(demo["tjansteperson"])
    assert client.get(form_url).status_code == 200
    Session.objects.all().delete()  # the session ends (expired on the server)

    text = "Kulturskolan på fem skolor.\nOch en sjätte till hösten – å ä ö."
    response = client.post(
        form_url,
        {"version": rapport.version, "status": "pagar_enligt_plan", "genomfort": text, "password": "hemligt"},
        HTTP_REFERER=f"http://testserver{form_url}",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={form_url}"
    assert sessions.ATERGANG_COOKIE in response.cookies
    assert _utkast().genomfort != text  # nothing was saved

    response = client.post(
        response["Location"], {"username": "tjansteperson", "password": "demo-jamlik-2021"}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == form_url
    assert "Du hade loggats ut när formuläret skickades." in page
    assert 'id="atergang-data" type="application/json"' in page
    assert "Kulturskolan på fem skolor." in page and "hemligt" not in page
    assert response.cookies[sessions.ATERGANG_COOKIE].value == ""  # taken: the cookie is cleared
    assert _utkast().genomfort != text  # never re-sent on its own
    # Taken once: the next visit shows the form as saved.
    assert "Du hade loggats ut" not in client.get(form_url).content.decode()


def test_kept_fields_are_only_given_back_on_the_page_they_came_from(client, demo):
    rapport = _utkast()
    form_url = reverse("uppfoljning:statusrapport_andra", args=[rapport.pk])
    response = client.post(form_url, {"genomfort": "Text"}, HTTP_REFERER=f"http://testserver{form_url}")
    client.force_login(demo["tjansteperson"])
    assert "Du hade loggats ut" not in client.get(reverse("uppfoljning:mina_rapporter")).content.decode()
    assert "Du hade loggats ut" in client.get(form_url).content.decode()
    assert response.status_code == 302


def test_a_post_with_nothing_to_keep_sets_no_cookie(client, demo):
    response = client.post(reverse("aviseringar:markera_lasta"), {"csrfmiddlewaretoken": "x"})
    assert response.status_code == 302
    assert sessions.ATERGANG_COOKIE not in response.cookies


def test_kept_fields_go_back_to_the_user_whose_session_ended_only(client, demo):
    rapport = _utkast()
    form_url = reverse("uppfoljning:statusrapport_andra", args=[rapport.pk])
    client.force_login(demo["tjansteperson"])
    client.get(form_url)
    # The session expires on the server (its row stays until clearsessions).
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=datetime(2000, 1, 1, tzinfo=UTC))
    response = client.post(form_url, {"genomfort": "Teas text"}, HTTP_REFERER=f"http://testserver{form_url}")
    assert response.status_code == 302 and sessions.ATERGANG_COOKIE in response.cookies
    # Someone else logs in on the same browser and opens the same page: nothing of Tea's.
    client.force_login(demo["samordnare"])
    assert "Teas text" not in client.get(form_url).content.decode()
    client.force_login(demo["tjansteperson"])
    assert "Teas text" in client.get(form_url).content.decode()


def test_the_maximum_logs_out_and_still_keeps_the_post_for_the_same_user(client, demo, settings):
    rapport = _utkast()
    form_url = reverse("uppfoljning:statusrapport_andra", args=[rapport.pk])
    client.force_login(demo["tjansteperson"])
    client.get(form_url)
    _set(client, **{sessions.START: time.time() - settings.SESSION_MAX_AGE - 1})
    response = client.post(form_url, {"genomfort": "Sent efter maxtiden"}, HTTP_REFERER=f"http://testserver{form_url}")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "Sent efter maxtiden" not in _utkast().genomfort
    client.force_login(demo["tjansteperson"])
    assert "Sent efter maxtiden" in client.get(form_url).content.decode()
