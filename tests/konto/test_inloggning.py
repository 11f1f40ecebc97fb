"""Login failures from one address across many usernames are slowed down (429) and logged, with or
without Redis; django-axes still locks a username+address after its own limit."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


@pytest.fixture
def ip_limit(settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 5
    settings.LOGIN_IP_WINDOW_SECONDS = 900
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


def spray(address: str, count: int) -> list[int]:
    """One wrong password tried against `count` different usernames from one address."""
    client = Client(REMOTE_ADDR=address)
    return [
        client.post(LOGIN, {"username": f"anvandare-{n}", "password": "Sommar2021!"}).status_code for n in range(count)
    ]


def assert_slowed_and_logged(caplog):
    user = UserFactory(username="riktig")
    assert spray("198.51.100.4", 5) == [200] * 5  # the form again, with its error
    slowed = Client(REMOTE_ADDR="198.51.100.4")
    response = slowed.post(LOGIN, {"username": "riktig", "password": "testlosen-123"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 900
    assert "För många misslyckade inloggningar från din adress" in response.content.decode()
    assert "_auth_user_id" not in slowed.session
    admin_login = slowed.post("/admin/login/", {"username": "riktig", "password": "testlosen-123"})
    assert admin_login.status_code == 429
    # Another address is not affected, and the right password works there.
    other = Client(REMOTE_ADDR="198.51.100.5")
    assert other.post(LOGIN, {"username": "riktig", "password": "testlosen-123"}).status_code == 302
    assert other.session["_auth_user_id"] == str(user.pk)
    events = [r for r in caplog.records if getattr(r, "event", None) == "login_failures_from_address"]
    assert events and events[-1].client_ip == "198.51.100.4" and events[-1].failures >= 5


def test_one_address_trying_many_usernames_is_slowed_and_logged(ip_limit, caplog):
    assert_slowed_and_logged(caplog)


def test_slowing_holds_with_redis_down(ip_limit, caplog):
    from tests.test_faults import redis_start, redis_stop

    redis_stop()
    try:
        assert_slowed_and_logged(caplog)
    finally:
        redis_start()


def test_a_few_failures_do_not_slow_an_address(ip_limit):
    UserFactory(username="riktig")
    assert spray("198.51.100.6", 4) == [200] * 4
    client = Client(REMOTE_ADDR="198.51.100.6")
    assert client.post(LOGIN, {"username": "riktig", "password": "testlosen-123"}).status_code == 302


def test_the_limit_is_off_when_set_to_zero(settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 0
    assert spray("198.51.100.7", 8) == [200] * 8
