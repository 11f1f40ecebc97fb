"""The plan's activities. Both kinds (samverkan, Figur 2, and styrning/uppföljning/samordning,
Figur 3) share one table so that roles, status reports and evaluations treat them alike;
samverkan.Samverkansaktivitet and uppfoljning.Styrningsaktivitet are proxies of it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.choices import ROLLER_PER_AKTIVITETTYP, AktivitetTyp, Roll

from .organisation import Organisation
from .program import Plan, plan_reverse


class AktivitetTypManager(models.Manager):
    """The activities of one kind: the manager of the proxies Samverkansaktivitet and Styrningsaktivitet."""

    def __init__(self, typ: str):
        super().__init__()
        self.typ = typ

    def get_queryset(self):
        return super().get_queryset().filter(typ=self.typ)


class Aktivitet(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="aktiviteter", verbose_name=_("plan"))
    typ = models.CharField(_("typ"), max_length=20, choices=AktivitetTyp.choices)
    titel = models.CharField(_("titel"), max_length=300)
    matrisrubrik = models.CharField(
        _("rubrik i matrisen"),
        max_length=300,
        blank=True,
        help_text=_("Titeln så som den står i strategimatrisen (Figur 4), om den skiljer sig."),
    )
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    syfte = models.TextField(_("syfte"), blank=True)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    fotnoter = models.TextField(
        _("fotnoter"), blank=True, help_text=_("Planens fotnoter till aktiviteten, en per stycke.")
    )
    organisationer = models.ManyToManyField(
        Organisation, through="Aktivitetsroll", related_name="aktiviteter", verbose_name=_("organisationer")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["plan", "typ", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="aktivitet_unik_slug"),
            models.UniqueConstraint(fields=["plan", "typ", "ordning"], name="aktivitet_unik_ordning"),
            models.UniqueConstraint(fields=["plan", "titel"], name="aktivitet_unik_titel"),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        if self.typ == AktivitetTyp.SAMVERKAN:
            return plan_reverse(self.plan, "samverkansaktivitet", slug=self.slug)
        return plan_reverse(self.plan, "styrningsaktivitet", slug=self.slug)


class Aktivitetsroll(models.Model):
    """An organisation's role in an activity: samordningsansvar, central aktör, ansvar or pilot."""

    aktivitet = models.ForeignKey(Aktivitet, models.CASCADE, related_name="roller", verbose_name=_("aktivitet"))
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="roller", verbose_name=_("organisation")
    )
    roll = models.CharField(_("roll"), max_length=30, choices=Roll.choices)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0, help_text=_("Ordningen i planens lista."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("roll i aktivitet")
        verbose_name_plural = _("roller i aktiviteter")
        ordering = ["aktivitet", "roll", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["aktivitet", "organisation", "roll"],
                name="aktivitetsroll_unik",
                violation_error_message=_("Organisationen har redan den rollen i aktiviteten."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_roll_display()} – {self.aktivitet}"

    def clean(self) -> None:
        aktivitet = getattr(self, "aktivitet", None)
        organisation = getattr(self, "organisation", None)
        if aktivitet and self.roll not in ROLLER_PER_AKTIVITETTYP[AktivitetTyp(aktivitet.typ)]:
            raise ValidationError({"roll": _("Rollen finns inte för den här sortens aktivitet.")})
        if aktivitet and organisation and organisation.kommun_id != aktivitet.plan.program.kommun_id:
            raise ValidationError({"organisation": _("Organisationen hör till en annan kommun än planen.")})
