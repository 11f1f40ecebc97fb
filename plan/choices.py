"""Fixed value lists of the plan's structure."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationTyp(models.TextChoices):
    NAMND = "namnd", _("Nämnd eller styrelse")
    FORVALTNING = "forvaltning", _("Förvaltning")
    BOLAG = "bolag", _("Kommunalt bolag")
    REGION = "region", _("Region")
    MYNDIGHET = "myndighet", _("Statlig myndighet")
    KOMMUNAL_SAMVERKAN = "kommunal_samverkan", _("Kommunal samverkansorganisation")
    CIVILSAMHALLE = "civilsamhalle", _("Civilsamhälle")
    NARINGSLIV = "naringsliv", _("Näringsliv")
    AKADEMI = "akademi", _("Akademi")

    @classmethod
    def inom_staden(cls) -> set[str]:
        """Types that are part of Göteborgs Stad's own organisation."""
        return {cls.NAMND, cls.FORVALTNING, cls.BOLAG}


class PlanStatus(models.TextChoices):
    GALLANDE = "gallande", _("Gällande")
    HISTORISK = "historisk", _("Historisk")
    KOMMANDE = "kommande", _("Kommande")


class AktivitetTyp(models.TextChoices):
    SAMVERKAN = "samverkan", _("Aktivitet för samverkan")
    STYRNING = "styrning", _("Aktivitet för styrning, uppföljning och samordning")


class Roll(models.TextChoices):
    """The role an organisation has in an activity, as the plan names it."""

    SAMORDNINGSANSVAR = "samordningsansvar", _("Samordningsansvar")
    CENTRAL_AKTOR = "central_aktor", _("Central aktör för genomförande")
    ANSVAR = "ansvar", _("Ansvar")
    PILOTVERKSAMHET = "pilotverksamhet", _("Pilotverksamhet")


# Which roles each kind of activity may carry (Figur 2 and Figur 3 of the plan).
ROLLER_PER_AKTIVITETTYP = {
    AktivitetTyp.SAMVERKAN: {Roll.SAMORDNINGSANSVAR, Roll.CENTRAL_AKTOR},
    AktivitetTyp.STYRNING: {Roll.ANSVAR, Roll.PILOTVERKSAMHET},
}
# Roles that carry responsibility for coordinating an activity.
LEDANDE_ROLLER = {Roll.SAMORDNINGSANSVAR, Roll.ANSVAR}


class DokumentKategori(models.TextChoices):
    ANGRANSANDE = "angransande", _("Angränsande styrande dokument")
    STODJANDE = "stodjande", _("Stödjande dokument")


# The group of stadsledningskontoret's plan owners: read everything, manage periods, compile reports.
PLANAGARE_GRUPP = "Planägare"
