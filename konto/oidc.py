"""Single sign-on over OpenID Connect (mozilla-django-oidc), made strict: the ID token's signature,
issuer, audience (our client id), expiry and nonce are all checked, and any failure is a refused
login (logged), never a server error. Users are matched by the stable (iss, sub) pair."""

import logging

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from konto.services import oidc_user_sync

logger = logging.getLogger("jamlik.konto")


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Signs people in and nothing more: what they may do is decided by the rules and
    `jamlik.rules.PortalModelBackend`. (Inherited from ModelBackend, its permission lookups cost two
    queries on every page that asks a permission, and answered yes to Django's model permissions
    a second time.)"""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        return self.UserModel._default_manager.none()

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or request is None:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException, KeyError, ValueError) as exc:
            # A forged or foreign token, or a provider that is down or answers nonsense: no login.
            logger.warning("sso login refused", extra={"event": "sso_refused", "reason": str(exc)[:200]})
            return None

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for the token: by `kid`, or the only key of the token's
        algorithm when the token names none."""
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        header = jwt.get_unverified_header(token)
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("alg", header.get("alg")) == header.get("alg") and key.get("use", "sig") == "sig"
        ]
        if "kid" in header:
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SuspiciousOperation("No single signing key of the provider matches the token.")
        return jwt.PyJWK(keys[0])

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token is not signed with the expected algorithm.")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=30,
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if str(claims.get("sub")) != str(payload["sub"]):
            raise SuspiciousOperation("The userinfo subject differs from the ID token's.")
        return oidc_user_sync(issuer=settings.OIDC_OP_ISSUER, claims=claims, create=settings.OIDC_CREATE_USER)
