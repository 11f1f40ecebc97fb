"""Areas: the geographic units values are reported for, as a hierarchy (kommun → stadsområde →
stadsdel/primärområde/DeSO), plus Kolada's organisational units (schools, preschools) under an
area. Divisions change, so each area has the years it is valid for; an area that is replaced is
given an end year and the new one a start year, and both keep their values."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indikatorer.choices import Niva
from plan.models import Kommun


class Omrade(models.Model):
    kommun = models.ForeignKey(Kommun, models.PROTECT, related_name="omraden", verbose_name=_("kommun"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    niva = models.CharField(_("nivå"), max_length=20, choices=Niva.choices)
    forelder = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="underomraden",
        verbose_name=_("ingår i"),
    )
    kod = models.CharField(
        _("kod"),
        max_length=40,
        blank=True,
        help_text=_("Kommunkod, DeSO-kod eller stadens egen kod för området. Används vid import av statistik."),
    )
    kolada_id = models.CharField(
        _("Kolada-id"),
        max_length=40,
        blank=True,
        help_text=_("Kommunens id i Kolada (t.ex. 1480) eller den organisatoriska enhetens id (t.ex. V15E148000101)."),
    )
    giltig_fran = models.PositiveSmallIntegerField(_("giltigt från år"), null=True, blank=True)
    giltig_till = models.PositiveSmallIntegerField(_("giltigt till och med år"), null=True, blank=True)
    ordning = models.PositiveIntegerField(_("ordning"), default=0)
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: ett påhittat område."))

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["kommun", "ordning", "namn"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "slug"], name="omrade_unik_slug"),
            models.UniqueConstraint(fields=["kommun", "kod"], condition=~Q(kod=""), name="omrade_unik_kod"),
            models.UniqueConstraint(
                fields=["kommun", "kolada_id"], condition=~Q(kolada_id=""), name="omrade_unikt_kolada_id"
            ),
            models.CheckConstraint(
                condition=Q(giltig_till__isnull=True)
                | Q(giltig_fran__isnull=True)
                | Q(giltig_till__gte=models.F("giltig_fran")),
                name="omrade_giltighet_ordning",
                violation_error_message=_("Giltigheten måste sluta samma år eller senare än den börjar."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def clean(self) -> None:
        if self.forelder_id and self.forelder_id == self.pk:
            raise ValidationError({"forelder": _("Ett område kan inte ingå i sig självt.")})
        forelder = getattr(self, "forelder", None)
        if forelder and self.kommun_id and forelder.kommun_id != self.kommun_id:
            raise ValidationError({"forelder": _("Området det ingår i hör till en annan kommun.")})

    def giltigt(self, ar: int) -> bool:
        return (self.giltig_fran is None or self.giltig_fran <= ar) and (
            self.giltig_till is None or ar <= self.giltig_till
        )
