"""Compiled follow-up reports (sammanställningar): one immutable version per compilation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plan.models import Malomrade, Organisation, Plan
from uppfoljning.choices import Jobbstatus, Omfattning

# The formats of a compiled version, in the order the pages list them.
FORMAT_ORDNING = ("pdf", "docx", "xlsx", "html")


class Uppfoljningsrapport(models.Model):
    """One compiled, immutable version of the follow-up report for a follow-up year. The row is the
    job while it runs; the files are published (and listed) only once everything is written."""

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="uppfoljningsrapporter", verbose_name=_("plan"))
    ar = models.PositiveSmallIntegerField(_("uppföljningsår"))
    version = models.PositiveIntegerField(_("version"))
    omfattning = models.CharField(_("omfattning"), max_length=20, choices=Omfattning.choices, default=Omfattning.PLAN)
    malomrade = models.ForeignKey(
        Malomrade, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("målområde")
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    fingeravtryck = models.CharField(
        _("innehållets fingeravtryck"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 av det publicerade underlaget: samma fingeravtryck, samma innehåll."),
    )
    innehall = models.JSONField(
        _("underlagets innehåll"),
        null=True,
        blank=True,
        help_text=_("Vilka rapporter, samlade statusar och utvärderingar (med version) versionen bygger på."),
    )
    andringar = models.JSONField(_("ändringar sedan föregående version"), null=True, blank=True)
    foregaende = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("föregående version"),
    )
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
    docx_fil = models.CharField(_("Word-fil"), max_length=300, blank=True)
    pdf_sha256 = models.CharField(_("kontrollsumma PDF (SHA-256)"), max_length=64, blank=True)
    xlsx_sha256 = models.CharField(_("kontrollsumma Excel (SHA-256)"), max_length=64, blank=True)
    html_sha256 = models.CharField(_("kontrollsumma HTML (SHA-256)"), max_length=64, blank=True)
    docx_sha256 = models.CharField(_("kontrollsumma Word (SHA-256)"), max_length=64, blank=True)
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
        ordering = ["plan", "-ar", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "ar", "version"], name="uppfoljningsrapport_unik_version"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="uppfoljningsrapport_progress_max"),
            models.CheckConstraint(
                condition=(
                    models.Q(omfattning=Omfattning.PLAN, malomrade__isnull=True, organisation__isnull=True)
                    | models.Q(omfattning=Omfattning.MALOMRADE, malomrade__isnull=False, organisation__isnull=True)
                    | models.Q(omfattning=Omfattning.ORGANISATION, malomrade__isnull=True, organisation__isnull=False)
                ),
                name="uppfoljningsrapport_omfattning",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "ar", "omfattning", "status"], name="uppfrapport_omfattning_idx"),
        ]

    def __str__(self) -> str:
        return gettext("Uppföljningsrapport %(ar)s, version %(version)s") % {"ar": self.ar, "version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("uppfoljning:sammanstallning", kwargs={"pk": self.pk})

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
        """(relative path under MEDIA_ROOT, sha256) of one output format: pdf, docx, xlsx or html."""
        return getattr(self, f"{format}_fil"), getattr(self, f"{format}_sha256")

    def filer(self) -> list[tuple[str, str, str]]:
        """(format, stored name, sha256) of the formats this version has (older ones have no DOCX)."""
        return [(f, *self.fil(f)) for f in FORMAT_ORDNING if self.fil(f)[0]]

    @property
    def omfattning_text(self) -> str:
        """What the version covers, in words: the plan, a målområde or an organisation."""
        if self.omfattning == Omfattning.MALOMRADE and self.malomrade_id:
            return gettext("Målområde: %(namn)s") % {"namn": self.malomrade.namn}
        if self.omfattning == Omfattning.ORGANISATION and self.organisation_id:
            return gettext("Organisation: %(namn)s") % {"namn": self.organisation.namn}
        return gettext("Hela planen")

    def samma_omfattning(self, other: "Uppfoljningsrapport") -> bool:
        return (self.omfattning, self.malomrade_id, self.organisation_id) == (
            other.omfattning,
            other.malomrade_id,
            other.organisation_id,
        )
