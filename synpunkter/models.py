"""A visitor's synpunkt on the portal's accessibility: stored first, then sent by e-mail to the
configured address, so a message is never lost when the mail server or the queue is down."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Synpunkt(models.Model):
    meddelande = models.TextField(_("meddelande"))
    epost = models.EmailField(_("e-postadress"), blank=True)
    sidadress = models.CharField(_("sidans adress"), max_length=500, blank=True)
    sprak = models.CharField(_("språk"), max_length=8, blank=True)
    # Only a keyed hash of the sender's address, for the rate limit: never the address itself.
    avsandare = models.CharField(_("avsändare (hash)"), max_length=64, db_index=True, editable=False)
    skapad = models.DateTimeField(_("inkommen"), auto_now_add=True, db_index=True)
    skickad = models.DateTimeField(_("skickad med e-post"), null=True, blank=True)
    sandfel = models.CharField(_("senaste sändningsfel"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("synpunkt på tillgängligheten")
        verbose_name_plural = _("synpunkter på tillgängligheten")
        ordering = ["-skapad"]

    def __str__(self) -> str:
        return self.meddelande[:60]
