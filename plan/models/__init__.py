from .aktivitet import Aktivitet, Aktivitetsroll, AktivitetTypManager
from .dokument import StyrandeDokument
from .organisation import Medlemskap, Organisation, OrganisationAlias
from .program import Forutsattning, Kommun, Malomrade, Plan, Planavsnitt, Program, Strategi, plan_reverse

__all__ = [
    "Aktivitet",
    "AktivitetTypManager",
    "Aktivitetsroll",
    "Forutsattning",
    "Kommun",
    "Malomrade",
    "Medlemskap",
    "Organisation",
    "OrganisationAlias",
    "Plan",
    "Planavsnitt",
    "Program",
    "Strategi",
    "StyrandeDokument",
    "plan_reverse",
]
