from .rapportering import Aktivitetsstatus, Bilaga, Statusrapport, Uppfoljningsperiod
from .specifikation import PlaneradProcessutvardering, PlaneradUppfoljning
from .styrning import Styrningsaktivitet

__all__ = [
    "Aktivitetsstatus",
    "Bilaga",
    "PlaneradProcessutvardering",
    "PlaneradUppfoljning",
    "Statusrapport",
    "Styrningsaktivitet",
    "Uppfoljningsperiod",
]
