"""The kinds of notices a user can get, and how each reaches them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Typ(models.TextChoices):
    PERIOD_OPPNAD = "period_oppnad", _("En rapporteringsperiod har öppnat")
    SISTA_DAG_NARMAR = "sista_dag_narmar", _("Sista dagen för rapportering närmar sig")
    FORSENAD = "forsenad", _("Rapporten är försenad")
    RETURNERAD = "returnerad", _("Rapporten har returnerats för komplettering")
    GODKAND = "godkand", _("Rapporten har godkänts")
    ATT_GRANSKA = "att_granska", _("Rapporter väntar på granskning")
    PAMINNELSE = "paminnelse", _("Påminnelse från stadsledningskontoret")
    VECKOSAMMANFATTNING = "veckosammanfattning", _("Veckosammanfattning")


# The kinds a user chooses per channel; the weekly digest is a choice of its own.
VALBARA_TYPER = [t for t in Typ if t != Typ.VECKOSAMMANFATTNING]
