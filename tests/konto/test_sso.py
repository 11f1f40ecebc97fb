"""Single sign-on over OpenID Connect against a real provider on loopback (oidc-provider-mock):
users matched by `sub`, memberships from a claim, tampered tokens and a wrong audience refused,
local passwords optional, logout ending the provider's session too."""

import base64
import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation

from konto.models import OidcIdentitet
from konto.oidc import PortalOIDCBackend
from plan.models import Medlemskap
from tests.konto.oidc import CLIENT_ID, ORG_CLAIM, authorize, id_token_for, location_path, set_user

pytestmark = pytest.mark.django_db


def sign_in(client, sub: str):
    start = client.get("/konto/sso/")
    assert start.status_code == 302
    back = authorize(start["Location"], sub)
    assert back.startswith("http://testserver/konto/sso/tillbaka/?")
    return client.get(location_path(back))


def test_first_sign_in_creates_the_user_with_memberships_from_the_claim(client, plan, sso):
    set_user(
        sso,
        "sub-anna-1",
        preferred_username="anna.a",
        email="anna@example.org",
        given_name="Anna",
        family_name="Andersson",
        **{ORG_CLAIM: ["kulturnamnden", "finns-inte"]},
    )
    response = sign_in(client, "sub-anna-1")
    assert response.status_code == 302 and response["Location"] == "/rapportering/start/"
    # … which sends an official on to Mina rapporter
    assert client.get(response["Location"])["Location"] == "/rapportering/"
    user = get_user_model().objects.get(oidc_identitet__sub="sub-anna-1")
    assert (user.username, user.email, user.get_full_name()) == ("anna.a", "anna@example.org", "Anna Andersson")
    assert not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    assert list(Medlemskap.objects.filter(anvandare=user).values_list("organisation__slug", flat=True)) == [
        "kulturnamnden"
    ]
    assert OidcIdentitet.objects.get(anvandare=user).issuer == sso


def test_the_user_is_matched_by_sub_not_by_username_or_email(client, plan, sso):
    get_user_model().objects.create_user("bertil", email="bertil@example.org", password="lokalt-losen-123")
    set_user(sso, "sub-bertil", preferred_username="bertil", email="bertil@example.org")
    sign_in(client, "sub-bertil")
    created = get_user_model().objects.get(oidc_identitet__sub="sub-bertil")
    assert created.username == "bertil-2"  # the local "bertil" is not taken over
    client.logout()
    set_user(sso, "sub-bertil", preferred_username="bertil.b", email="nytt@example.org")
    sign_in(client, "sub-bertil")
    assert client.session["_auth_user_id"] == str(created.pk)
    created.refresh_from_db()
    assert created.email == "nytt@example.org"
    assert get_user_model().objects.filter(oidc_identitet__isnull=False).count() == 1


def test_memberships_are_kept_in_the_portal_without_the_claim_setting(client, demo, sso, settings):
    settings.OIDC_ORGANISATION_CLAIM = ""
    set_user(sso, "sub-cecilia", preferred_username="cecilia", **{ORG_CLAIM: ["kulturnamnden"]})
    sign_in(client, "sub-cecilia")
    user = get_user_model().objects.get(oidc_identitet__sub="sub-cecilia")
    assert not Medlemskap.objects.filter(anvandare=user).exists()


def test_an_inactive_user_is_refused(client, plan, sso):
    set_user(sso, "sub-david", preferred_username="david")
    sign_in(client, "sub-david")
    user = get_user_model().objects.get(oidc_identitet__sub="sub-david")
    user.is_active = False
    user.save()
    client.logout()
    response = sign_in(client, "sub-david")
    assert response["Location"] == "/konto/logga-in/?sso=fel"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "Inloggningen med stadens konto misslyckades" in page.content.decode()


def test_user_creation_can_be_switched_off(client, plan, sso, settings):
    settings.OIDC_CREATE_USER = False
    set_user(sso, "sub-okand")
    assert sign_in(client, "sub-okand")["Location"] == "/konto/logga-in/?sso=fel"
    assert not OidcIdentitet.objects.exists()


def backend_verify(token: str, nonce: str = "n-1"):
    return PortalOIDCBackend().verify_token(token, nonce=nonce)


def test_a_valid_token_verifies(sso):
    assert backend_verify(id_token_for(sso, CLIENT_ID, "sub-erik"))["sub"] == "sub-erik"


def test_a_token_for_another_client_is_refused(sso):
    with pytest.raises(SuspiciousOperation, match="Audience"):
        backend_verify(id_token_for(sso, "en-annan-tjanst", "sub-erik"))


def test_a_tampered_token_is_refused(sso):
    header, payload, signature = id_token_for(sso, CLIENT_ID, "sub-erik").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "sub-admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(SuspiciousOperation, match=r"verification failed|Signature"):
        backend_verify(f"{header}.{forged}.{signature}")


def test_a_token_from_another_issuer_is_refused(sso, settings):
    settings.OIDC_OP_ISSUER = "https://idp.goteborg.example"
    with pytest.raises(SuspiciousOperation, match="issuer"):
        backend_verify(id_token_for(sso, CLIENT_ID, "sub-erik"))


def test_a_replayed_token_with_another_nonce_is_refused(sso):
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend_verify(id_token_for(sso, CLIENT_ID, "sub-erik", nonce="n-1"), nonce="n-2")


def test_logout_ends_the_providers_session_too(client, plan, sso):
    set_user(sso, "sub-frida", preferred_username="frida")
    sign_in(client, "sub-frida")
    id_token = client.session["oidc_id_token"]
    response = client.post("/konto/logga-ut/")
    assert "_auth_user_id" not in client.session
    target = urlparse(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{sso}/oauth2/end_session"
    query = parse_qs(target.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]


def test_local_logout_stays_local(client, demo, sso):
    client.force_login(demo["tjansteperson"])
    assert client.post("/konto/logga-ut/")["Location"] == "/"


def test_local_passwords_can_be_switched_off(client, demo, sso, settings):
    settings.LOCAL_LOGIN_ENABLED = False
    page = client.get("/konto/logga-in/").content.decode()
    assert "Logga in med stadens konto" in page and 'name="password"' not in page
    client.post("/konto/logga-in/", {"username": "tjansteperson", "password": "demo-jamlik-2021"})
    assert "_auth_user_id" not in client.session
    assert not client.login(username="admin", password="demo-jamlik-2021")


def test_without_sso_configured_its_urls_are_not_found_and_the_form_is_shown(client, plan):
    assert client.get("/konto/sso/").status_code == 404
    assert client.get("/konto/sso/tillbaka/?code=x&state=y").status_code == 404
    page = client.get("/konto/logga-in/").content.decode()
    assert "Logga in med stadens konto" not in page and 'name="password"' in page
