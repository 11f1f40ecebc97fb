from .rapportering import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod
from .specifikation import PlaneradProcessutvardering, PlaneradUppfoljning
from .styrning import Styrningsaktivitet

__all__ = [
    "Aktivitetsstatus",
    "PlaneradProcessutvardering",
    "PlaneradUppfoljning",
    "Statusrapport",
    "Styrningsaktivitet",
    "Uppfoljningsperiod",
]
