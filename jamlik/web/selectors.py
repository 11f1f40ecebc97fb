"""Reads that combine the apps for the public pages. Each runs a fixed number of queries whatever
the amount of data (prefetches, no per-row queries)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from plan.choices import DokumentKategori, Roll
from plan.models import Aktivitet, Aktivitetsroll, Organisation, Plan
from plan.selectors import organisation_by_slug
from samverkan.models import Matrisplacering
from uppfoljning.choices import Status
from uppfoljning.models import PlaneradUppfoljning
from uppfoljning.selectors.rapportering import godkanda_rapporter_for_organisation


@dataclass
class Organisationsoversikt:
    organisation: Organisation
    roller: dict[str, list[Aktivitet]] = field(default_factory=dict)
    andra_planer: list[Plan] = field(default_factory=list)
    insatser: list = field(default_factory=list)
    godkanda_rapporter: list = field(default_factory=list)


def organisation_detail(*, slug: str, plan: Plan) -> Organisationsoversikt | None:
    """Everything one organisation coordinates, is responsible for, takes part in or pilots in the
    plan, the other plans it has roles in, its initiatives and its approved reports."""
    queryset = (
        Organisation.objects.filter(kommun_id=plan.program.kommun_id)
        .select_related("tillhor", "rapporterar_for", "kommun")
        .prefetch_related(
            "alias",
            "ersatter",
            "ersatt_av",
            Prefetch("underordnade", queryset=Organisation.objects.order_by("namn")),
        )
    )
    organisation = organisation_by_slug(slug, queryset=queryset)
    if organisation is None:
        return None
    oversikt = Organisationsoversikt(organisation=organisation, roller={roll.value: [] for roll in Roll})
    roller = (
        Aktivitetsroll.objects.filter(organisation=organisation)
        .select_related("aktivitet__plan")
        .order_by("aktivitet__typ", "aktivitet__ordning")
    )
    andra: dict[int, Plan] = {}
    for roll in roller:
        if roll.aktivitet.plan_id == plan.pk:
            oversikt.roller[roll.roll].append(roll.aktivitet)
        else:
            andra.setdefault(roll.aktivitet.plan_id, roll.aktivitet.plan)
    oversikt.andra_planer = sorted(andra.values(), key=lambda p: -p.giltig_fran)
    oversikt.insatser = list(
        organisation.insatser.filter(samverkansaktivitet__plan=plan)
        .select_related("samverkansaktivitet__plan")
        .order_by("samverkansaktivitet__ordning", "titel")
    )
    oversikt.godkanda_rapporter = list(
        godkanda_rapporter_for_organisation(organisation=organisation).filter(aktivitet__plan=plan)
    )
    return oversikt


def plan_detail(*, plan: Plan) -> dict:
    """The plan's own page, from the data: decision and validity, sections, förutsättningar,
    målområden, related and supporting documents, the planned follow-up."""
    dokument = list(plan.styrande_dokument.order_by("kategori", "ordning"))
    return {
        "plan": plan,
        "program": plan.program,
        "avsnitt": list(plan.avsnitt.order_by("ordning")),
        "forutsattningar": list(plan.forutsattningar.order_by("ordning")),
        "malomraden": list(plan.malomraden.select_related("plan").order_by("ordning")),
        "angransande": [d for d in dokument if d.kategori == DokumentKategori.ANGRANSANDE],
        "stodjande": [d for d in dokument if d.kategori == DokumentKategori.STODJANDE],
        "uppfoljningar": list(
            PlaneradUppfoljning.objects.filter(plan=plan)
            .prefetch_related("processutvarderingar__aktivitet__plan")
            .order_by("ar")
        ),
    }


@dataclass
class Statusrad:
    malomrade: object
    antal: list[int]  # in the order of uppfoljning.choices.Status
    utan_status: int


def statusoversikt(*, plan: Plan, malomraden: list, aktiviteter: list) -> list[Statusrad]:
    """The start page's overview: per målområde, how many of the samverkansaktiviteter that work in
    its column (Figur 4) have each current status. One query (the matrix's columns); the statuses
    come with the activities (`aktuell_status`, set by the caller)."""
    kolumner: dict[int, set[int]] = {}
    for malomrade_id, aktivitet_id in (
        Matrisplacering.objects.filter(samverkansaktivitet__plan=plan)
        .values_list("malomrade_id", "samverkansaktivitet_id")
        .distinct()
    ):
        kolumner.setdefault(malomrade_id, set()).add(aktivitet_id)
    status_per_aktivitet = {a.pk: getattr(a, "aktuell_status", None) for a in aktiviteter}
    rader = []
    for malomrade in malomraden:
        antal = {s.value: 0 for s in Status}
        utan = 0
        for aktivitet_id in kolumner.get(malomrade.pk, ()):
            status = status_per_aktivitet.get(aktivitet_id)
            if status is None:
                utan += 1
            else:
                antal[status.status] += 1
        rader.append(Statusrad(malomrade=malomrade, antal=[antal[s.value] for s in Status], utan_status=utan))
    return rader
