"""Reads that combine the apps for the public pages. Each runs a fixed number of queries whatever
the amount of data (prefetches, no per-row queries)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamlik.ops.fragments import aktiviteter_fragment, plan_fragment
from jamlik.web.diagram import INGEN, diagram
from plan.choices import DokumentKategori, Roll
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, Plan, Strategi, plan_reverse
from plan.selectors import aktivitet_ids, malomraden_with_strategier
from samverkan.models import Matrisplacering
from samverkan.selectors import insatser_for_strategi, placeringar_for_malomrade, placeringar_for_strategi
from uppfoljning.choices import Status
from uppfoljning.models import PlaneradUppfoljning, Uppfoljningsperiod
from uppfoljning.selectors.publicering import (
    godkanda_rapporter_per_period,
    publicerade_aktivitetsstatusar,
    publicerade_processutvarderingar,
    publicerade_statusrapporter,
    sok_rapporter,
)
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
    plan, the other plans it has roles in, its initiatives (plan data: kept under the plan-data
    version) and its approved reports (one query; the page keeps what it shows of them, see
    web/organisation_detail.html)."""
    oversikt = plan_fragment("organisation_detail", plan.pk, slug, render=lambda: _organisation_i_planen(slug, plan))
    if oversikt is None:
        return None
    # The page lists each report's activity, period and status: no strategies or attachments.
    oversikt.godkanda_rapporter = list(
        godkanda_rapporter_for_organisation(organisation=oversikt.organisation)
        .filter(aktivitet__plan=plan)
        .prefetch_related(None)
    )
    return oversikt


def namn(model, *, plan: Plan, slug: str) -> str | None:
    """The name of the plan's målområde or strategy, or of an organisation of its municipality, with
    this slug (a page's title), kept under the plan-data version; None when there is none (a 404)."""
    villkor = {"kommun_id": plan.program.kommun_id} if model is Organisation else {"plan": plan}
    return plan_fragment(
        "namn",
        model.__name__,
        plan.pk,
        slug,
        render=lambda: model.objects.filter(slug=slug, **villkor).values_list("namn", flat=True).first(),
    )


def sokta_rapporter(*, plan: Plan, fraga: str) -> list:
    """Approved reports that answer a question (uppfoljning.selectors.publicering.sok_rapporter), kept
    per question until the follow-up of one of the plan's activities changes."""
    if not fraga.strip():
        return []
    return aktiviteter_fragment(
        aktivitet_ids(plan=plan),
        "sokta_rapporter",
        plan.pk,
        fraga,
        render=lambda: sok_rapporter(fraga=fraga, plan=plan),
    )


def _organisation_i_planen(slug: str, plan: Plan) -> Organisationsoversikt | None:
    # Slugs are unique per municipality: the plan's.
    organisation = (
        Organisation.objects.filter(kommun_id=plan.program.kommun_id, slug=slug)
        .select_related("tillhor", "rapporterar_for", "kommun")
        .prefetch_related(
            "alias",
            "ersatter",
            "ersatt_av",
            Prefetch("underordnade", queryset=Organisation.objects.order_by("namn")),
        )
        .first()
    )
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
class Malomradessida:
    """What a målområde's page shows of the plan itself (plan data only)."""

    malomrade: Malomrade  # with its strategies
    rader: list  # (samverkansaktivitet, its placements in the målområde's column), row by row


def malomradessida(*, plan: Plan, slug: str) -> Malomradessida | None:
    """A målområde's plan data, kept under the plan-data version; None if the plan has no such målområde."""
    return plan_fragment("malomradessida", plan.pk, slug, render=lambda: _malomradessida(plan, slug))


def _malomradessida(plan: Plan, slug: str) -> Malomradessida | None:
    malomrade = malomraden_with_strategier(plan=plan).filter(slug=slug).first()
    if malomrade is None:
        return None
    return Malomradessida(malomrade=malomrade, rader=placeringar_for_malomrade(malomrade=malomrade))


@dataclass
class Strategisida:
    """What a strategy's page shows of the plan itself (plan data only)."""

    strategi: Strategi
    placeringar: list  # where the matrix places it: Matrisplacering with its samverkansaktivitet
    insatser: list


def strategisida(*, plan: Plan, slug: str) -> Strategisida | None:
    """A strategy's plan data, kept under the plan-data version; None if the plan has no such strategy."""
    return plan_fragment("strategisida", plan.pk, slug, render=lambda: _strategisida(plan, slug))


