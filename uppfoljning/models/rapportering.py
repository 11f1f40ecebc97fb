"""Reporting periods and status reports (activity × organisation × period)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plan.models import Aktivitet, Organisation, Plan, Strategi
from uppfoljning.choices import Rapporttillstand, Status


class Uppfoljningsperiod(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="perioder", verbose_name=_("plan"))
    namn = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(_("kortnamn i webbadress"), max_length=60)
    oppnar = models.DateField(_("öppnar"))
    sista_dag = models.DateField(_("sista dag för rapportering"))
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: en påhittad period."))

    class Meta:
        verbose_name = _("uppföljningsperiod")
        verbose_name_plural = _("uppföljningsperioder")
        ordering = ["plan", "oppnar"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="uppfoljningsperiod_unik_slug"),
            models.UniqueConstraint(fields=["plan", "namn"], name="uppfoljningsperiod_unikt_namn"),
            models.CheckConstraint(
                condition=models.Q(sista_dag__gte=models.F("oppnar")),
                name="uppfoljningsperiod_datumordning",
                violation_error_message=_("Sista dag kan inte vara före öppningsdagen."),
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def ar_oppen(self, dag=None) -> bool:
        dag = dag or timezone.localdate()
        return self.oppnar <= dag <= self.sista_dag


class Statusrapport(models.Model):
    period = models.ForeignKey(
        Uppfoljningsperiod, models.PROTECT, related_name="statusrapporter", verbose_name=_("period")
    )
    aktivitet = models.ForeignKey(
        Aktivitet, models.PROTECT, related_name="statusrapporter", verbose_name=_("aktivitet")
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="statusrapporter", verbose_name=_("organisation")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    tillstand = models.CharField(
        _("tillstånd"), max_length=20, choices=Rapporttillstand.choices, default=Rapporttillstand.UTKAST
    )
    genomfort = models.TextField(_("vad har gjorts"), max_length=5000, blank=True)
    hinder = models.TextField(_("hinder"), max_length=5000, blank=True)
    nasta_steg = models.TextField(_("nästa steg"), max_length=5000, blank=True)
    strategier = models.ManyToManyField(
        Strategi, blank=True, related_name="statusrapporter", verbose_name=_("strategier som arbetet bidragit till")
    )
    returkommentar = models.TextField(_("kommentar vid retur"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    uppdaterad = models.DateTimeField(_("uppdaterad"), auto_now=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("skapad av")
    )
    inskickad = models.DateTimeField(_("inskickad"), null=True, blank=True)
    inskickad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inskickad av"),
        help_text=_("Den som skickade in rapporten får inte själv granska den (fyra ögon)."),
    )
    godkand = models.DateTimeField(_("godkänd"), null=True, blank=True)
    godkand_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("godkänd av")
    )
    godkannandekommentar = models.TextField(_("kommentar vid godkännande"), max_length=2000, blank=True)
    ateroppnad = models.BooleanField(
        _("återöppnad"),
        default=False,
        help_text=_("Planägaren har öppnat rapporten igen efter sista dag; den kan ändras tills den skickas in."),
    )
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: en påhittad rapport."))
    history = HistoricalRecords(m2m_fields=[strategier])

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["period", "aktivitet__typ", "aktivitet__ordning", "organisation__namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "aktivitet", "organisation"],
                name="statusrapport_unik",
                violation_error_message=_("Organisationen har redan en rapport för aktiviteten i perioden."),
            ),
        ]
        indexes = [models.Index(fields=["period", "tillstand"]), models.Index(fields=["organisation", "period"])]

    def __str__(self) -> str:
        return f"{self.aktivitet} – {self.organisation} – {self.period}"

    def clean(self) -> None:
        period = getattr(self, "period", None)
        aktivitet = getattr(self, "aktivitet", None)
        if period and aktivitet and period.plan_id != aktivitet.plan_id:
            raise ValidationError({"period": _("Perioden hör till en annan plan än aktiviteten.")})


class Aktivitetsstatus(models.Model):
    """The samordnare's overall status for one activity in one period."""

    period = models.ForeignKey(
        Uppfoljningsperiod, models.PROTECT, related_name="aktivitetsstatusar", verbose_name=_("period")
    )
    aktivitet = models.ForeignKey(
        Aktivitet, models.PROTECT, related_name="aktivitetsstatusar", verbose_name=_("aktivitet")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    sammanfattning = models.TextField(_("sammanfattning"), max_length=5000, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    uppdaterad = models.DateTimeField(_("uppdaterad"), auto_now=True)
    uppdaterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppdaterad av"),
    )
    exempel = models.BooleanField(_("exempel"), default=False, help_text=_("Demodata: en påhittad status."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitetens samlade status")
        verbose_name_plural = _("aktiviteters samlade status")
        ordering = ["period", "aktivitet__typ", "aktivitet__ordning"]
        constraints = [
            models.UniqueConstraint(fields=["period", "aktivitet"], name="aktivitetsstatus_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.aktivitet} – {self.period}: {self.get_status_display()}"


def bilaga_upload_to(instance: "Bilaga", filename: str) -> str:
    """Never trust the uploaded name on disk: a random name with the extension the content proved."""
    suffix = PurePath(filename).suffix.lower()
    return f"statusrapporter/{instance.statusrapport_id}/{uuid.uuid4().hex}{suffix}"


class Bilaga(models.Model):
    """A file attached to a status report. Served only through a permission-checked view."""

    statusrapport = models.ForeignKey(
        Statusrapport, models.CASCADE, related_name="bilagor", verbose_name=_("statusrapport")
    )
    fil = models.FileField(_("fil"), upload_to=bilaga_upload_to, max_length=300)
    filnamn = models.CharField(_("filnamn"), max_length=200)
    innehallstyp = models.CharField(_("innehållstyp"), max_length=100)
    storlek = models.PositiveIntegerField(_("storlek i byte"))
    uppladdad = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["statusrapport", "uppladdad", "pk"]

    def __str__(self) -> str:
        return self.filnamn
