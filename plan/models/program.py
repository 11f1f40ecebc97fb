"""The program (direction, 2018–2026) and the plans that realise it, with goal areas,
strategies and prerequisites. A later plan (2023–2026) is a new Plan row under the same
Program; målområden and strategier belong to the program, not to one plan."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Program(models.Model):
    namn = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100, unique=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=50, blank=True)
    beslutad_av = models.CharField(_("beslutad av"), max_length=100, blank=True)
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    giltig_fran = models.PositiveSmallIntegerField(_("giltig från år"))
    giltig_till = models.PositiveSmallIntegerField(_("giltig till år"))
    mal = models.CharField(_("mål"), max_length=200)
    malbeskrivning = models.TextField(_("beskrivning av målet"), blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["giltig_fran"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(giltig_till__gte=models.F("giltig_fran")),
                name="program_giltighet_ordning",
                violation_error_message=_("Giltigheten måste sluta samma år eller senare än den börjar."),
            )
        ]

    def __str__(self) -> str:
        return self.namn


class Plan(models.Model):
    program = models.ForeignKey(Program, models.PROTECT, related_name="planer", verbose_name=_("program"))
    namn = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100, unique=True)
    dokumentsort = models.CharField(_("dokumentsort"), max_length=50, default="Plan")
    beslutad_av = models.CharField(_("beslutad av"), max_length=100)
    galler_for = models.CharField(_("gäller för"), max_length=200)
    diarienummer = models.CharField(_("diarienummer"), max_length=50)
    beslutsdatum = models.DateField(_("beslutsdatum"))
    paragraf = models.CharField(_("paragraf"), max_length=20, blank=True)
    giltig_fran = models.PositiveSmallIntegerField(_("giltig från år"))
    giltig_till = models.PositiveSmallIntegerField(_("giltig till år"))
    senast_reviderad = models.DateField(_("senast reviderad"), null=True, blank=True)
    dokumentansvarig = models.CharField(_("dokumentansvarig"), max_length=200)
    syfte = models.TextField(_("syfte"), blank=True)
    omfattning = models.TextField(_("vem omfattas"), blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["giltig_fran"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(giltig_till__gte=models.F("giltig_fran")),
                name="plan_giltighet_ordning",
                violation_error_message=_("Giltigheten måste sluta samma år eller senare än den börjar."),
            )
        ]

    def __str__(self) -> str:
        return self.namn

    def clean(self) -> None:
        program = getattr(self, "program", None)
        if program and not (program.giltig_fran <= self.giltig_fran and self.giltig_till <= program.giltig_till):
            raise ValidationError({"giltig_till": _("Planens giltighet måste ligga inom programmets giltighetstid.")})

    @property
    def giltighetstid(self) -> str:
        return f"{self.giltig_fran}–{self.giltig_till}"


class Malomrade(models.Model):
    program = models.ForeignKey(Program, models.PROTECT, related_name="malomraden", verbose_name=_("program"))
    namn = models.CharField(_("namn"), max_length=200)
    kortnamn = models.CharField(
        _("kortnamn"), max_length=200, blank=True, help_text=_("Namnet som det står i matrisens kolumnrubrik.")
    )
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100, unique=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    beskrivning = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        ordering = ["program", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["program", "ordning"], name="malomrade_unik_ordning"),
            models.UniqueConstraint(fields=["program", "namn"], name="malomrade_unikt_namn"),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("web:malomrade", kwargs={"slug": self.slug})


class Strategi(models.Model):
    malomrade = models.ForeignKey(Malomrade, models.PROTECT, related_name="strategier", verbose_name=_("målområde"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120, unique=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"))

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["malomrade__program", "malomrade__ordning", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["malomrade", "ordning"], name="strategi_unik_ordning"),
            models.UniqueConstraint(fields=["malomrade", "namn"], name="strategi_unikt_namn"),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("web:strategi", kwargs={"slug": self.slug})


class Forutsattning(models.Model):
    program = models.ForeignKey(Program, models.PROTECT, related_name="forutsattningar", verbose_name=_("program"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100, unique=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    beskrivning = models.TextField(_("beskrivning"))

    class Meta:
        verbose_name = _("förutsättning")
        verbose_name_plural = _("förutsättningar")
        ordering = ["program", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["program", "ordning"], name="forutsattning_unik_ordning"),
        ]

    def __str__(self) -> str:
        return self.namn
