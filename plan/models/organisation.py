"""Every actor the plans name: nämnder, förvaltningar, bolag and external actors, registered per
municipality. One row per real actor as it exists over time (validity dates, predecessors and
successors when organisations merge or split); other spellings are kept as aliases."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.choices import OrganisationTyp

from .program import Kommun


class Organisation(models.Model):
    kommun = models.ForeignKey(Kommun, models.PROTECT, related_name="organisationer", verbose_name=_("kommun"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    typ = models.CharField(_("typ"), max_length=30, choices=OrganisationTyp.choices)
    tillhor = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="underordnade",
        verbose_name=_("tillhör"),
        help_text=_("För en förvaltning: nämnden den tillhör. För en extern nämnd: dess huvudman."),
    )
    samlingsbegrepp = models.BooleanField(
        _("samlingsbegrepp"),
        default=False,
        help_text=_("Ett samlingsnamn för flera aktörer, t.ex. ”aktörer från civilsamhället”."),
    )
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    giltig_fran = models.DateField(_("finns från"), null=True, blank=True)
    giltig_till = models.DateField(_("finns till och med"), null=True, blank=True)
    ersatter = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="ersatt_av",
        verbose_name=_("ersätter"),
        help_text=_("Organisationer som den här ersatte, vid en sammanslagning eller delning."),
    )
    rapporterar_for = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapporteras_av",
        verbose_name=_("rapporterar för"),
        help_text=_(
            "Organisationens tjänstepersoner rapporterar också för denna, t.ex. en förvaltning för sin "
            "nämnd eller ett bolag för sin styrelse, där planen anger nämnden eller styrelsen."
        ),
    )
    anmarkning = models.TextField(
        _("anmärkning"),
        blank=True,
        help_text=_("Tillagd kunskap som planen inte anger (t.ex. datum för en omorganisation), med källa."),
    )
    history = HistoricalRecords(excluded_fields=["ersatter"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(
                "kommun",
                Lower("namn"),
                name="organisation_unikt_namn",
                violation_error_message=_("Det finns redan en organisation med det namnet."),
            ),
            models.UniqueConstraint(fields=["kommun", "slug"], name="organisation_unik_slug"),
            models.CheckConstraint(
                condition=models.Q(giltig_till__isnull=True)
                | models.Q(giltig_fran__isnull=True)
                | models.Q(giltig_till__gte=models.F("giltig_fran")),
                name="organisation_giltighet_ordning",
                violation_error_message=_("En organisation kan inte upphöra innan den har funnits."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("web:organisation", kwargs={"slug": self.slug})

    @property
    def ar_extern(self) -> bool:
        return self.typ not in OrganisationTyp.inom_staden()

    @property
    def rapporteringsskyldig(self) -> bool:
        """The city's own organisations report on their roles; external actors and collective names
        are partners, shown on the activity but never expected to report."""
        return self.typ in OrganisationTyp.inom_staden() and not self.samlingsbegrepp

    def finns_under(self, fran: datetime.date, till: datetime.date) -> bool:
        """The organisation existed at some point between the two dates."""
        return (self.giltig_fran is None or self.giltig_fran <= till) and (
            self.giltig_till is None or self.giltig_till >= fran
        )

    def clean(self) -> None:
        if self.tillhor_id and self.tillhor_id == self.pk:
            raise ValidationError({"tillhor": _("En organisation kan inte tillhöra sig själv.")})
        if self.typ == OrganisationTyp.FORVALTNING and self.tillhor and self.tillhor.typ != OrganisationTyp.NAMND:
            raise ValidationError({"tillhor": _("En förvaltning tillhör en nämnd eller styrelse.")})
        for falt in ("tillhor", "rapporterar_for"):
            annan = getattr(self, falt, None)
            if annan is not None and self.kommun_id and annan.kommun_id != self.kommun_id:
                raise ValidationError({falt: _("Organisationen hör till en annan kommun.")})
        if self.rapporterar_for_id and self.rapporterar_for_id == self.pk:
            raise ValidationError({"rapporterar_for": _("En organisation kan inte rapportera för sig själv.")})
        if (
            self.namn
            and OrganisationAlias.objects.filter(namn__iexact=self.namn, organisation__kommun_id=self.kommun_id)
            .exclude(organisation_id=self.pk)
            .exists()
        ):
            raise ValidationError({"namn": _("Namnet är redan ett alias för en annan organisation.")})


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="alias", verbose_name=_("organisation"))
    namn = models.CharField(_("namn"), max_length=200)
    i_planen = models.BooleanField(
        _("står i planen"),
        default=True,
        help_text=_("Nej: ett namn som portalen känner till men som planen inte använder (tillagd kunskap)."),
    )

    class Meta:
        verbose_name = _("alternativt namn")
        verbose_name_plural = _("alternativa namn")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("namn"),
                name="organisationalias_unikt_namn",
                violation_error_message=_("Det alternativa namnet används redan."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def clean(self) -> None:
        organisation = getattr(self, "organisation", None)
        if not self.namn or organisation is None:
            return
        if (
            Organisation.objects.filter(namn__iexact=self.namn, kommun_id=organisation.kommun_id)
            .exclude(pk=organisation.pk)
            .exists()
        ):
            raise ValidationError({"namn": _("Namnet tillhör redan en annan organisation.")})
        if (
            OrganisationAlias.objects.filter(namn__iexact=self.namn, organisation__kommun_id=organisation.kommun_id)
            .exclude(organisation_id=organisation.pk)
            .exists()
        ):
            raise ValidationError({"namn": _("Det alternativa namnet används redan.")})


class Medlemskap(models.Model):
    """A user acts for an organisation (a tjänsteperson of that nämnd, förvaltning or bolag)."""

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="medlemskap", verbose_name=_("användare")
    )
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="medlemskap", verbose_name=_("organisation")
    )
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: påhittad användare."))

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["anvandare", "organisation"], name="medlemskap_unikt"),
        ]

    def __str__(self) -> str:
        return f"{self.anvandare} – {self.organisation}"