def _strategisida(plan: Plan, slug: str) -> Strategisida | None:
    strategi = Strategi.objects.select_related("malomrade__plan", "plan").filter(plan=plan, slug=slug).first()
    if strategi is None:
        return None
    return Strategisida(
        strategi=strategi,
        placeringar=placeringar_for_strategi(strategi=strategi),
        insatser=insatser_for_strategi(strategi=strategi),
    )


@dataclass
class Statusrad:
    malomrade: object
    antal: list[int]  # in the order of uppfoljning.choices.Status
    utan_status: int


@dataclass
class Startsida:
    """What the start page shows of the plan itself (plan data only)."""

    malomraden: list  # with their strategies
    aktiviteter: list  # samverkansaktiviteter, then styrningsaktiviteter, in the plan's order
    kolumner: dict  # målområde id → ids of the samverkansaktiviteter with strategies in its column


def startsida(*, plan: Plan) -> Startsida:
    """The start page's plan data, kept under the plan-data version (jamlik/ops/fragments.py): three
    queries when the plan has changed, one cache round trip otherwise."""
    return plan_fragment("startsida", plan.pk, render=lambda: _startsida(plan))


def _startsida(plan: Plan) -> Startsida:
    kolumner: dict[int, set[int]] = {}
    for malomrade_id, aktivitet_id in (
        Matrisplacering.objects.filter(samverkansaktivitet__plan=plan)
        .values_list("malomrade_id", "samverkansaktivitet_id")
        .distinct()
    ):
        kolumner.setdefault(malomrade_id, set()).add(aktivitet_id)
    return Startsida(
        malomraden=list(malomraden_with_strategier(plan=plan)),
        aktiviteter=list(Aktivitet.objects.filter(plan=plan).select_related("plan").order_by("typ", "ordning")),
        kolumner=kolumner,
    )


def statusoversikt(*, startsida: Startsida, status: dict) -> list[Statusrad]:
    """The start page's overview: per målområde, how many of the samverkansaktiviteter that work in
    its column (Figur 4) have each current status (`status`: activity id → its current
    Aktivitetsstatus, uppfoljning.selectors.rapportering.aktuell_status). No query."""
    rader = []
    for malomrade in startsida.malomraden:
        antal = {s.value: 0 for s in Status}
        utan = 0
        for aktivitet_id in startsida.kolumner.get(malomrade.pk, ()):
            aktuell = status.get(aktivitet_id)
            if aktuell is None:
                utan += 1
            else:
                antal[aktuell.status] += 1
        rader.append(Statusrad(malomrade=malomrade, antal=[antal[s.value] for s in Status], utan_status=utan))
    return rader


def organisationsnamn(*, plan: Plan) -> dict[int, tuple[str, str]]:
    """id → (name, slug) of every organisation of the plan's municipality by name (plan data, kept)."""
    return plan_fragment(
        "organisationsnamn",
        plan.program.kommun_id,
        render=lambda: {
            pk: (namn, slug)
            for pk, namn, slug in Organisation.objects.filter(kommun_id=plan.program.kommun_id)
            .order_by("namn", "pk")
            .values_list("pk", "namn", "slug")
        },
    )


DIAGRAM_PERIODER = 4


@dataclass
class Uppfoljningsoversikt:
    plan: Plan
    perioder: list
    diagram: list  # jamlik.web.diagram.Diagram, each with its data table
    utvarderingar: list
    senaste_rapporter: list
    antal_rapporter: int


