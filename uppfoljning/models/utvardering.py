"""The plan's own follow-up: process evaluations (one per planned evaluation, with a part per pilot
verksamhet where the plan evaluates an activity in its pilots) and the compiled follow-up reports."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.models import Aktivitet, Organisation
from uppfoljning.choices import Bedomning, Jobbstatus, Utvarderingstillstand

from .rapportering import Statusrapport
from .specifikation import PlaneradProcessutvardering


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
    version = models.PositiveIntegerField(_("version"), default=1)
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
        return f"Processutvärdering {self.planerad.uppfoljning.ar}: {self.aktivitet}"

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


class Uppfoljningsrapport(models.Model):
    """One compiled, immutable version of the follow-up report for a follow-up year. The row is the
    job while it runs; the files are published (and listed) only once everything is written."""

    ar = models.PositiveSmallIntegerField(_("uppföljningsår"))
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Jobbstatus.choices, default=Jobbstatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("förlopp (procent)"), default=0)
    steg = models.CharField(_("pågående steg"), max_length=200, blank=True)
    forsok = models.CharField(
        _("försök"), max_length=64, blank=True, help_text=_("Identifierar körningen som äger jobbet just nu.")
    )
    felmeddelande = models.TextField(_("felmeddelande"), blank=True)
    underlag_tidpunkt = models.DateTimeField(_("underlagets tidpunkt"), null=True, blank=True)
    pdf_fil = models.CharField(_("PDF-fil"), max_length=300, blank=True)
    xlsx_fil = models.CharField(_("Excel-fil"), max_length=300, blank=True)
    html_fil = models.CharField(_("HTML-fil"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("kontrollsumma PDF (SHA-256)"), max_length=64, blank=True)
    xlsx_sha256 = models.CharField(_("kontrollsumma Excel (SHA-256)"), max_length=64, blank=True)
    html_sha256 = models.CharField(_("kontrollsumma HTML (SHA-256)"), max_length=64, blank=True)
    startad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("startad av")
    )
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    koad = models.DateTimeField(
        _("lagd i kön"),
        null=True,
        blank=True,
        help_text=_("När jobbet lämnades till kön. Tomt: kön var inte nåbar, jobbet läggs i kön igen."),
    )
    startad = models.DateTimeField(_("startad"), null=True, blank=True)
    klar = models.DateTimeField(_("klar"), null=True, blank=True)
    uppdaterad = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("uppföljningsrapport")
        verbose_name_plural = _("uppföljningsrapporter")
        ordering = ["-ar", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["ar", "version"], name="uppfoljningsrapport_unik_version"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="uppfoljningsrapport_progress_max"),
        ]

    def __str__(self) -> str:
        return f"Uppföljningsrapport {self.ar}, version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("uppfoljning:rapport", kwargs={"pk": self.pk})

    @property
    def vantar_pa_ko(self) -> bool:
        """Pending, but the queue was unreachable when it was started: to be handed over again."""
        return self.status == Jobbstatus.PENDING and self.koad is None

    @property
    def ar_klar(self) -> bool:
        return self.status == Jobbstatus.DONE

    @property
    def ar_aktiv(self) -> bool:
        return self.status in (Jobbstatus.PENDING, Jobbstatus.RUNNING)

    def fil(self, format: str) -> tuple[str, str]:
        """(relative path under MEDIA_ROOT, sha256) of one output format: pdf, xlsx or html."""
        return getattr(self, f"{format}_fil"), getattr(self, f"{format}_sha256")


# Register the permission rules of evaluations and reports (django-rules) with the models.
from uppfoljning import utvardering_rules  # noqa: E402, F401
