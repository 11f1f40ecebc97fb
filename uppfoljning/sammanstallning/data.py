"""The data of a compiled follow-up report: one consistent snapshot, read in a fixed number of
queries whatever the data size (reports as plain tuples, so 100 000 rows stay cheap)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Count, Prefetch
from django.utils import timezone

from plan.models import Aktivitet, Malomrade, Organisation, Plan, Strategi
from samverkan.selectors import Strategimatris, strategimatris
from uppfoljning.choices import Rapporttillstand, Status, Utvarderingstillstand
from uppfoljning.models import (
    Aktivitetsstatus,
    PlaneradUppfoljning,
    Processutvardering,
    ProcessutvarderingDel,
    Statusrapport,
    Uppfoljningsperiod,
)
from uppfoljning.selectors.rapportering import forvantade_par


@dataclass
class Cell:
    status: str | None
    antal: int = 0

    @property
    def label(self) -> str:
        return Status(self.status).label if self.status else "–"


@dataclass
class Aktivitetsrad:
    aktivitet: Aktivitet
    perioder: list[Cell]
    organisationer: list[tuple[str, list[Cell]]]
    senaste: Cell


@dataclass
class Organisationsrad:
    namn: str
    perioder: list[tuple[int, int]]  # (approved, expected) per period
    godkanda: int
    forvantade: int

    @property
    def andel(self) -> int:
        return round(100 * self.godkanda / self.forvantade) if self.forvantade else 0


# Beyond this many activity × organisation rows the PDF/HTML points to the Excel sheet instead.
DETALJ_MAX_RADER = 1500


@dataclass
class Rapportdata:
    ar: int
    plan: Plan
    uppfoljning: PlaneradUppfoljning
    underlag_tidpunkt: datetime
    malomraden: list[Malomrade]
    perioder: list[Uppfoljningsperiod]
    aktiviteter: list[Aktivitetsrad]
    utvarderingar: list[Processutvardering]
    ej_slutliga: list[Processutvardering]
    organisationer: list[Organisationsrad]
    matris: Strategimatris
    strategi_antal: dict[int, int]
    rapporter: list[tuple]  # (period, aktivitet, organisation, status, godkänd) of approved reports
    malomrade_status: list[tuple[str, Counter]] = field(default_factory=list)
    organisation_status: list[tuple[str, Counter]] = field(default_factory=list)
    period_status: list[tuple[str, Counter]] = field(default_factory=list)
    diagram: dict[str, str] = field(default_factory=dict)

    @property
    def detaljrader(self) -> int:
        return sum(len(a.organisationer) for a in self.aktiviteter)

    @property
    def visa_detaljer(self) -> bool:
        """The activity × organisation table belongs in a document a person reads only while it is
        of readable size; beyond that the reader gets the Excel file's sheet (all the rows)."""
        return self.detaljrader <= DETALJ_MAX_RADER


def _vanligaste(counts: Counter) -> str | None:
    if not counts:
        return None
    ordning = {s: i for i, s in enumerate(Status.values)}
    return max(counts.items(), key=lambda kv: (kv[1], -ordning[kv[0]]))[0]


def gather(*, plan: Plan, ar: int) -> Rapportdata:
    """Read everything the report shows. A fixed number of queries whatever the data size; on
    PostgreSQL inside one REPEATABLE READ transaction, so every table is read at the same instant."""
    with transaction.atomic():
        if connection.vendor == "postgresql" and not connection.savepoint_ids:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _gather(plan=plan, ar=ar)


