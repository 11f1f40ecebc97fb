"""A real OpenID Connect provider on loopback (oidc-provider-mock) and the portal configured for it."""

import re
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from oidc_provider_mock import run_server_in_thread

from jamlik.settings.base import csp_allowing_sso_logout

CLIENT_ID = "jamlik-portal"
ORG_CLAIM = "jamlik_organisationer"


@pytest.fixture(scope="session")
def oidc_provider():
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso(settings, oidc_provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "hemligt-for-test"
    settings.OIDC_OP_ISSUER = oidc_provider
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{oidc_provider}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{oidc_provider}/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{oidc_provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{oidc_provider}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{oidc_provider}/oauth2/end_session"
    settings.OIDC_ORGANISATION_CLAIM = ORG_CLAIM
    settings.CONTENT_SECURITY_POLICY = csp_allowing_sso_logout(
        settings.CONTENT_SECURITY_POLICY, settings.OIDC_OP_LOGOUT_ENDPOINT
    )
    return oidc_provider


def set_user(provider: str, sub: str, **claims) -> None:
    httpx.put(f"{provider}/users/{sub}", json=claims).raise_for_status()


def authorize(authorize_url: str, sub: str) -> str:
    """Sign in at the provider as `sub` (its form); the redirect back to the client, with a code."""
    response = httpx.post(authorize_url, data={"sub": sub})
    assert response.status_code == 302, response.text
    return response.headers["location"]


def id_token_for(provider: str, client_id: str, sub: str, nonce: str = "n-1") -> str:
    """A real ID token the provider issues to `client_id` (the authorisation code flow by hand)."""
    redirect_uri = "http://127.0.0.1:9/cb"
    back = authorize(
        f"{provider}/oauth2/authorize?"
        + f"response_type=code&client_id={client_id}&redirect_uri={redirect_uri}&scope=openid&state=s&nonce={nonce}",
        sub,
    )
    code = parse_qs(urlparse(back).query)["code"][0]
    token = httpx.post(
        f"{provider}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        auth=(client_id, "hemligt"),
    )
    token.raise_for_status()
    return token.json()["id_token"]


def location_path(url: str) -> str:
    parsed = urlparse(url)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


__all__ = [
    "CLIENT_ID",
    "ORG_CLAIM",
    "authorize",
    "id_token_for",
    "location_path",
    "oidc_provider",
    "re",
    "set_user",
    "sso",
]
