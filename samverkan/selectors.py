"""Reads of the collaboration activities and the strategy matrix."""

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from plan.models import Aktivitetsroll, Malomrade, Organisation, Plan, Strategi
from plan.selectors import roller_prefetch
from samverkan.models import Insats, Matrisplacering, Samverkansaktivitet

if TYPE_CHECKING:
    from samverkan.filters import MatrisplaceringFilterSet


@dataclass
class Matrisrad:
    aktivitet: Samverkansaktivitet
    celler: list[list[Matrisplacering]] = field(default_factory=list)
    roller: list[str] = field(default_factory=list)  # the filtered organisation's roles in the row


@dataclass
class Strategimatris:
    kolumner: list[Malomrade]
    rader: list[Matrisrad]
    markerad_strategi: Strategi | None = None
    organisation: Organisation | None = None

    @property
    def antal_placeringar(self) -> int:
        return sum(len(cell) for rad in self.rader for cell in rad.celler)


def strategimatris(*, plan: Plan, filterset: "MatrisplaceringFilterSet | None" = None) -> Strategimatris:
    """Figur 4 as a query: rows = samverkansaktiviteter, columns = målområden, each cell the
    ordered strategies the plan places there. With a (valid) FilterSet — the same one the API's
    matris/ uses — the matrix keeps the rows and columns that hold a matching placement, shows
    those rows whole, and marks the chosen strategy. At most five queries whatever the data size."""
    data = filterset.form.cleaned_data if filterset is not None else {}
    kolumner = Malomrade.objects.filter(plan=plan).order_by("ordning")
    if data.get("malomrade"):
        kolumner = kolumner.filter(pk=data["malomrade"].pk)
    kolumner = list(kolumner)
    aktiviteter = Samverkansaktivitet.objects.filter(plan=plan).select_related("plan").order_by("ordning")
    if filterset is not None and any(data.values()):
        aktiviteter = aktiviteter.filter(pk__in=filterset.qs.values("samverkansaktivitet_id"))
    organisation = data.get("organisation")
    roller_per_rad: dict[int, list[str]] = {}
    if organisation:
        for roll in Aktivitetsroll.objects.filter(organisation=organisation, aktivitet__plan=plan).order_by("roll"):
            roller_per_rad.setdefault(roll.aktivitet_id, []).append(roll.get_roll_display())
    rader = {a.pk: Matrisrad(a, [[] for _ in kolumner], roller_per_rad.get(a.pk, [])) for a in aktiviteter}
    kolumn_index = {m.pk: i for i, m in enumerate(kolumner)}
    placeringar = (
        Matrisplacering.objects.filter(samverkansaktivitet_id__in=list(rader), malomrade_id__in=list(kolumn_index))
        .select_related("strategi__plan")
        .order_by("ordning")
    )
    for placering in placeringar:
        rader[placering.samverkansaktivitet_id].celler[kolumn_index[placering.malomrade_id]].append(placering)
    return Strategimatris(
        kolumner=kolumner, rader=list(rader.values()), markerad_strategi=data.get("strategi"), organisation=organisation
    )


def matrisplaceringar() -> QuerySet[Matrisplacering]:
    """Every cell entry of the matrices in reading order (plan, row, column, position in the cell)."""
    return Matrisplacering.objects.select_related(
        "samverkansaktivitet__plan", "malomrade", "strategi", "strategi__malomrade"
    ).order_by(
        "samverkansaktivitet__plan__giltig_fran", "samverkansaktivitet__ordning", "malomrade__ordning", "ordning"
    )


def matris_export_rader(*, plan: Plan) -> list[list[str]]:
    """The matrix as a flat table for download: one line per strategy in a cell."""
    rader = []
    for placering in matrisplaceringar().filter(samverkansaktivitet__plan=plan):
        rader.append(
            [
                placering.samverkansaktivitet.matrisrubrik or placering.samverkansaktivitet.titel,
                placering.malomrade.namn,
                str(placering.ordning),
                placering.strategi.namn,
                placering.strategi.malomrade.namn,
            ]
        )
    return rader


@dataclass
class Aktivitetsdetalj:
    aktivitet: Samverkansaktivitet
    strategier: list[tuple[Malomrade, list[Matrisplacering]]]
    insatser: list[Insats]


def samverkansaktivitet_detail(*, aktivitet: Samverkansaktivitet) -> Aktivitetsdetalj:
    """The plan's side of an activity's page: its roles (prefetched onto the instance), its
    strategies per målområde column and its insatser."""
    prefetch_related_objects([aktivitet], roller_prefetch())
    per_kolumn: OrderedDict = OrderedDict()
    for placering in (
        aktivitet.matrisplaceringar.select_related("malomrade", "strategi__plan", "strategi__malomrade")
        .order_by("malomrade__ordning", "ordning")
        .all()
    ):
        per_kolumn.setdefault(placering.malomrade, []).append(placering)
    insatser = list(
        aktivitet.insatser.prefetch_related(
            Prefetch("organisationer", queryset=Organisation.objects.order_by("namn")),
            Prefetch(
                "strategier", queryset=Strategi.objects.select_related("plan").order_by("malomrade__ordning", "ordning")
            ),
        ).order_by("titel")
    )
    return Aktivitetsdetalj(aktivitet=aktivitet, strategier=list(per_kolumn.items()), insatser=insatser)


def placeringar_for_strategi(*, strategi: Strategi) -> list[Matrisplacering]:
    return list(
        strategi.matrisplaceringar.select_related("samverkansaktivitet__plan", "malomrade").order_by(
            "samverkansaktivitet__ordning", "malomrade__ordning"
        )
    )


def placeringar_for_malomrade(*, malomrade: Malomrade) -> list[tuple[Samverkansaktivitet, list[Matrisplacering]]]:
    """The strategies each activity places in this målområde's column, row by row."""
    per_rad: OrderedDict = OrderedDict()
    for placering in malomrade.matrisplaceringar.select_related(
        "samverkansaktivitet__plan", "strategi__plan", "strategi__malomrade"
    ).order_by("samverkansaktivitet__ordning", "ordning"):
        per_rad.setdefault(placering.samverkansaktivitet, []).append(placering)
    return list(per_rad.items())


def insatser_for_strategi(*, strategi: Strategi) -> list[Insats]:
    return list(strategi.insatser.select_related("samverkansaktivitet__plan").order_by("titel"))