def _gather(*, plan: Plan, ar: int) -> Rapportdata:
    tidpunkt = timezone.now()
    uppfoljning = PlaneradUppfoljning.objects.select_related("plan__program").get(plan=plan, ar=ar)
    plan = uppfoljning.plan
    malomraden = list(
        Malomrade.objects.filter(plan=plan)
        .order_by("ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )
    strategi_malomrade = {s.pk: m for m in malomraden for s in m.strategier.all()}
    perioder = list(Uppfoljningsperiod.objects.filter(plan=plan, oppnar__year__lte=ar).order_by("oppnar"))
    period_index = {p.pk: i for i, p in enumerate(perioder)}
    aktiviteter = list(Aktivitet.objects.filter(plan=plan).order_by("typ", "ordning"))
    organisationer = dict(Organisation.objects.filter(kommun_id=plan.program.kommun_id).values_list("pk", "namn"))

    # Every report of the periods, as plain tuples (no model instances: 100 000 rows stay cheap).
    alla = list(
        Statusrapport.objects.filter(period__in=perioder).values_list(
            "pk", "period_id", "aktivitet_id", "organisation_id", "status", "tillstand", "godkand"
        )
    )
    godkanda = [r for r in alla if r[5] == Rapporttillstand.GODKAND]
    samlad = {
        (period_id, aktivitet_id): status
        for period_id, aktivitet_id, status in Aktivitetsstatus.objects.filter(period__in=perioder).values_list(
            "period_id", "aktivitet_id", "status"
        )
    }

    per_akt_period: dict[tuple[int, int], Counter] = defaultdict(Counter)
    per_akt_org: dict[int, dict[int, list]] = defaultdict(dict)
    for _pk, period_id, aktivitet_id, org_id, status, _t, _g in godkanda:
        per_akt_period[(aktivitet_id, period_id)][status] += 1
        rad = per_akt_org[aktivitet_id].setdefault(org_id, [None] * len(perioder))
        rad[period_index[period_id]] = status

    aktivitetsrader = []
    for aktivitet in aktiviteter:
        celler = []
        for period in perioder:
            counts = per_akt_period.get((aktivitet.pk, period.pk), Counter())
            celler.append(Cell(samlad.get((period.pk, aktivitet.pk)) or _vanligaste(counts), sum(counts.values())))
        senaste = next((c for c in reversed(celler) if c.status), Cell(None))
        org_rader = sorted(
            (
                (organisationer[o], [Cell(s, 1 if s else 0) for s in statusar])
                for o, statusar in per_akt_org[aktivitet.pk].items()
            ),
            key=lambda r: r[0],
        )
        aktivitetsrader.append(Aktivitetsrad(aktivitet, celler, org_rader, senaste))

    # Reporting completeness, by the one definition of who must report (selectors.forvantade_par):
    # the city's own organisations with a role, in the periods in which they existed. External
    # actors and collective names are partners and never expected.
    forvantade = forvantade_par(plan=plan, perioder=perioder)
    forvantade_per_org_period: Counter = Counter(
        (org, period_id) for period_id, par in forvantade.items() for _a, org in par
    )
    godkand_per_org_period: Counter = Counter()
    for _pk, period_id, aktivitet_id, org_id, *_rest in godkanda:
        if (aktivitet_id, org_id) in forvantade.get(period_id, ()):
            godkand_per_org_period[(org_id, period_id)] += 1
    organisationsrader = []
    for org_id in sorted({org for org, _p in forvantade_per_org_period}, key=lambda o: organisationer[o]):
        per_period = [
            (godkand_per_org_period[(org_id, p.pk)], forvantade_per_org_period[(org_id, p.pk)]) for p in perioder
        ]
        organisationsrader.append(
            Organisationsrad(
                organisationer[org_id],
                per_period,
                sum(g for g, _ in per_period),
                sum(f for _, f in per_period),
            )
        )

    utvarderingar = list(
        Processutvardering.objects.filter(planerad__uppfoljning=uppfoljning)
        .select_related("aktivitet", "planerad")
        .prefetch_related(Prefetch("delar", queryset=ProcessutvarderingDel.objects.select_related("organisation")))
        .annotate(antal_underlag=Count("underlag"))
        .order_by("planerad__ordning")
    )
    slutliga = [u for u in utvarderingar if u.tillstand == Utvarderingstillstand.SLUTLIG]
    ej_slutliga = [u for u in utvarderingar if u.tillstand != Utvarderingstillstand.SLUTLIG]

    godkanda_ids = {r[0] for r in godkanda}
    koppling = Statusrapport.strategier.through.objects.filter(statusrapport__period__in=perioder).values_list(
        "statusrapport_id", "strategi_id"
    )
    strategi_antal: Counter = Counter()
    senaste_period = perioder[-1].pk if perioder else None
    status_by_id = {r[0]: (r[1], r[4]) for r in godkanda}
    malomrade_counts: dict[int, Counter] = {m.pk: Counter() for m in malomraden}
    for rapport_id, strategi_id in koppling:
        if rapport_id not in godkanda_ids:
            continue
        strategi_antal[strategi_id] += 1
        period_id, status = status_by_id[rapport_id]
        if period_id == senaste_period and strategi_id in strategi_malomrade:
            malomrade_counts[strategi_malomrade[strategi_id].pk][status] += 1

    org_status: dict[int, Counter] = defaultdict(Counter)
    period_status: dict[int, Counter] = defaultdict(Counter)
    for _pk, period_id, _a, org_id, status, _t, _g in godkanda:
        period_status[period_id][status] += 1
        if period_id == senaste_period:
            org_status[org_id][status] += 1

    period_namn = {p.pk: p.namn for p in perioder}
    akt_namn = {a.pk: a.titel for a in aktiviteter}
    return Rapportdata(
        ar=ar,
        plan=plan,
        uppfoljning=uppfoljning,
        underlag_tidpunkt=tidpunkt,
        malomraden=malomraden,
        perioder=perioder,
        aktiviteter=aktivitetsrader,
        utvarderingar=slutliga,
        ej_slutliga=ej_slutliga,
        organisationer=organisationsrader,
        matris=strategimatris(plan=plan),
        strategi_antal=dict(strategi_antal),
        rapporter=sorted(
            (period_namn[p], akt_namn[a], organisationer[o], Status(s).label, g) for _pk, p, a, o, s, _t, g in godkanda
        ),
        malomrade_status=[(m.namn, malomrade_counts[m.pk]) for m in malomraden],
        organisation_status=sorted(((organisationer[o], c) for o, c in org_status.items()), key=lambda r: r[0]),
        period_status=[(p.namn, period_status[p.pk]) for p in perioder],
    )
