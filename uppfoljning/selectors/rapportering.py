"""Reads of reporting. Visibility lives here as querysets (`*_for_user`) that express the same rules
as uppfoljning/rules/rapportering.py, so a list never shows a row its detail page would refuse."""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from plan.choices import LEDANDE_ROLLER
from plan.models import Aktivitet, Aktivitetsroll, Organisation, Plan
from plan.rules import is_planagare, organisation_ids
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod


def perioder() -> QuerySet[Uppfoljningsperiod]:
    return Uppfoljningsperiod.objects.select_related("plan").order_by("-oppnar")


def period_current() -> Uppfoljningsperiod | None:
    """The open period with the nearest deadline, else the latest one that has opened."""
    idag = timezone.localdate()
    oppen = Uppfoljningsperiod.objects.filter(oppnar__lte=idag, sista_dag__gte=idag).order_by("sista_dag").first()
    return oppen or Uppfoljningsperiod.objects.filter(oppnar__lte=idag).order_by("-oppnar").first()


def ledda_aktivitet_ids(user) -> QuerySet:
    """Activities the user's organisations lead (samordningsansvar or ansvar)."""
    return Aktivitetsroll.objects.filter(organisation_id__in=organisation_ids(user), roll__in=LEDANDE_ROLLER).values(
        "aktivitet_id"
    )


def statusrapporter_for_user(user) -> QuerySet[Statusrapport]:
    """Reports the user may read: published ones; plus for officials their own organisations' reports
    (where the organisation has a role in the activity) and every report of an activity they lead;
    everything for planägare."""
    qs = Statusrapport.objects.select_related("period", "aktivitet", "organisation")
    if is_planagare(user):
        return qs
    synliga = Q(tillstand=Rapporttillstand.GODKAND)
    if user.is_authenticated and organisation_ids(user):
        egen_roll = Aktivitetsroll.objects.filter(
            aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id")
        )
        synliga |= Q(Exists(egen_roll), organisation_id__in=organisation_ids(user))
        synliga |= Q(aktivitet_id__in=ledda_aktivitet_ids(user))
    return qs.filter(synliga)


@dataclass
class MinaRapporter:
    period: Uppfoljningsperiod | None
    att_skapa: list[tuple[Aktivitet, Organisation]] = field(default_factory=list)
    utkast: list[Statusrapport] = field(default_factory=list)
    returnerade: list[Statusrapport] = field(default_factory=list)
    inskickade: list[Statusrapport] = field(default_factory=list)
    godkanda: list[Statusrapport] = field(default_factory=list)
    att_granska: list[Statusrapport] = field(default_factory=list)
    forsenad: bool = False


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
        .select_related("aktivitet", "organisation")
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn")
    )
    finns = {(r.aktivitet_id, r.organisation_id) for r in egna}
    roller = (
        Aktivitetsroll.objects.filter(organisation_id__in=orgs, aktivitet__plan_id=period.plan_id)
        .select_related("aktivitet", "organisation")
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
    resultat.att_granska = list(
        Statusrapport.objects.filter(
            period=period, tillstand=Rapporttillstand.INSKICKAD, aktivitet_id__in=ledda_aktivitet_ids(user)
        )
        .select_related("aktivitet", "organisation")
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn")
    )
    return resultat


SAKNAS = "saknas"


@dataclass
class Kompletthet:
    period: Uppfoljningsperiod
    rader: list[dict]  # {"aktivitet", "organisation", "roll", "rapport" (or None), "tillstand"}
    antal: dict[str, int]  # tillstand (or "saknas") → count

    @property
    def totalt(self) -> int:
        return len(self.rader)


def kompletthet(
    *,
    user,
    period: Uppfoljningsperiod,
    aktivitet: Aktivitet | None = None,
    organisation: Organisation | None = None,
    tillstand: str | None = None,
) -> Kompletthet:
    """Activities × organisations with a role × the state of their report in the period.
    Planägare see the whole city; a samordnare the activities their organisation leads."""
    roller = Aktivitetsroll.objects.filter(aktivitet__plan_id=period.plan_id).select_related(
        "aktivitet", "organisation"
    )
    if not is_planagare(user):
        roller = roller.filter(aktivitet_id__in=ledda_aktivitet_ids(user))
    if aktivitet is not None:
        roller = roller.filter(aktivitet=aktivitet)
    if organisation is not None:
        roller = roller.filter(organisation=organisation)
    roller = roller.order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn", "roll")
    rapporter = {
        (r.aktivitet_id, r.organisation_id): r
        for r in Statusrapport.objects.filter(period=period).only(
            "pk", "aktivitet_id", "organisation_id", "tillstand", "status", "uppdaterad", "version"
        )
    }
    rader, sedda = [], set()
    antal = {SAKNAS: 0, **{t.value: 0 for t in Rapporttillstand}}
    for roll in roller:
        nyckel = (roll.aktivitet_id, roll.organisation_id)
        if nyckel in sedda:
            continue
        sedda.add(nyckel)
        rapport = rapporter.get(nyckel)
        state = rapport.tillstand if rapport else SAKNAS
        if tillstand and state != tillstand:
            continue
        antal[state] += 1
        rader.append(
            {
                "aktivitet": roll.aktivitet,
                "organisation": roll.organisation,
                "roll": roll,
                "rapport": rapport,
                "tillstand": state,
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


def godkanda_rapporter(*, aktivitet: Aktivitet) -> dict:
    """Approved status reports only (never drafts), grouped by period, newest period first."""
    rapporter = (
        Statusrapport.objects.filter(aktivitet=aktivitet, tillstand=Rapporttillstand.GODKAND)
        .select_related("period", "organisation")
        .order_by("-period__oppnar", "organisation__namn")
    )
    perioder: OrderedDict = OrderedDict()
    for rapport in rapporter:
        perioder.setdefault(rapport.period, []).append(rapport)
    return perioder


def godkanda_rapporter_for_organisation(*, organisation: Organisation) -> QuerySet[Statusrapport]:
    """An organisation's approved (published) reports, newest period first."""
    return (
        Statusrapport.objects.filter(organisation=organisation, tillstand=Rapporttillstand.GODKAND)
        .select_related("period", "aktivitet")
        .order_by("-period__oppnar", "aktivitet__typ", "aktivitet__ordning")
    )
