"""The API throttles anonymous and authenticated clients: past the rate, 429 with Retry-After,
and the limits hold while Redis is down (counted in the process's memory meanwhile)."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from jamlik.api.throttling import AnonRateThrottle
from tests.factories import UserFactory, api_key

pytestmark = pytest.mark.django_db

RATES = {"anon": "3/min", "user": "5/min"}


@pytest.fixture
def low_rates(monkeypatch):
    with override_settings(REST_FRAMEWORK={**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": RATES}):
        # DRF copies the rates into a class attribute at import; point it at the overridden ones.
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)
        caches["throttle"].clear()
        yield
    caches["throttle"].clear()


def test_anonymous_api_client_is_throttled(low_rates, plan):
    client = APIClient()
    statuses = [client.get("/api/v1/malomraden/").status_code for _ in range(3)]
    response = client.get("/api/v1/malomraden/")
    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_throttling_counts_per_client_address(low_rates, plan):
    for _ in range(3):
        APIClient(REMOTE_ADDR="192.0.2.1").get("/api/v1/malomraden/")
    assert APIClient(REMOTE_ADDR="192.0.2.1").get("/api/v1/malomraden/").status_code == 429
    assert APIClient(REMOTE_ADDR="192.0.2.2").get("/api/v1/malomraden/").status_code == 200


def test_authenticated_api_client_has_its_own_higher_rate(low_rates, plan):
    client = APIClient(HTTP_AUTHORIZATION=f"Token {api_key(UserFactory())}")
    statuses = [client.get("/api/v1/malomraden/").status_code for _ in range(5)]
    response = client.get("/api/v1/malomraden/")
    assert statuses == [200] * 5
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


@pytest.fixture
def redis_down():
    from tests.test_faults import redis_start, redis_stop

    redis_stop()
    try:
        yield
    finally:
        redis_start()


def test_rate_limits_hold_with_redis_down(low_rates, plan, redis_down, caplog):
    client = APIClient(REMOTE_ADDR="192.0.2.7")
    statuses = [client.get("/api/v1/malomraden/").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert APIClient(REMOTE_ADDR="192.0.2.8").get("/api/v1/malomraden/").status_code == 200
    assert any(getattr(r, "event", None) == "cache_unavailable" for r in caplog.records)


def test_rate_limits_are_shared_through_redis_when_it_is_up(low_rates, plan, settings):
    assert settings.CACHES["throttle"]["BACKEND"] == "jamlik.ops.cache.LocalFallbackRedisCache"
    for _ in range(3):
        APIClient(REMOTE_ADDR="192.0.2.9").get("/api/v1/malomraden/")
    assert not any("192.0.2.9" in key for key in caches["throttle"].local._cache)  # counted in Redis, not locally
    assert APIClient(REMOTE_ADDR="192.0.2.9").get("/api/v1/malomraden/").status_code == 429


def test_a_client_is_counted_in_one_number_per_window(plan, monkeypatch):
    """One counter per client and window, whatever the rate: not a list of every request's time,
    which DRF's own throttles read and write back whole on every request."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1000/min", "user": "1000/min"})
    caches["throttle"].clear()
    client = APIClient(REMOTE_ADDR="192.0.2.10")
    throttle = AnonRateThrottle()
    while True:
        window = int(throttle.timer() // throttle.duration)
        for _ in range(12):
            assert client.get("/api/v1/forutsattningar/").status_code == 200
        if int(throttle.timer() // throttle.duration) == window:
            break  # else the minute turned meanwhile: count again in the new one
        caches["throttle"].clear()
    assert caches["throttle"].get(f"throttle_anon_192.0.2.10:{window}") == 12
    caches["throttle"].clear()
