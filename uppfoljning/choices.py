"""Fixed value lists and the allowed state changes of reporting."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """How an activity is going, as an official reports it."""

    EJ_PABORJAD = "ej_paborjad", _("Ej påbörjad")
    PAGAR_ENLIGT_PLAN = "pagar_enligt_plan", _("Pågår enligt plan")
    PAGAR_MED_AVVIKELSE = "pagar_med_avvikelse", _("Pågår med avvikelse")
    FORSENAD = "forsenad", _("Försenad")
    GENOMFORD = "genomford", _("Genomförd")
    AVBRUTEN = "avbruten", _("Avbruten")


class Rapporttillstand(models.TextChoices):
    """Where a status report is in its workflow."""

    UTKAST = "utkast", _("Utkast")
    INSKICKAD = "inskickad", _("Inskickad")
    RETURNERAD = "returnerad", _("Returnerad för komplettering")
    GODKAND = "godkand", _("Godkänd")


# Allowed workflow moves: from → {to}. Reopening after the deadline is its own logged action.
RAPPORT_OVERGANGAR = {
    Rapporttillstand.UTKAST: {Rapporttillstand.INSKICKAD},
    Rapporttillstand.INSKICKAD: {Rapporttillstand.RETURNERAD, Rapporttillstand.GODKAND},
    Rapporttillstand.RETURNERAD: {Rapporttillstand.INSKICKAD},
    Rapporttillstand.GODKAND: {Rapporttillstand.RETURNERAD},
}
