"""Reads of reporting. Visibility lives here as querysets (`*_for_user`) that express the same rules
as uppfoljning/rules/rapportering.py, so a list never shows a row its detail page would refuse."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from plan.choices import LEDANDE_ROLLER, OrganisationTyp
from plan.models import Aktivitet, Aktivitetsroll, Organisation, Plan, Strategi
from plan.rules import is_planagare, organisation_ids
from samverkan.models import Matrisplacering
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.publicering import publicerade_statusrapporter


def perioder(*, plan: Plan | None = None) -> QuerySet[Uppfoljningsperiod]:
    qs = Uppfoljningsperiod.objects.select_related("plan")
    return (qs.filter(plan=plan) if plan is not None else qs).order_by("-oppnar", "plan__namn")


def period_current(*, plan: Plan | None = None) -> Uppfoljningsperiod | None:
    """The open period with the nearest deadline, else the latest one that has opened (of the plan,
    when given)."""
    idag = timezone.localdate()
    qs = Uppfoljningsperiod.objects.select_related("plan")
    if plan is not None:
        qs = qs.filter(plan=plan)
    oppen = qs.filter(oppnar__lte=idag, sista_dag__gte=idag).order_by("sista_dag").first()
    return oppen or qs.filter(oppnar__lte=idag).order_by("-oppnar").first()


# --- Who must report: one definition --------------------------------------------------------------
#
# The city's own organisations (nämnder, förvaltningar, bolag; not collective names such as
# "Kommunala bolag") with a role in an activity are obliged reporters for every period in which they
# existed. External actors and collective names are partners: shown on the activity's page, never
# expected to report, never counted as missing. Mina rapporter, completeness, reminders and the
# compiled report all use the functions below.

RAPPORTERINGSSKYLDIG = Q(organisation__typ__in=OrganisationTyp.inom_staden(), organisation__samlingsbegrepp=False)


def _fanns_under(period: Uppfoljningsperiod) -> Q:
    return (Q(organisation__giltig_fran__isnull=True) | Q(organisation__giltig_fran__lte=period.sista_dag)) & (
        Q(organisation__giltig_till__isnull=True) | Q(organisation__giltig_till__gte=period.oppnar)
    )


def forvantade_roller(*, period: Uppfoljningsperiod) -> QuerySet[Aktivitetsroll]:
    """The roles that oblige a report in the period (possibly several per activity × organisation)."""
    return Aktivitetsroll.objects.filter(RAPPORTERINGSSKYLDIG, _fanns_under(period), aktivitet__plan_id=period.plan_id)


def forvantade_par(*, plan: Plan, perioder: list[Uppfoljningsperiod]) -> dict[int, set[tuple[int, int]]]:
    """period id → the (aktivitet id, organisation id) pairs expected to report in it. One query
    however many periods: the same rule as forvantade_roller, applied to each period."""
    roller = list(
        Aktivitetsroll.objects.filter(RAPPORTERINGSSKYLDIG, aktivitet__plan=plan).select_related("organisation")
    )
    return {
        period.pk: {
            (r.aktivitet_id, r.organisation_id)
            for r in roller
            if r.organisation.finns_under(period.oppnar, period.sista_dag)
        }
        for period in perioder
    }


def ledda_aktivitet_ids(user) -> QuerySet:
    """Activities the user's organisations lead (samordningsansvar or ansvar)."""
    return Aktivitetsroll.objects.filter(organisation_id__in=organisation_ids(user), roll__in=LEDANDE_ROLLER).values(
        "aktivitet_id"
    )


