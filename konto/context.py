"""How people may sign in on this installation (for the login page and the header)."""

from django.conf import settings

from konto.losenord import reset_available


def inloggning(request) -> dict:
    return {
        "sso_aktiverad": settings.OIDC_ENABLED,
        "lokal_inloggning": settings.LOCAL_LOGIN_ENABLED,
        "password_reset_enabled": reset_available(),
    }
