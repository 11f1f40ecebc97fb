from .rapportering import Aktivitetsstatus, Bilaga, Statusrapport, Uppfoljningsperiod
from .specifikation import PlaneradProcessutvardering, PlaneradUppfoljning
from .styrning import Styrningsaktivitet
from .utvardering import Processutvardering, ProcessutvarderingDel, Uppfoljningsrapport

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
