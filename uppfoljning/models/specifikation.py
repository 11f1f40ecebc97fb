"""What the plan prescribes for its own follow-up ("Uppföljning av denna plan"):
followed up once in the period, reported with the equality report, by process evaluations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plan.models import Aktivitet, Plan


class PlaneradUppfoljning(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="planerade_uppfoljningar", verbose_name=_("plan"))
    ar = models.PositiveSmallIntegerField(_("uppföljningsår"))
    redovisas_med = models.CharField(_("redovisas i samband med"), max_length=200)
    genomfors_av = models.CharField(_("genomförs av"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"))

    class Meta:
        verbose_name = _("planerad uppföljning")
        verbose_name_plural = _("planerade uppföljningar")
        ordering = ["plan", "ar"]
        constraints = [models.UniqueConstraint(fields=["plan", "ar"], name="planerad_uppfoljning_unik")]

    def __str__(self) -> str:
        return gettext("%(plan)s – uppföljning %(ar)s") % {"plan": self.plan, "ar": self.ar}

    def clean(self) -> None:
        plan = getattr(self, "plan", None)
        if plan and self.ar and not plan.giltig_fran <= self.ar <= plan.giltig_till:
            raise ValidationError({"ar": _("Uppföljningsåret måste ligga inom planens giltighetstid.")})


class PlaneradProcessutvardering(models.Model):
    """One process evaluation the follow-up prescribes: of a samverkansaktivitet, or of the
    integration activity in its pilot verksamheter (the pilots are that activity's roles)."""

    uppfoljning = models.ForeignKey(
        PlaneradUppfoljning, models.CASCADE, related_name="processutvarderingar", verbose_name=_("uppföljning")
    )
    aktivitet = models.ForeignKey(
        Aktivitet, models.PROTECT, related_name="planerade_utvarderingar", verbose_name=_("aktivitet")
    )
    omfattar_pilotverksamheter = models.BooleanField(
        _("omfattar pilotverksamheterna"),
        default=False,
        help_text=_("Utvärderingen görs i aktivitetens pilotverksamheter, en del per pilot."),
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"))

    class Meta:
        verbose_name = _("planerad processutvärdering")
        verbose_name_plural = _("planerade processutvärderingar")
        ordering = ["uppfoljning", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["uppfoljning", "aktivitet"], name="planerad_utvardering_unik"),
        ]

    def __str__(self) -> str:
        return gettext("Processutvärdering: %(aktivitet)s") % {"aktivitet": self.aktivitet}
