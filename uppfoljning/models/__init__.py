from .rapportering import Aktivitetsstatus, Bilaga, Statusrapport, Uppfoljningsperiod
from .sammanstallning import Uppfoljningsrapport
from .specifikation import PlaneradProcessutvardering, PlaneradUppfoljning
from .styrning import Styrningsaktivitet
from .utvardering import Processutvardering, ProcessutvarderingDel

__all__ = [
    "Aktivitetsstatus",
    "Bilaga",
    "PlaneradProcessutvardering",
    "PlaneradUppfoljning",
    "Processutvardering",
    "ProcessutvarderingDel",
    "Statusrapport",
    "Styrningsaktivitet",
    "Uppfoljningsperiod",
    "Uppfoljningsrapport",
]