def uppfoljningsoversikt(*, plan: Plan) -> Uppfoljningsoversikt:
    """The public follow-up overview: status per målområde, per activity and per organisation
    over the periods that have opened, the final evaluations and the latest approved reports.
    A fixed number of queries whatever the amount of data."""
    idag = timezone.localdate()
    # The latest periods that have opened, oldest first (a chart stays legible at 375 px).
    perioder = list(
        Uppfoljningsperiod.objects.filter(plan=plan, oppnar__lte=idag).order_by("-oppnar")[:DIAGRAM_PERIODER]
    )
    perioder.reverse()
    period_ids = [p.pk for p in perioder]
    kolumner = [p.namn for p in perioder]
    planen = startsida(plan=plan)  # målområden, activities and the matrix's columns: plan data, kept
    aktiviteter = planen.aktiviteter
    status = {
        (a, p): s
        for a, p, s in publicerade_aktivitetsstatusar(plan=plan)
        .filter(period_id__in=period_ids)
        .values_list("aktivitet_id", "period_id", "status")
    }

    # Per målområde: the samverkansaktiviteter working in its column of the matrix (Figur 4).
    kolumn_aktiviteter = planen.kolumner
    rader_malomrade = []
    for malomrade in planen.malomraden:
        celler = []
        for period_id in period_ids:
            antal: dict[str, int] = {}
            for aktivitet_id in kolumn_aktiviteter.get(malomrade.pk, ()):
                s = status.get((aktivitet_id, period_id), INGEN)
                antal[s] = antal.get(s, 0) + 1
            celler.append(antal)
        rader_malomrade.append((malomrade.namn, malomrade.get_absolute_url(), celler))

    rader_aktivitet = [
        (
            aktivitet.titel,
            aktivitet.get_absolute_url(),
            [({status[(aktivitet.pk, p)]: 1} if (aktivitet.pk, p) in status else {}) for p in period_ids],
        )
        for aktivitet in aktiviteter
    ]

    # Per organisation: the statuses in its approved reports, per period.
    per_organisation: dict[int, dict[int, dict[str, int]]] = {}
    for organisation_id, period_id, s in (
        publicerade_statusrapporter(plan=plan)
        .filter(period_id__in=period_ids)
        .values_list("organisation_id", "period_id", "status")
    ):
        celler = per_organisation.setdefault(organisation_id, {})
        antal = celler.setdefault(period_id, {})
        antal[s] = antal.get(s, 0) + 1
    rader_organisation = [
        (namn, plan_reverse(plan, "organisation", slug=slug), [per_organisation[pk].get(p, {}) for p in period_ids])
        for pk, (namn, slug) in organisationsnamn(plan=plan).items()  # by name, in the database's collation
        if pk in per_organisation
    ]

    diagrammen = [
        diagram(
            id="per-malomrade",
            titel=_("Status per målområde"),
            beskrivning=_(
                "Samverkansaktiviteterna som arbetar inom varje målområde (strategimatrisen) och deras "
                "samlade status per period, enligt samordnaren."
            ),
            kolumner=kolumner,
            rader=rader_malomrade,
            enhet_singular=_("aktivitet"),
            enhet_plural=_("aktiviteter"),
        ),
        diagram(
            id="per-aktivitet",
            titel=_("Status per aktivitet"),
            beskrivning=_("Varje aktivitets samlade status per period, enligt samordnaren."),
            kolumner=kolumner,
            rader=rader_aktivitet,
            en_status=True,
        ),
        diagram(
            id="per-organisation",
            titel=_("Status per organisation"),
            beskrivning=_("Statusen i organisationens godkända statusrapporter per period."),
            kolumner=kolumner,
            rader=rader_organisation,
            enhet_singular=_("rapport"),
            enhet_plural=_("rapporter"),
        ),
    ]
    if not perioder:  # no period of the plan has opened yet (e.g. a successor just loaded): nothing to chart
        diagrammen = []
    # The lists link to reports and evaluations: their strategies, attachments, parts and evidence are not read.
    senaste = list(publicerade_statusrapporter(plan=plan).prefetch_related(None).order_by("-godkand", "-pk")[:10])
    return Uppfoljningsoversikt(
        plan=plan,
        perioder=perioder,
        diagram=diagrammen,
        utvarderingar=list(publicerade_processutvarderingar(plan=plan).prefetch_related(None)),
        senaste_rapporter=senaste,
        antal_rapporter=publicerade_statusrapporter(plan=plan).count(),
    )


@dataclass
class Aktivitetsuppfoljning:
    aktuell: object  # Aktivitetsstatus or None
    statusar: list  # every period's overall status, newest first
    utvarderingar: list  # final process evaluations
    rapporter: dict  # period → approved reports, newest period first
    antal_rapporter: int


def aktivitetsuppfoljning(*, aktivitet: Aktivitet) -> Aktivitetsuppfoljning:
    """What an activity's page leads with: its current overall status and the samordnare's summary,
    the final evaluations and the approved reports (full account, newest first)."""
    statusar = list(
        publicerade_aktivitetsstatusar()
        .filter(aktivitet=aktivitet)
        .select_related(None)  # the page's own activity: only the period is joined
        .select_related("period")
        .order_by("-period__oppnar")
    )
    rapporter = godkanda_rapporter_per_period(aktivitet=aktivitet)
    return Aktivitetsuppfoljning(
        aktuell=statusar[0] if statusar else None,
        statusar=statusar,
        # The page links to each final evaluation: its parts and evidence are not read.
        utvarderingar=list(
            publicerade_processutvarderingar()
            .filter(aktivitet=aktivitet)
            .select_related(None)
            .select_related("planerad__uppfoljning")  # for its year
            .prefetch_related(None)
        ),
        rapporter=rapporter,
        antal_rapporter=sum(len(v) for v in rapporter.values()),
    )
