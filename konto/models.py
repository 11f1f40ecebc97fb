"""Accounts. API keys are django-rest-knox tokens: only a SHA-512 digest and a short lookup prefix are stored,
each key expires, and the plaintext is shown once, when it is created."""

from django.conf import settings
from django.db import models
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


class OidcIdentitet(models.Model):
    """The stable identity a user signs in with over OpenID Connect: the provider (`iss`) and the
    subject (`sub`) it gives the person. Users are matched by this pair only — never by e-mail or
    username, which the provider may let people change."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="oidc_identitet", verbose_name=_("användare")
    )
    issuer = models.CharField(_("identitetsleverantör (iss)"), max_length=255)
    sub = models.CharField(_("identitet hos leverantören (sub)"), max_length=255)
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    senast_inloggad = models.DateTimeField(_("senast inloggad"), null=True, blank=True)

    class Meta:
        verbose_name = _("inloggningsidentitet")
        verbose_name_plural = _("inloggningsidentiteter")
        constraints = [models.UniqueConstraint(fields=["issuer", "sub"], name="oidc_identitet_unik")]

    def __str__(self) -> str:
        return f"{self.anvandare} ({self.sub})"
