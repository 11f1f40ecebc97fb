"""Fixed value lists of the indicators: sources, genders, area levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kalla(models.TextChoices):
    """Where an indicator's values come from."""

    KOLADA = "kolada", _("Kolada")
    EGEN = "egen", _("Egen statistik")
    MANUELL = "manuell", _("Manuell")


class Kon(models.TextChoices):
    """Kolada's gender codes: T (totalt), K (kvinnor), M (män)."""

    TOTALT = "T", _("Totalt")
    KVINNOR = "K", _("Kvinnor")
    MAN = "M", _("Män")


class Niva(models.TextChoices):
    """Levels of the area hierarchy, from the municipality down; `enhet` is a Kolada
    organisational unit (a school, a preschool) reported under an area."""

    KOMMUN = "kommun", _("Kommun")
    STADSOMRADE = "stadsomrade", _("Stadsområde")
    STADSDEL = "stadsdel", _("Stadsdel")
    PRIMAROMRADE = "primaromrade", _("Primärområde")
    DESO = "deso", _("DeSO")
    ENHET = "enhet", _("Organisatorisk enhet")


class Inlasningsstatus(models.TextChoices):
    PAGAR = "pagar", _("Pågår")
    KLAR = "klar", _("Klar")
    FEL = "fel", _("Fel")
