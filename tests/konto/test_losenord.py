"""Password reset by e-mail while local passwords are on: the whole flow through Django's test
outbox, the same answer for every address (no user enumeration), limits per client address (429)
and per e-mail address, links that work once and expire, and nothing of it under single sign-on only."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.cache import caches
from django.test import Client, RequestFactory
from knox.models import AuthToken

from konto.views import PasswordResetView
from tests.factories import UserFactory, api_key

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"
RESET = "/konto/losenord/"
DONE = "/konto/losenord/skickat/"
NEW_PASSWORD = "Nytt-losen-for-2027"


@pytest.fixture(autouse=True)
def counters(settings):
    settings.PORTAL_BASE_URL = "https://jamlik.example.se"
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


@pytest.fixture
def greta():
    return UserFactory(username="greta", email="greta@example.org")


def link_in(message) -> str:
    (link,) = re.findall(r"https://jamlik\.example\.se(/konto/losenord/\S+/\S+/)", message.body)
    return link


def test_the_login_page_links_to_the_reset(client):
    page = client.get(LOGIN).content.decode()
    assert f'href="{RESET}"' in page and "Glömt lösenordet?" in page


def test_the_whole_reset_by_e_mail(client, greta):
    key = api_key(greta)
    response = client.post(RESET, {"email": "Greta@Example.org"})
    assert (response.status_code, response["Location"]) == (302, DONE)
    (message,) = mail.outbox
    assert message.to == ["greta@example.org"]
    assert message.subject == "Nytt lösenord i Jämlik stad"
    assert "Ditt användarnamn är greta." in message.body
    assert "Länken gäller i 60 minuter och kan bara användas en gång." in message.body
    link = link_in(message)

    page = client.get(DONE).content.decode()
    assert "Kolla din e-post" in page
    # The link moves the token into the session (no token in a Referer), then shows the form.
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    form_url = response["Location"]
    weak = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 400
    assert "Detta lösenord är alldeles för vanligt." in weak.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/konto/losenord/klart/")
    assert "Lösenordet är bytt" in client.get("/konto/losenord/klart/").content.decode()

    assert Client().post(LOGIN, {"username": "greta", "password": "testlosen-123"}).status_code == 200
    assert Client().post(LOGIN, {"username": "greta", "password": NEW_PASSWORD}).status_code == 302
    assert not AuthToken.objects.filter(user=greta).exists()  # the API keys went with the old password
    assert key
    # Once only.
    again = Client().get(link, follow=True)
    assert "Länken fungerar inte längre" in again.content.decode()


def test_the_same_answer_for_every_address_and_mail_only_to_accounts_with_a_password(client, greta):
    sso = UserFactory(username="sso-user", email="sso@example.org")  # as single sign-on makes them
    sso.set_unusable_password()
    sso.save()
    UserFactory(username="slutat", email="slutat@example.org", is_active=False)
    answers = set()
    for email in ["greta@example.org", "okand@example.org", "sso@example.org", "slutat@example.org"]:
        response = client.post(RESET, {"email": email})
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, DONE)}
    assert [m.to for m in mail.outbox] == [["greta@example.org"]]


def test_a_bad_address_is_named_next_to_the_field(client):
    response = client.post(RESET, {"email": "inte en adress\x00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Formuläret behöver rättas" in page and "E-postadress" in page
    assert mail.outbox == []


def test_one_e_mail_address_gets_a_few_mails_an_hour_and_the_answer_stays_the_same(client, greta, settings):
    settings.PASSWORD_RESET_MAX_PER_EMAIL = 3
    for _ in range(5):
        assert client.post(RESET, {"email": "greta@example.org"})["Location"] == DONE
    assert len(mail.outbox) == 3


def test_one_address_asking_too_often_gets_429_and_is_logged(greta, settings, caplog):
    settings.PASSWORD_RESET_MAX_PER_ADDRESS = 4
    client = Client(REMOTE_ADDR="198.51.100.9")
    codes = [client.post(RESET, {"email": f"person{n}@example.org"}).status_code for n in range(6)]
    assert codes == [302] * 4 + [429] * 2
    response = client.post(RESET, {"email": "greta@example.org"})
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert "För många förfrågningar om nytt lösenord" in response.content.decode()
    assert mail.outbox == []
    assert Client(REMOTE_ADDR="198.51.100.10").post(RESET, {"email": "greta@example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    events = [r for r in caplog.records if getattr(r, "event", None) == "password_reset_throttled"]
    assert events and events[-1].client_ip == "198.51.100.9"


def test_the_limit_holds_with_redis_down(greta, settings):
    from tests.test_faults import redis_start, redis_stop

    settings.PASSWORD_RESET_MAX_PER_ADDRESS = 2
    redis_stop()
    try:
        client = Client(REMOTE_ADDR="198.51.100.11")
        assert [client.post(RESET, {"email": "greta@example.org"}).status_code for _ in range(3)] == [302, 302, 429]
    finally:
        redis_start()


def test_the_mail_leaves_after_the_answer(greta):
    """The answer takes as long for an address with an account as for one without."""
    request = RequestFactory().post(RESET, {"email": "greta@example.org"}, REMOTE_ADDR="198.51.100.12")
    request._dont_enforce_csrf_checks = True
    response = PasswordResetView.as_view()(request)
    assert response.status_code == 302
    assert mail.outbox == []
    response.close()
    assert len(mail.outbox) == 1


def test_an_expired_link_is_refused(client, greta):
    client.post(RESET, {"email": "greta@example.org"})
    link = link_in(mail.outbox[0])
    later = PasswordResetTokenGenerator()._now() + timedelta(minutes=61)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        page = client.get(link, follow=True).content.decode()
    assert "Länken fungerar inte längre" in page


def test_a_reset_lifts_the_login_lock_out(greta, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    locked = Client(REMOTE_ADDR="198.51.100.13")
    for _ in range(3):
        locked.post(LOGIN, {"username": "greta", "password": "fel"})
    assert locked.post(LOGIN, {"username": "greta", "password": "testlosen-123"}).status_code == 429
    client = Client(REMOTE_ADDR="198.51.100.13")
    client.post(RESET, {"email": "greta@example.org"})
    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert (
        Client(REMOTE_ADDR="198.51.100.13").post(LOGIN, {"username": "greta", "password": NEW_PASSWORD}).status_code
        == 302
    )


@pytest.mark.parametrize("setting", ["LOCAL_LOGIN_ENABLED", "PASSWORD_RESET_ENABLED"])
def test_without_local_passwords_there_is_no_reset(client, greta, settings, setting):
    setattr(settings, setting, False)
    assert "Glömt lösenordet?" not in client.get(LOGIN).content.decode()
    for url in [RESET, DONE, "/konto/losenord/klart/", "/konto/losenord/Mg/set-password/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(RESET, {"email": "greta@example.org"}).status_code == 404
    assert mail.outbox == []
