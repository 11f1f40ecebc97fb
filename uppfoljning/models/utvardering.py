"""The plan's own follow-up: process evaluations (one per planned evaluation, with a part per pilot
verksamhet where the plan evaluates an activity in its pilots)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.models import Aktivitet, Organisation
from uppfoljning.choices import Bedomning, Utvarderingstillstand

from .rapportering import Statusrapport
from .specifikation import PlaneradProcessutvardering

# The evaluation's content, in the order the form, the report and the exports show it: the one list.
UTVARDERING_FALT = (
    "genomforande",
    "strukturer",
    "delaktighet_aktorer",
    "hinder",
    "framgangsfaktorer",
    "delaktighet_malgrupper",
    "lardomar",
    "rekommendationer",
    "samlad_bedomning",
)
# The content of the part that concerns one pilot verksamhet.
DEL_FALT = ("genomforande", "hinder", "framgangsfaktorer", "lardomar", "samlad_bedomning")


class Processutvardering(models.Model):
    planerad = models.OneToOneField(
        PlaneradProcessutvardering,
        models.PROTECT,
        related_name="utvardering",
        verbose_name=_("planerad processutvärdering"),
    )
    aktivitet = models.ForeignKey(
        Aktivitet, models.PROTECT, related_name="processutvarderingar", verbose_name=_("aktivitet")
    )
    tillstand = models.CharField(
        _("tillstånd"), max_length=20, choices=Utvarderingstillstand.choices, default=Utvarderingstillstand.UTKAST
    )
    genomforande = models.TextField(_("genomförande jämfört med planens intention"), max_length=10000, blank=True)
    strukturer = models.TextField(
        _("strukturer som skapats"),
        max_length=10000,
        blank=True,
        help_text=_("Forum, överenskommelser, samfinansiering, samordnare."),
    )
    delaktighet_aktorer = models.TextField(
        _("samordningsansvarigas och centrala aktörers delaktighet"), max_length=10000, blank=True
    )
    hinder = models.TextField(_("hinder"), max_length=10000, blank=True)
    framgangsfaktorer = models.TextField(_("framgångsfaktorer"), max_length=10000, blank=True)
    delaktighet_malgrupper = models.TextField(_("invånares och målgruppers delaktighet"), max_length=10000, blank=True)
    lardomar = models.TextField(_("lärdomar"), max_length=10000, blank=True)
    rekommendationer = models.TextField(_("rekommendationer"), max_length=10000, blank=True)
    samlad_bedomning = models.CharField(_("samlad bedömning"), max_length=20, choices=Bedomning.choices, blank=True)
    underlag = models.ManyToManyField(
        Statusrapport,
        blank=True,
        related_name="processutvarderingar",
        verbose_name=_("underlag (statusrapporter)"),
    )
    faststalld = models.DateTimeField(_("fastställd"), null=True, blank=True)
    faststalld_underlag = models.JSONField(
        _("underlag vid fastställandet"),
        null=True,
        blank=True,
        help_text=_("De godkända statusrapporterna och deras status när utvärderingen fastställdes."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: en påhittad utvärdering."))
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    uppdaterad = models.DateTimeField(_("uppdaterad"), auto_now=True)
    uppdaterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppdaterad av"),
    )
    history = HistoricalRecords(m2m_fields=[underlag])

    class Meta:
        verbose_name = _("processutvärdering")
        verbose_name_plural = _("processutvärderingar")
        ordering = ["planerad__uppfoljning__ar", "planerad__ordning"]

    def __str__(self) -> str:
        return gettext("Processutvärdering %(ar)s: %(aktivitet)s") % {
            "ar": self.planerad.uppfoljning.ar,
            "aktivitet": self.aktivitet,
        }

    def get_absolute_url(self) -> str:
        return reverse("uppfoljning:processutvardering", kwargs={"pk": self.pk})

    def clean(self) -> None:
        planerad = getattr(self, "planerad", None)
        if planerad and self.aktivitet_id and planerad.aktivitet_id != self.aktivitet_id:
            raise ValidationError(
                {"aktivitet": _("Aktiviteten måste vara den som den planerade utvärderingen gäller.")}
            )
        if self.tillstand == Utvarderingstillstand.SLUTLIG and not self.samlad_bedomning:
            raise ValidationError({"samlad_bedomning": _("En slutlig utvärdering behöver en samlad bedömning.")})

    @property
    def ar(self) -> int:
        return self.planerad.uppfoljning.ar


class ProcessutvarderingDel(models.Model):
    """The part of an evaluation that concerns one pilot verksamhet."""

    utvardering = models.ForeignKey(
        Processutvardering, models.CASCADE, related_name="delar", verbose_name=_("processutvärdering")
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="utvarderingsdelar", verbose_name=_("pilotverksamhet")
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    genomforande = models.TextField(_("genomförande jämfört med planens intention"), max_length=10000, blank=True)
    hinder = models.TextField(_("hinder"), max_length=10000, blank=True)
    framgangsfaktorer = models.TextField(_("framgångsfaktorer"), max_length=10000, blank=True)
    lardomar = models.TextField(_("lärdomar"), max_length=10000, blank=True)
    samlad_bedomning = models.CharField(_("samlad bedömning"), max_length=20, choices=Bedomning.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("del av processutvärdering")
        verbose_name_plural = _("delar av processutvärdering")
        ordering = ["utvardering", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["utvardering", "organisation"], name="utvarderingsdel_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.utvardering} – {self.organisation}"
