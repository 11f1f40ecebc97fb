"""Every actor the plan names: nämnder, förvaltningar, bolag and external actors.
One row per real actor; other spellings found in the plan are kept as aliases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plan.choices import OrganisationTyp


class Organisation(models.Model):
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120, unique=True)
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

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(
                Lower("namn"),
                name="organisation_unikt_namn",
                violation_error_message=_("Det finns redan en organisation med det namnet."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("web:organisation", kwargs={"slug": self.slug})

    @property
    def ar_extern(self) -> bool:
        return self.typ not in OrganisationTyp.inom_staden()

    def clean(self) -> None:
        if self.tillhor_id and self.tillhor_id == self.pk:
            raise ValidationError({"tillhor": _("En organisation kan inte tillhöra sig själv.")})
        if self.typ == OrganisationTyp.FORVALTNING and self.tillhor and self.tillhor.typ != OrganisationTyp.NAMND:
            raise ValidationError({"tillhor": _("En förvaltning tillhör en nämnd eller styrelse.")})
        if (
            self.namn
            and OrganisationAlias.objects.filter(namn__iexact=self.namn).exclude(organisation_id=self.pk).exists()
        ):
            raise ValidationError({"namn": _("Namnet är redan ett alias för en annan organisation.")})


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="alias", verbose_name=_("organisation"))
    namn = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("alternativt namn")
        verbose_name_plural = _("alternativa namn")
        ordering = ["namn"]
        constraints = [
            models.UniqueConstraint(
                Lower("namn"),
                name="organisationalias_unikt_namn",
                violation_error_message=_("Det alternativa namnet används redan."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def clean(self) -> None:
        if self.namn and Organisation.objects.filter(namn__iexact=self.namn).exclude(pk=self.organisation_id).exists():
            raise ValidationError({"namn": _("Namnet tillhör redan en annan organisation.")})


class Medlemskap(models.Model):
    """A user acts for an organisation (a tjänsteperson of that nämnd, förvaltning or bolag)."""

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="medlemskap", verbose_name=_("användare")
    )
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="medlemskap", verbose_name=_("organisation")
    )

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["anvandare", "organisation"], name="medlemskap_unikt"),
        ]

    def __str__(self) -> str:
        return f"{self.anvandare} – {self.organisation}"
