"""The municipality, its programs (direction, e.g. 2018–2026) and the plans that realise them.

A later plan (2023–2026) is a new Plan row under the same Program, with its own målområden,
strategier, förutsättningar and activities: a successor plan never changes an earlier one.
Identifiers (slugs) are unique within a plan, not across plans."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.choices import PlanStatus


class Kommun(models.Model):
    """The municipality (or other principal) whose programs, plans and organisations these are.
    Organisations are registered per municipality, so two municipalities' plans live side by side."""

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100, unique=True)
    kommunkod = models.CharField(_("kommunkod"), max_length=4, blank=True, help_text=_("SCB:s kommunkod, t.ex. 1480."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn


class Program(models.Model):
    kommun = models.ForeignKey(Kommun, models.PROTECT, related_name="program", verbose_name=_("kommun"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100)
    diarienummer = models.CharField(_("diarienummer"), max_length=50, blank=True)
    beslutad_av = models.CharField(_("beslutad av"), max_length=100, blank=True)
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    giltig_fran = models.PositiveSmallIntegerField(_("giltig från år"))
    giltig_till = models.PositiveSmallIntegerField(_("giltig till år"))
    mal = models.CharField(_("mål"), max_length=200)
    malbeskrivning = models.TextField(_("beskrivning av målet"), blank=True)
    anmarkning = models.TextField(
        _("anmärkning"),
        blank=True,
        help_text=_("Var transkriberingen rättar eller kompletterar källan (t.ex. ett uppenbart skrivfel)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["giltig_fran"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "slug"], name="program_unik_slug"),
            models.UniqueConstraint(fields=["kommun", "namn"], name="program_unikt_namn"),
            models.CheckConstraint(
                condition=models.Q(giltig_till__gte=models.F("giltig_fran")),
                name="program_giltighet_ordning",
                violation_error_message=_("Giltigheten måste sluta samma år eller senare än den börjar."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn


class Plan(models.Model):
    program = models.ForeignKey(Program, models.PROTECT, related_name="planer", verbose_name=_("program"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(
        _("kortnamn i webbadress"), max_length=100, unique=True, help_text=_("Står i planens webbadresser.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.GALLANDE,
        help_text=_(
            "Den gällande planen visas på portalens korta adresser; historiska planer går att läsa och citera."
        ),
    )
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["giltig_fran"]
        constraints = [
            models.UniqueConstraint(fields=["program", "namn"], name="plan_unikt_namn"),
            models.CheckConstraint(
                condition=models.Q(giltig_till__gte=models.F("giltig_fran")),
                name="plan_giltighet_ordning",
                violation_error_message=_("Giltigheten måste sluta samma år eller senare än den börjar."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("planer:start", kwargs={"plan": self.slug})

    def clean(self) -> None:
        program = getattr(self, "program", None)
        if program and not (program.giltig_fran <= self.giltig_fran and self.giltig_till <= program.giltig_till):
            raise ValidationError({"giltig_till": _("Planens giltighet måste ligga inom programmets giltighetstid.")})

    @property
    def giltighetstid(self) -> str:
        return f"{self.giltig_fran}–{self.giltig_till}"

    @property
    def ar_gallande(self) -> bool:
        return self.status == PlanStatus.GALLANDE


def plan_reverse(plan: Plan, name: str, **kwargs) -> str:
    """The address of a plan-scoped page: the short one (`web:`) for the plan in force, the one
    that carries the plan (`planer:`) for every other plan, so historical pages stay citable.
    A page links to a few dozen of these: each is worked out once per process (the URL patterns
    never change while it runs; the script prefix and URLconf in force are part of the key)."""
    if plan.ar_gallande:
        return _reverse(f"web:{name}", tuple(sorted(kwargs.items())), get_script_prefix(), _urlconf())
    return _reverse(
        f"planer:{name}", tuple(sorted({"plan": plan.slug, **kwargs}.items())), get_script_prefix(), _urlconf()
    )


def _urlconf() -> str:
    return get_urlconf() or settings.ROOT_URLCONF


@functools.lru_cache(maxsize=4096)
def _reverse(viewname: str, kwargs: tuple, script_prefix: str, urlconf) -> str:
    return reverse(viewname, kwargs=dict(kwargs))


class Planavsnitt(models.Model):
    """A section of the plan's own text (Inledning, Bakgrund, Uppföljning av denna plan …), shown on
    the plan's page in the plan's order: what the document states, from the data."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="avsnitt", verbose_name=_("plan"))
    slug = models.SlugField(_("kortnamn"), max_length=100)
    rubrik = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"))
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt i planen")
        verbose_name_plural = _("avsnitt i planen")
        ordering = ["plan", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="planavsnitt_unik_slug"),
            models.UniqueConstraint(fields=["plan", "ordning"], name="planavsnitt_unik_ordning"),
        ]

    def __str__(self) -> str:
        return self.rubrik


class Malomrade(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="malomraden", verbose_name=_("plan"))
    namn = models.CharField(_("namn"), max_length=200)
    kortnamn = models.CharField(
        _("kortnamn"), max_length=200, blank=True, help_text=_("Namnet som det står i matrisens kolumnrubrik.")
    )
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    genomsyrar_samverkan = models.BooleanField(
        _("genomsyrar samtliga samverkansaktiviteter"),
        default=False,
        help_text=_("Planen säger att målområdet genomsyrar samtliga samverkansaktiviteter."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        ordering = ["plan", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="malomrade_unik_slug"),
            models.UniqueConstraint(fields=["plan", "ordning"], name="malomrade_unik_ordning"),
            models.UniqueConstraint(fields=["plan", "namn"], name="malomrade_unikt_namn"),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return plan_reverse(self.plan, "malomrade", slug=self.slug)


class Strategi(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="strategier", verbose_name=_("plan"))
    malomrade = models.ForeignKey(Malomrade, models.PROTECT, related_name="strategier", verbose_name=_("målområde"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["plan", "malomrade__ordning", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="strategi_unik_slug"),
            models.UniqueConstraint(fields=["malomrade", "ordning"], name="strategi_unik_ordning"),
            models.UniqueConstraint(fields=["malomrade", "namn"], name="strategi_unikt_namn"),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return plan_reverse(self.plan, "strategi", slug=self.slug)

    def clean(self) -> None:
        malomrade = getattr(self, "malomrade", None)
        if malomrade and self.plan_id and malomrade.plan_id != self.plan_id:
            raise ValidationError({"malomrade": _("Målområdet hör till en annan plan än strategin.")})


class Forutsattning(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="forutsattningar", verbose_name=_("plan"))
    namn = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=100)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    beskrivning = models.TextField(_("beskrivning"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förutsättning")
        verbose_name_plural = _("förutsättningar")
        ordering = ["plan", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="forutsattning_unik_slug"),
            models.UniqueConstraint(fields=["plan", "ordning"], name="forutsattning_unik_ordning"),
        ]

    def __str__(self) -> str:
        return self.namn
