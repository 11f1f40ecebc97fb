"""The four collaboration activities (Figur 2) and the strategy matrix (Figur 4)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.choices import AktivitetTyp
from plan.models import Aktivitet, AktivitetTypManager, Malomrade, Organisation, Strategi


class Samverkansaktivitet(Aktivitet):
    objects = AktivitetTypManager(AktivitetTyp.SAMVERKAN)

    class Meta:
        proxy = True
        verbose_name = _("samverkansaktivitet")
        verbose_name_plural = _("samverkansaktiviteter")
        ordering = ["plan", "ordning"]

    def save(self, *args, **kwargs):
        self.typ = AktivitetTyp.SAMVERKAN
        super().save(*args, **kwargs)


class Matrisplacering(models.Model):
    """One strategy in one cell of the matrix: a samverkansaktivitet (row) × a målområde
    (column). The column is stored, not derived from the strategy, because the plan places
    some strategies in a column other than their own målområde."""

    samverkansaktivitet = models.ForeignKey(
        Aktivitet,
        models.CASCADE,
        related_name="matrisplaceringar",
        limit_choices_to={"typ": AktivitetTyp.SAMVERKAN},
        verbose_name=_("samverkansaktivitet"),
    )
    malomrade = models.ForeignKey(
        Malomrade, models.PROTECT, related_name="matrisplaceringar", verbose_name=_("målområde (kolumn)")
    )
    strategi = models.ForeignKey(Strategi, models.PROTECT, related_name="matrisplaceringar", verbose_name=_("strategi"))
    ordning = models.PositiveSmallIntegerField(_("ordning i cellen"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placering i strategimatrisen")
        verbose_name_plural = _("strategimatrisen")
        ordering = ["samverkansaktivitet__ordning", "malomrade__ordning", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["samverkansaktivitet", "malomrade", "strategi"],
                name="matrisplacering_unik",
                violation_error_message=_("Strategin finns redan i den cellen."),
            ),
            models.UniqueConstraint(
                fields=["samverkansaktivitet", "malomrade", "ordning"], name="matrisplacering_unik_ordning"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.samverkansaktivitet} × {self.malomrade}: {self.strategi}"

    def clean(self) -> None:
        aktivitet = getattr(self, "samverkansaktivitet", None)
        malomrade = getattr(self, "malomrade", None)
        strategi = getattr(self, "strategi", None)
        if aktivitet and aktivitet.typ != AktivitetTyp.SAMVERKAN:
            raise ValidationError({"samverkansaktivitet": _("Matrisens rader är samverkansaktiviteter.")})
        if aktivitet and malomrade and malomrade.plan_id != aktivitet.plan_id:
            raise ValidationError({"malomrade": _("Målområdet hör inte till aktivitetens plan.")})
        if aktivitet and strategi and strategi.plan_id != aktivitet.plan_id:
            raise ValidationError({"strategi": _("Strategin hör inte till aktivitetens plan.")})

    @property
    def utanfor_eget_malomrade(self) -> bool:
        """True where the plan shows the strategy in another målområde's column."""
        return self.strategi.malomrade_id != self.malomrade_id


class Insats(models.Model):
    """A concrete initiative carried out within a samverkansaktivitet (e.g. utökade hembesök)."""

    samverkansaktivitet = models.ForeignKey(
        Aktivitet,
        models.CASCADE,
        related_name="insatser",
        limit_choices_to={"typ": AktivitetTyp.SAMVERKAN},
        verbose_name=_("samverkansaktivitet"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    beskrivning = models.TextField(_("beskrivning"))
    organisationer = models.ManyToManyField(
        Organisation, blank=True, related_name="insatser", verbose_name=_("organisationer")
    )
    strategier = models.ManyToManyField(Strategi, blank=True, related_name="insatser", verbose_name=_("strategier"))
    kalla = models.CharField(_("källa"), max_length=300, blank=True)
    exempel = models.BooleanField(
        _("exempel"), default=False, help_text=_("Demodata: ett exempel för att visa portalen, inte beslutat.")
    )

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["samverkansaktivitet__ordning", "titel"]
        constraints = [
            models.UniqueConstraint(fields=["samverkansaktivitet", "slug"], name="insats_unik_slug"),
        ]

    def __str__(self) -> str:
        return self.titel
