"""Compiled follow-up reports (sammanställningar): one immutable version per compilation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from uppfoljning.choices import Jobbstatus


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
        """(relative path under MEDIA_ROOT, sha256) of one output format: pdf, xlsx or html."""
        return getattr(self, f"{format}_fil"), getattr(self, f"{format}_sha256")
