"""Reads of the collaboration activities and the strategy matrix."""

from dataclasses import dataclass, field

from plan.models import Malomrade, Plan
from samverkan.models import Matrisplacering, Samverkansaktivitet


@dataclass
class Matrisrad:
    aktivitet: Samverkansaktivitet
    celler: list[list[Matrisplacering]] = field(default_factory=list)


@dataclass
class Strategimatris:
    kolumner: list[Malomrade]
    rader: list[Matrisrad]


def strategimatris(*, plan: Plan) -> Strategimatris:
    """Figur 4 as a query: rows = samverkansaktiviteter, columns = målområden, each cell the
    ordered strategies the plan places there. Three queries whatever the size of the data."""
    kolumner = list(Malomrade.objects.filter(program_id=plan.program_id).order_by("ordning"))
    rader = {a.pk: Matrisrad(a, [[] for _ in kolumner]) for a in Samverkansaktivitet.objects.filter(plan=plan)}
    kolumn_index = {m.pk: i for i, m in enumerate(kolumner)}
    placeringar = (
        Matrisplacering.objects.filter(samverkansaktivitet__plan=plan).select_related("strategi").order_by("ordning")
    )
    for placering in placeringar:
        rader[placering.samverkansaktivitet_id].celler[kolumn_index[placering.malomrade_id]].append(placering)
    return Strategimatris(kolumner=kolumner, rader=list(rader.values()))
