"""The six activities for styrning, uppföljning och samordning (Figur 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from plan.choices import AktivitetTyp
from plan.models import Aktivitet


class StyrningsaktivitetManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(typ=AktivitetTyp.STYRNING)


class Styrningsaktivitet(Aktivitet):
    objects = StyrningsaktivitetManager()

    class Meta:
        proxy = True
        verbose_name = _("styrningsaktivitet")
        verbose_name_plural = _("aktiviteter för styrning, uppföljning och samordning")
        ordering = ["plan", "ordning"]

    def save(self, *args, **kwargs):
        self.typ = AktivitetTyp.STYRNING
        super().save(*args, **kwargs)
