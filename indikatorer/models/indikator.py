"""Indicators (nyckeltal): what is measured, where the values come from, what they follow in the
plan, and the values themselves per area × year × gender (× an optional group).

An indicator belongs to the plans it is linked to (`planer`); one shared by several plans is
linked to each, so a successor plan can keep following the same time series."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indikatorer.choices import Inlasningsstatus, Kalla, Kon, Niva
from plan.models import Aktivitet, Kommun, Malomrade, Organisation, Plan, Strategi, plan_reverse

from .omrade import Omrade


class Indikator(models.Model):
    kommun = models.ForeignKey(Kommun, models.PROTECT, related_name="indikatorer", verbose_name=_("kommun"))
    planer = models.ManyToManyField(
        Plan,
        related_name="indikatorer",
        verbose_name=_("planer"),
        help_text=_("Planerna som följer indikatorn. En indikator kan delas av flera planer."),
    )
    namn = models.CharField(_("namn"), max_length=300)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    definition = models.TextField(_("definition"), blank=True)
    enhet = models.CharField(
        _("enhet"), max_length=60, help_text=_("T.ex. procent, kronor, år, antal per 1 000 invånare.")
    )
    kalla = models.CharField(_("källa"), max_length=20, choices=Kalla.choices)
    kolada_kpi = models.CharField(
        _("Kolada KPI-id"), max_length=20, blank=True, help_text=_("T.ex. N00945. Krävs när källan är Kolada.")
    )
    kolada_per_enhet = models.BooleanField(
        _("Kolada per organisatorisk enhet"),
        default=False,
        help_text=_("Nyckeltalet redovisas per enhet (skola, förskola) i Kolada, inte per kommun."),
    )
    hogre_ar_battre = models.BooleanField(_("högre värde är bättre"), default=True)
    konsuppdelad = models.BooleanField(_("könsuppdelad"), default=False)
    omradesniva = models.CharField(
        _("jämför områden på nivån"),
        max_length=20,
        choices=Niva.choices,
        default=Niva.STADSOMRADE,
        help_text=_("Skillnaden mellan områden räknas mellan områdena på den här nivån."),
    )
    agare = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="indikatorer",
        verbose_name=_("ägare"),
    )
    strategier = models.ManyToManyField(Strategi, blank=True, related_name="indikatorer", verbose_name=_("strategier"))
    malomraden = models.ManyToManyField(Malomrade, blank=True, related_name="indikatorer", verbose_name=_("målområden"))
    aktiviteter = models.ManyToManyField(
        Aktivitet, blank=True, related_name="indikatorer", verbose_name=_("aktiviteter")
    )
    ordning = models.PositiveIntegerField(_("ordning"), default=0)
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: en påhittad indikator."))

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["ordning", "namn"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "slug"], name="indikator_unik_slug"),
            models.UniqueConstraint(
                fields=["kommun", "kolada_kpi"], condition=~Q(kolada_kpi=""), name="indikator_unik_kpi"
            ),
            models.CheckConstraint(
                condition=~Q(kalla=Kalla.KOLADA) | ~Q(kolada_kpi=""),
                name="indikator_kolada_kraver_kpi",
                violation_error_message=_("Ange Koladas KPI-id när källan är Kolada."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def url_for(self, plan: Plan) -> str:
        return plan_reverse(plan, "indikator", slug=self.slug)

    def clean(self) -> None:
        if self.kalla == Kalla.KOLADA and not self.kolada_kpi:
            raise ValidationError({"kolada_kpi": _("Ange Koladas KPI-id när källan är Kolada.")})

    @property
    def kallhanvisning(self) -> str:
        """What every value shown must carry: Kolada's terms require the source and the KPI id."""
        if self.kalla == Kalla.KOLADA:
            return _("Källa: Kolada (%(kpi)s)") % {"kpi": self.kolada_kpi}
        return _("Källa: %(kalla)s") % {"kalla": self.get_kalla_display()}


class Malvarde(models.Model):
    """A target value of an indicator for a year (for the whole municipality)."""

    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="malvarden", verbose_name=_("indikator"))
    ar = models.PositiveSmallIntegerField(_("år"))
    kon = models.CharField(_("kön"), max_length=1, choices=Kon.choices, default=Kon.TOTALT)
    varde = models.FloatField(_("målvärde"))
    beskrivning = models.CharField(_("beskrivning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ["indikator", "ar", "kon"]
        constraints = [models.UniqueConstraint(fields=["indikator", "ar", "kon"], name="malvarde_unikt")]

    def __str__(self) -> str:
        return f"{self.indikator} {self.ar}: {self.varde}"


class Varde(models.Model):
    """One value: indicator × area × year × gender × group. `varde` is empty when the source says
    the value is missing (Kolada's status, too few to report); the row still records the fetch."""

    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="varden", verbose_name=_("indikator"))
    omrade = models.ForeignKey(Omrade, models.PROTECT, related_name="varden", verbose_name=_("område"))
    ar = models.PositiveSmallIntegerField(_("år"))
    kon = models.CharField(_("kön"), max_length=1, choices=Kon.choices, default=Kon.TOTALT)
    grupp = models.CharField(
        _("grupp"), max_length=60, blank=True, default="", help_text=_("T.ex. en åldersgrupp. Tomt: alla.")
    )
    varde = models.FloatField(_("värde"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=40, blank=True, help_text=_("Källans anmärkning, t.ex. varför värdet saknas.")
    )
    kalla = models.CharField(_("källa"), max_length=20, choices=Kalla.choices)
    hamtad = models.DateTimeField(_("hämtad"))
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: ett påhittat värde."))

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        ordering = ["indikator", "ar", "omrade", "kon", "grupp"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "omrade", "ar", "kon", "grupp"], name="varde_unikt"),
        ]
        indexes = [models.Index(fields=["omrade", "ar"], name="varde_omrade_ar")]

    def __str__(self) -> str:
        return f"{self.indikator} · {self.omrade} · {self.ar} · {self.kon}"


class Inlasning(models.Model):
    """A record of what was fetched or imported: Kolada runs and file imports alike, so an analyst
    can see when a value arrived and how much each run changed."""

    kalla = models.CharField(_("källa"), max_length=20, choices=Kalla.choices)
    beskrivning = models.CharField(_("beskrivning"), max_length=300)
    parametrar = models.JSONField(_("parametrar"), default=dict, blank=True)
    startad = models.DateTimeField(_("startad"), auto_now_add=True)
    klar = models.DateTimeField(_("klar"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Inlasningsstatus.choices, default=Inlasningsstatus.PAGAR
    )
    antal_rader = models.PositiveIntegerField(_("rader hämtade"), default=0)
    antal_nya = models.PositiveIntegerField(_("nya värden"), default=0)
    antal_andrade = models.PositiveIntegerField(_("ändrade värden"), default=0)
    antal_oforandrade = models.PositiveIntegerField(_("oförändrade värden"), default=0)
    fel = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("inläsning")
        verbose_name_plural = _("inläsningar")
        ordering = ["-startad"]

    def __str__(self) -> str:
        return f"{self.beskrivning} ({self.startad:%Y-%m-%d %H:%M})"
