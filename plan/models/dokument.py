"""Governing documents related to the plan (Figur 1) and its supporting documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.choices import DokumentKategori

from .program import Plan


class StyrandeDokument(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="styrande_dokument", verbose_name=_("plan"))
    kategori = models.CharField(_("kategori"), max_length=20, choices=DokumentKategori.choices)
    namn = models.CharField(_("namn"), max_length=300)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=120)
    dokumentsort = models.CharField(_("dokumentsort"), max_length=50, blank=True)
    diarienummer = models.CharField(_("diarienummer"), max_length=50, blank=True)
    beslutad_av = models.CharField(_("beslutad av"), max_length=100, blank=True)
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)
    giltighet = models.CharField(_("giltighet"), max_length=100, blank=True)
    koppling = models.TextField(_("koppling till planen"), blank=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    anmarkning = models.TextField(
        _("anmärkning"), blank=True, help_text=_("Var transkriberingen rättar ett uppenbart skrivfel i källan.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("styrande dokument")
        verbose_name_plural = _("styrande dokument")
        ordering = ["plan", "kategori", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="styrandedokument_unik_slug"),
            models.UniqueConstraint(fields=["plan", "namn"], name="styrandedokument_unikt_namn"),
        ]

    def __str__(self) -> str:
        return self.namn
