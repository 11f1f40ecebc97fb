from .aktivitet import Aktivitet, Aktivitetsroll, AktivitetTypManager
from .dokument import StyrandeDokument
from .organisation import Medlemskap, Organisation, OrganisationAlias
from .program import Forutsattning, Malomrade, Plan, Program, Strategi

__all__ = [
    "Aktivitet",
    "AktivitetTypManager",
    "Aktivitetsroll",
    "Forutsattning",
    "Malomrade",
    "Medlemskap",
    "Organisation",
    "OrganisationAlias",
    "Plan",
    "Program",
    "Strategi",
    "StyrandeDokument",
]
