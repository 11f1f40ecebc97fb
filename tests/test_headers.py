"""Private responses are never cached and browser features the portal does not use are switched off;
a body nested too deep for the JSON parser is a 400, not a 500."""

import pytest

from tests.factories import api_key

pytestmark = pytest.mark.django_db


def test_every_response_has_a_permissions_policy_and_public_pages_are_not_marked_private(client, plan):
    response = client.get("/")
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "no-store" not in response.get("Cache-Control", "")
    assert "geolocation=()" in client.get("/api/v1/malomraden/")["Permissions-Policy"]


def test_logged_in_pages_and_credentialed_api_calls_are_private_and_not_stored(client, demo):
    client.force_login(demo["tjansteperson"])
    for url in ("/rapportering/", "/", "/api/v1/statusrapporter/"):
        assert client.get(url)["Cache-Control"] == "private, no-store", url
    client.logout()
    key = api_key(demo["stadsledningskontoret"])
    response = client.get("/api/v1/statusrapporter/", HTTP_AUTHORIZATION=f"Token {key}")
    assert (response.status_code, response["Cache-Control"]) == (200, "private, no-store")


def test_json_nested_too_deep_is_a_400_with_a_reason(client, demo):
    client.force_login(demo["tjansteperson"])
    body = "[" * 100_000 + "]" * 100_000
    response = client.put("/api/v1/statusrapporter/1/", body, content_type="application/json")
    assert response.status_code in {400, 404}
    response = client.post("/api/v1/statusrapporter/", body, content_type="application/json")
    assert response.status_code == 400
    assert "för djupt" in response.json()["detail"]
