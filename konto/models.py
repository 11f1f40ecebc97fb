"""API keys are django-rest-knox tokens: only a SHA-512 digest and a short lookup prefix are stored,
each key expires, and the plaintext is shown once, when it is created."""

from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken


class ApiNyckel(AuthToken):
    """Knox's token under a Swedish name in the admin (a proxy: knox owns the table)."""

    class Meta:
        proxy = True
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.token_key}… ({self.user})"
