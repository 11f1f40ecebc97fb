"""The six activities for styrning, uppföljning och samordning (Figur 3)."""

from django.utils.translation import gettext_lazy as _

from plan.choices import AktivitetTyp
from plan.models import Aktivitet, AktivitetTypManager


class Styrningsaktivitet(Aktivitet):
    objects = AktivitetTypManager(AktivitetTyp.STYRNING)

    class Meta:
        proxy = True
        verbose_name = _("styrningsaktivitet")
        verbose_name_plural = _("aktiviteter för styrning, uppföljning och samordning")
        ordering = ["plan", "ordning"]

    def save(self, *args, **kwargs):
        self.typ = AktivitetTyp.STYRNING
        super().save(*args, **kwargs)
