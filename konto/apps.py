from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontoConfig(AppConfig):
    """Accounts: API keys (hashed, expiring, revocable), single sign-on over OpenID Connect,
    password reset and the login's brute-force protection beyond django-axes."""

    name = "konto"
    verbose_name = _("Konton")

    def ready(self) -> None:
        # Revoke API keys when a password changes or an account is deactivated.
        from konto import signals  # noqa: F401, PLC0415 (apps are ready only here)
