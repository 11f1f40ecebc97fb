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


class Rapporthandling(models.TextChoices):
    """The workflow actions on a status report; each value is also the permission's action
    (`uppfoljning.<value>_statusrapport`)."""

    SUBMIT = "submit", _("Skicka in")
    RETURN = "return", _("Returnera för komplettering")
    APPROVE = "approve", _("Godkänn")
    REOPEN = "reopen", _("Öppna igen")


# The transition table, the only source of allowed moves: action → (from states, to state).
# Reopening (the planägare's, also after the deadline) is logged with its reason.
RAPPORT_OVERGANGAR = {
    Rapporthandling.SUBMIT: ({Rapporttillstand.UTKAST, Rapporttillstand.RETURNERAD}, Rapporttillstand.INSKICKAD),
    Rapporthandling.RETURN: ({Rapporttillstand.INSKICKAD}, Rapporttillstand.RETURNERAD),
    Rapporthandling.APPROVE: ({Rapporttillstand.INSKICKAD}, Rapporttillstand.GODKAND),
    Rapporthandling.REOPEN: (
        {Rapporttillstand.INSKICKAD, Rapporttillstand.RETURNERAD, Rapporttillstand.GODKAND},
        Rapporttillstand.RETURNERAD,
    ),
}
# States in which the organisation's officials may change the report's content.
REDIGERBARA_TILLSTAND = {Rapporttillstand.UTKAST, Rapporttillstand.RETURNERAD}


class Utvarderingstillstand(models.TextChoices):
    """Where a process evaluation is in its workflow (the planägare drafts, reviews, finalises)."""

    UTKAST = "utkast", _("Utkast")
    UNDER_GRANSKNING = "under_granskning", _("Under granskning")
    SLUTLIG = "slutlig", _("Slutlig")


class Utvarderingshandling(models.TextChoices):
    """The workflow actions on a process evaluation (`uppfoljning.<value>_processutvardering`)."""

    SUBMIT = "submit", _("Skicka till granskning")
    WITHDRAW = "withdraw", _("Återställ till utkast")
    FINALISE = "finalise", _("Fastställ som slutlig")
    REOPEN = "reopen", _("Öppna för granskning igen")


UTVARDERING_OVERGANGAR = {
    Utvarderingshandling.SUBMIT: ({Utvarderingstillstand.UTKAST}, Utvarderingstillstand.UNDER_GRANSKNING),
    Utvarderingshandling.WITHDRAW: ({Utvarderingstillstand.UNDER_GRANSKNING}, Utvarderingstillstand.UTKAST),
    Utvarderingshandling.FINALISE: ({Utvarderingstillstand.UNDER_GRANSKNING}, Utvarderingstillstand.SLUTLIG),
    Utvarderingshandling.REOPEN: ({Utvarderingstillstand.SLUTLIG}, Utvarderingstillstand.UNDER_GRANSKNING),
}


class Bedomning(models.TextChoices):
    """The overall assessment of a process evaluation: how far the activity works as intended."""

    I_HOG_GRAD = "i_hog_grad", _("Genomförs i hög grad enligt intentionen")
    I_VISS_GRAD = "i_viss_grad", _("Genomförs i viss grad enligt intentionen")
    I_LAG_GRAD = "i_lag_grad", _("Genomförs i låg grad enligt intentionen")
    EJ_PABORJAD = "ej_paborjad", _("Har inte kommit i gång")


class Jobbstatus(models.TextChoices):
    """State of a compilation job of the follow-up report."""

    PENDING = "pending", _("Väntar på att starta")
    RUNNING = "running", _("Sammanställs")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


class Omfattning(models.TextChoices):
    """What a compiled follow-up report covers."""

    PLAN = "plan", _("Hela planen")
    MALOMRADE = "malomrade", _("Ett målområde")
    ORGANISATION = "organisation", _("En organisation")
