"""API keys (issue 11): stored hashed, expiring, shown once, revoked on password change and
deactivation; the admin never shows a key in plaintext."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from jamlik.errors import Domanfel
from konto.services import api_nyckel_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/statusrapporter/"


def status_with(key: str) -> int:
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}").get(URL).status_code


def test_key_is_stored_only_as_a_digest(demo):
    token, key = api_nyckel_create(user=demo["tjansteperson"])
    assert key.startswith("jamlik_") and len(key) > 60
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM knox_authtoken")
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert not any(key in str(value) for value in rows[0])
    assert token.digest != key and len(token.digest) == 128
    assert status_with(key) == 200


def test_expired_key_is_refused_with_401(demo):
    _, key = api_nyckel_create(user=demo["tjansteperson"], dagar=1)
    assert status_with(key) == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        response = APIClient(HTTP_AUTHORIZATION=f"Token {key}").get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not AuthToken.objects.exists()


def test_every_key_has_an_expiry_and_the_longest_is_bounded(demo, settings):
    token, _ = api_nyckel_create(user=demo["tjansteperson"])
    assert token.expiry - timezone.now() == pytest.approx(
        timedelta(days=settings.API_TOKEN_TTL_DAYS), abs=timedelta(seconds=60)
    )
    with pytest.raises(Domanfel) as fel:  # the portal's one domain error, with a Swedish reason
        api_nyckel_create(user=demo["tjansteperson"], dagar=settings.API_TOKEN_MAX_DAYS + 1)
    assert fel.value.messages == [f"En API-nyckel gäller i 1 till {settings.API_TOKEN_MAX_DAYS} dagar."]
    with pytest.raises(CommandError, match="En API-nyckel gäller i 1 till"):
        call_command("api_key", "create", "tjansteperson", "--days", "0", stdout=io.StringIO())


def test_password_change_revokes_every_key(demo):
    user = demo["tjansteperson"]
    keys = [api_nyckel_create(user=user)[1] for _ in range(2)]
    other = api_nyckel_create(user=demo["samordnare"])[1]
    user.set_password("ett-helt-nytt-losenord-42")
    user.save()
    assert [status_with(key) for key in keys] == [401, 401]
    assert status_with(other) == 200


def test_login_does_not_revoke_keys(client, demo):
    _, key = api_nyckel_create(user=demo["tjansteperson"])
    client.post("/konto/logga-in/", {"username": "tjansteperson", "password": "demo-jamlik-2021"})
    assert "_auth_user_id" in client.session
    assert status_with(key) == 200


def test_deactivation_revokes_every_key(demo):
    user = demo["tjansteperson"]
    _, key = api_nyckel_create(user=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert status_with(key) == 401
    user.is_active = True
    user.save()
    assert status_with(key) == 401  # reactivation does not bring a revoked key back


def test_admin_shows_the_key_once_and_never_again(admin_client, demo):
    user = demo["tjansteperson"]
    assert admin_client.get("/admin/konto/apinyckel/add/").status_code == 200
    response = admin_client.post("/admin/konto/apinyckel/add/", {"user": user.pk, "dagar": 30})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    token = AuthToken.objects.get(user=user)
    key = response.context["plaintext"]
    assert key.startswith(token.token_key) and key in response.content.decode()
    assert status_with(key) == 200
    assert token.expiry - timezone.now() == pytest.approx(timedelta(days=30), abs=timedelta(seconds=60))
    for url in (
        "/admin/konto/apinyckel/",
        f"/admin/konto/apinyckel/{token.pk}/change/",
        "/admin/",
    ):
        page = admin_client.get(url)
        assert page.status_code in {200, 302}, url
        assert key not in page.content.decode(), url
    changelist = admin_client.get("/admin/konto/apinyckel/").content.decode()
    assert f"{token.token_key}…" in changelist


def test_admin_refuses_a_key_for_too_long(admin_client, demo, settings):
    response = admin_client.post(
        "/admin/konto/apinyckel/add/", {"user": demo["tjansteperson"].pk, "dagar": settings.API_TOKEN_MAX_DAYS + 1}
    )
    assert response.status_code == 200 and response.context["plaintext"] is None
    assert response.context["form"].errors["dagar"]
    assert not AuthToken.objects.exists()


def test_revoking_in_the_admin_deletes_the_key(admin_client, demo):
    token, key = api_nyckel_create(user=demo["tjansteperson"])
    admin_client.post(f"/admin/konto/apinyckel/{token.pk}/delete/", {"post": "yes"})
    assert status_with(key) == 401


def test_command_prints_the_key_once_and_revokes(demo):
    user = UserFactory()
    out, err = io.StringIO(), io.StringIO()
    call_command("api_key", "create", user.username, "--days", "7", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert status_with(key) == 200
    assert "Visas bara nu" in err.getvalue()
    call_command("api_key", "revoke", user.username, stdout=io.StringIO())
    assert status_with(key) == 401
    assert get_user_model().objects.filter(pk=user.pk).exists()
