"""Notices to users (in the portal and by e-mail) and each user's choice of what they get."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aviseringar.choices import VALBARA_TYPER, Typ


class Avisering(models.Model):
    """One notice to one user about one thing. (mottagare, typ, nyckel) is unique: the subject key
    names the thing (report and version, period and deadline, week), so a duplicated or retried
    task finds the row already there and neither records nor sends it twice. The texts are
    rendered once, in the recipient's language, when the notice is recorded."""

    mottagare = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="aviseringar", verbose_name=_("mottagare")
    )
    typ = models.CharField(_("typ"), max_length=30, choices=Typ.choices)
    nyckel = models.CharField(_("nyckel"), max_length=100, help_text=_("Vad aviseringen gäller, t.ex. rapport:12:v3."))
    rubrik = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"))
    lank = models.CharField(_("länk"), max_length=300, blank=True, help_text=_("Sökväg i portalen."))
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True, db_index=True)
    webb = models.BooleanField(_("visas i portalen"), default=True)
    epost = models.BooleanField(_("skickas med e-post"), default=True)
    skickad = models.DateTimeField(_("skickad"), null=True, blank=True)
    last = models.DateTimeField(_("läst"), null=True, blank=True)
    forsok = models.PositiveIntegerField(_("sändningsförsök"), default=0)
    senaste_fel = models.CharField(_("senaste fel"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        ordering = ["-skapad", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mottagare", "typ", "nyckel"], name="avisering_en_gang"),
        ]
        indexes = [
            models.Index(fields=["mottagare", "last"], name="avisering_olasta"),
            models.Index(
                fields=["skapad"],
                name="avisering_att_skicka",
                condition=models.Q(epost=True, skickad__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mottagare} – {self.rubrik}"


# The interface languages (settings.LANGUAGES, not read at import time).
SPRAK = [("sv", _("Svenska")), ("en", _("Engelska"))]


def _alla_typer() -> list[str]:
    return [t.value for t in VALBARA_TYPER]


class Installning(models.Model):
    """What a user wants: which kinds by e-mail, which in the portal, a weekly digest, and the
    language of the texts (set when the user chooses one; Swedish until then)."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="aviseringsinstallning", verbose_name=_("användare")
    )
    epost = models.JSONField(_("med e-post"), default=_alla_typer, blank=True)
    webb = models.JSONField(_("i portalen"), default=_alla_typer, blank=True)
    veckosammanfattning = models.BooleanField(_("veckosammanfattning med e-post"), default=False)
    sprak = models.CharField(_("språk"), max_length=10, choices=SPRAK, default="sv")

    class Meta:
        verbose_name = _("aviseringsinställning")
        verbose_name_plural = _("aviseringsinställningar")

    def __str__(self) -> str:
        return str(self.anvandare)