def statusrapporter_for_user(user) -> QuerySet[Statusrapport]:
    """Reports the user may read: published ones; plus for officials their own organisations' reports
    (where the organisation has a role in the activity) and every report of an activity they lead;
    everything for planägare.

    Each row carries `internt_synlig`: whether the user may read its internals (the return comment,
    reopen reasons), the rule `uppfoljning.view_internt_statusrapport` as a query."""
    qs = Statusrapport.objects.select_related("period__plan", "aktivitet__plan", "organisation")
    if is_planagare(user):
        return qs.annotate(internt_synlig=Value(True))
    publicerade = Q(tillstand=Rapporttillstand.GODKAND)
    if user.is_authenticated and organisation_ids(user):
        egen_roll = Aktivitetsroll.objects.filter(
            aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id")
        )
        interna = Q(Exists(egen_roll), organisation_id__in=organisation_ids(user)) | Q(
            aktivitet_id__in=ledda_aktivitet_ids(user)
        )
        return qs.filter(publicerade | interna).annotate(
            internt_synlig=Case(When(interna, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
    return qs.filter(publicerade).annotate(internt_synlig=Value(False))


@dataclass
class MinaRapporter:
    period: Uppfoljningsperiod | None
    att_skapa: list[tuple[Aktivitet, Organisation]] = field(default_factory=list)
    utkast: list[Statusrapport] = field(default_factory=list)
    returnerade: list[Statusrapport] = field(default_factory=list)
    inskickade: list[Statusrapport] = field(default_factory=list)
    godkanda: list[Statusrapport] = field(default_factory=list)
    att_granska: list[Statusrapport] = field(default_factory=list)
    # The samordnare's own part: each activity their organisation leads, with its overall status
    # for the period (None: still to write).
    samlad_status: list[tuple[Aktivitet, Aktivitetsstatus | None]] = field(default_factory=list)
    forsenad: bool = False

    @property
    def samlad_status_att_skriva(self) -> int:
        return sum(1 for _aktivitet, status in self.samlad_status if status is None)


def mina_rapporter(*, user, period: Uppfoljningsperiod | None) -> MinaRapporter:
    """What the user's organisations must report in the period, and where their reports stand.
    A fixed number of queries however many activities and reports there are."""
    resultat = MinaRapporter(period=period)
    if period is None:
        return resultat
    resultat.forsenad = timezone.localdate() > period.sista_dag
    orgs = organisation_ids(user)
    egna = list(
        Statusrapport.objects.filter(period=period, organisation_id__in=orgs)
        .select_related("aktivitet__plan", "organisation")
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn")
    )
    finns = {(r.aktivitet_id, r.organisation_id) for r in egna}
    roller = (
        forvantade_roller(period=period)
        .filter(organisation_id__in=orgs)
        .select_related("aktivitet__plan", "organisation")
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn")
    )
    sedda = set()
    for roll in roller:
        nyckel = (roll.aktivitet_id, roll.organisation_id)
        if nyckel not in finns and nyckel not in sedda:
            sedda.add(nyckel)
            resultat.att_skapa.append((roll.aktivitet, roll.organisation))
    for rapport in egna:
        {
            Rapporttillstand.UTKAST: resultat.utkast,
            Rapporttillstand.RETURNERAD: resultat.returnerade,
            Rapporttillstand.INSKICKAD: resultat.inskickade,
            Rapporttillstand.GODKAND: resultat.godkanda,
        }[rapport.tillstand].append(rapport)
    resultat.att_granska = list(att_granska(user=user, period=period))
    if orgs:
        ledda = list(
            Aktivitet.objects.filter(pk__in=ledda_aktivitet_ids(user), plan_id=period.plan_id)
            .select_related("plan")
            .order_by("typ", "ordning")
        )
        statusar = {
            s.aktivitet_id: s
            for s in Aktivitetsstatus.objects.filter(period=period, aktivitet__in=[a.pk for a in ledda])
        }
        resultat.samlad_status = [(a, statusar.get(a.pk)) for a in ledda]
    return resultat


def att_granska(*, user, period: Uppfoljningsperiod | None = None) -> QuerySet[Statusrapport]:
    """Submitted reports waiting for this user's review, the approve/return rule as a query (four
    eyes): the activities the user's organisations lead, except their own organisations' reports
    and those the user submitted; for planägare also the reports of an activity's leading
    organisation (which that organisation may not review itself)."""
    orgs = organisation_ids(user)
    if not user.is_authenticated:
        return Statusrapport.objects.none()
    granskas = Q(aktivitet_id__in=ledda_aktivitet_ids(user)) if orgs else Q(pk__in=[])
    if is_planagare(user):
        ledande = Aktivitetsroll.objects.filter(
            aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id"), roll__in=LEDANDE_ROLLER
        )
        granskas |= Q(Exists(ledande))
    qs = Statusrapport.objects.filter(granskas, tillstand=Rapporttillstand.INSKICKAD).exclude(organisation_id__in=orgs)
    qs = qs.exclude(inskickad_av=user)
    if period is not None:
        qs = qs.filter(period=period)
    return qs.select_related("period__plan", "aktivitet__plan", "organisation").order_by(
        "aktivitet__typ", "aktivitet__ordning", "organisation__namn"
    )


SAKNAS = "saknas"


@dataclass
class Kompletthet:
    period: Uppfoljningsperiod
    rader: list[dict]  # {"aktivitet", "organisation", "roll", "rapport" (or None), "tillstand"}
    antal: dict[str, int]  # tillstand (or "saknas") → count

    @property
    def totalt(self) -> int:
        return len(self.rader)


def kompletthet_roller(*, user, period: Uppfoljningsperiod) -> QuerySet[Aktivitetsroll]:
    """The expected reports of the period as roles annotated with the state of their report
    (`rapport_tillstand`, "saknas" when there is none), for KompletthetFilterSet to narrow.
    Planägare see the whole plan; a samordnare the activities their organisation leads."""
    rapport = Statusrapport.objects.filter(
        period=period, aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id")
    )
    roller = (
        forvantade_roller(period=period)
        .select_related("aktivitet__plan", "organisation")
        .annotate(
            rapport_id=Subquery(rapport.values("pk")[:1]),
            rapport_tillstand=Coalesce(Subquery(rapport.values("tillstand")[:1]), Value(SAKNAS)),
        )
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn", "roll")
    )
    if not is_planagare(user):
        roller = roller.filter(aktivitet_id__in=ledda_aktivitet_ids(user))
    return roller


def kompletthet(*, period: Uppfoljningsperiod, roller: QuerySet[Aktivitetsroll]) -> Kompletthet:
    """Activities × obliged organisations × the state of their report in the period, from the
    (filtered) roles of kompletthet_roller. Three queries whatever the size."""
    roller = list(roller)
    rapporter = Statusrapport.objects.only(
        "pk", "aktivitet_id", "organisation_id", "tillstand", "status", "uppdaterad", "version", "exempel"
    ).in_bulk([r.rapport_id for r in roller if r.rapport_id])
    rader, sedda = [], set()
    antal = {SAKNAS: 0, **{t.value: 0 for t in Rapporttillstand}}
    for roll in roller:
        nyckel = (roll.aktivitet_id, roll.organisation_id)
        if nyckel in sedda:
            continue
        sedda.add(nyckel)
        antal[roll.rapport_tillstand] += 1
        rader.append(
            {
                "aktivitet": roll.aktivitet,
                "organisation": roll.organisation,
                "roll": roll,
                "rapport": rapporter.get(roll.rapport_id),
                "tillstand": roll.rapport_tillstand,
            }
        )
    return Kompletthet(period=period, rader=rader, antal=antal)


def aktuell_status(*, plan: Plan) -> dict[int, Aktivitetsstatus]:
    """Each activity's overall status from the latest period that has one (one query)."""
    statusar = (
        Aktivitetsstatus.objects.filter(aktivitet__plan=plan)
        .select_related("period")
        .order_by("aktivitet_id", "-period__oppnar")
    )
    latest: dict[int, Aktivitetsstatus] = {}
    for status in statusar:
        latest.setdefault(status.aktivitet_id, status)
    return latest


def godkanda_rapporter_for_organisation(*, organisation: Organisation) -> QuerySet[Statusrapport]:
    """An organisation's approved (published) reports, newest period first."""
    return (
        publicerade_statusrapporter()
        .filter(organisation=organisation)
        .order_by("-period__oppnar", "aktivitet__typ", "aktivitet__ordning")
    )


def strategigrupper(*, aktivitet: Aktivitet) -> list[tuple[str, list[int], bool]]:
    """The plan's strategies for a report's checklist, grouped by målområde: (målområde name,
    strategy ids, the activity's own?). First the activity's strategies from the matrix (Figur 4)
    in its columns, then every other strategy under its own målområde. Two queries."""
    egna: dict[str, list[int]] = {}
    sedda: set[int] = set()
    for placering in (
        Matrisplacering.objects.filter(samverkansaktivitet_id=aktivitet.pk)
        .select_related("malomrade")
        .order_by("malomrade__ordning", "ordning")
    ):
        if placering.strategi_id not in sedda:
            sedda.add(placering.strategi_id)
            egna.setdefault(placering.malomrade.namn, []).append(placering.strategi_id)
    ovriga: dict[str, list[int]] = {}
    for strategi in (
        Strategi.objects.filter(plan_id=aktivitet.plan_id)
        .exclude(pk__in=sedda)
        .select_related("malomrade")
        .order_by("malomrade__ordning", "ordning")
    ):
        ovriga.setdefault(strategi.malomrade.namn, []).append(strategi.pk)
    return [(namn, pks, True) for namn, pks in egna.items()] + [(namn, pks, False) for namn, pks in ovriga.items()]


def forra_rapporten(
    *, aktivitet: Aktivitet, organisation: Organisation, fore: Uppfoljningsperiod
) -> Statusrapport | None:
    """The organisation's latest report on the activity from a period before `fore`: the starting
    point of its next report (copy forward)."""
    return (
        Statusrapport.objects.filter(
            aktivitet=aktivitet, organisation=organisation, period__plan_id=fore.plan_id, period__oppnar__lt=fore.oppnar
        )
        .select_related("period")
        .order_by("-period__oppnar")
        .first()
    )
