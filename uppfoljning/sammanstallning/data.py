"""The data of a compiled follow-up report: one consistent snapshot, read in a fixed number of
queries whatever the data size (reports as plain tuples, so 100 000 rows stay cheap)."""

import contextlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from plan.choices import Roll
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, Plan, Strategi
from samverkan.selectors import Strategimatris, strategimatris
from uppfoljning.choices import Omfattning, Status
from uppfoljning.models import (
    PlaneradProcessutvardering,
    PlaneradUppfoljning,
    Processutvardering,
    Statusrapport,
    Uppfoljningsperiod,
)
from uppfoljning.selectors.rapportering import forvantade_par
from uppfoljning.selectors.sammanstallning import Urval, fingeravtryck, urval_innehall


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
# Beyond this many long texts (organisations' accounts and samordnare's summaries) the documents a
# person reads (PDF, DOCX, HTML) keep those of the latest period only, and beyond this many even of
# that period they point to the Excel sheets "Redovisningar" and "Samlad status", which always have
# every one in full. The real plan fully
# reported has about 165 accounts over three periods (a PDF of some 120 pages, ~28 s in WeasyPrint);
# 400 keeps a plan twice that size whole and the PDF of any city under a minute (docs/performance.md).
KONTO_MAX = 400


@dataclass
class Konto:
    """One organisation's approved account of an activity in a period: its published fields."""

    rapport_id: int
    period_id: int
    organisation: str
    status: str
    genomfort: str
    hinder: str
    nasta_steg: str
    strategier: list[str]
    godkand: datetime | None
    exempel: bool

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class Samlad:
    """The samordnare's overall status of an activity in a period, with the summary."""

    status: str
    sammanfattning: str
    exempel: bool

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


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
    ej_slutliga: list[str]
    organisationer: list[Organisationsrad]
    matris: Strategimatris
    strategi_antal: dict[int, int]
    rapporter: list[tuple]  # (period, aktivitet, organisation, status, godkänd) of approved reports
    urval: Urval | None = None
    innehall: dict = field(default_factory=dict)
    konton: dict[int, dict[int, list[Konto]]] = field(default_factory=dict)  # aktivitet → period → accounts
    samlad: dict[tuple[int, int], Samlad] = field(default_factory=dict)  # (period, aktivitet) → status
    piloter: dict[int, list[str]] = field(default_factory=dict)  # aktivitet → pilot verksamheter
    malomrade_aktiviteter: dict[int, list[tuple[Aktivitet, list[str]]]] = field(default_factory=dict)
    malomrade_konton: dict[tuple[int, int], int] = field(default_factory=dict)  # (målområde, aktivitet) → n
    malomrade_status: list[tuple[str, Counter]] = field(default_factory=list)
    organisation_status: list[tuple[str, Counter]] = field(default_factory=list)
    period_status: list[tuple[str, Counter]] = field(default_factory=list)
    diagram: dict[str, str] = field(default_factory=dict)
    andringar: dict | None = None  # what changed since the previous version (set by the job)

    @cached_property
    def har_exempel(self) -> bool:
        """Whether demo content is in the report (then labelled "Exempel" where it appears)."""
        return (
            any(k.exempel for per in self.konton.values() for lista in per.values() for k in lista)
            or any(s.exempel for s in self.samlad.values())
            or any(u.exempel for u in self.utvarderingar)
        )

    @property
    def detaljrader(self) -> int:
        return sum(len(a.organisationer) for a in self.aktiviteter)

    @property
    def visa_detaljer(self) -> bool:
        """The activity × organisation table belongs in a document a person reads only while it is
        of readable size; beyond that the reader gets the Excel file's sheet (all the rows)."""
        return self.detaljrader <= DETALJ_MAX_RADER

    @cached_property
    def antal_konton(self) -> int:
        return sum(len(k) for per in self.konton.values() for k in per.values())

    def _texter(self, period_id: int | None = None) -> int:
        """Accounts and the samordnare's summaries (of one period, or all): the long texts."""
        konton = sum(len(lista) for per in self.konton.values() for p, lista in per.items() if period_id in (None, p))
        return konton + sum(1 for (p, _a), s in self.samlad.items() if s.sammanfattning and period_id in (None, p))

    @cached_property
    def konto_perioder(self) -> list[Uppfoljningsperiod]:
        """The periods whose accounts and summaries the readable documents show in full (KONTO_MAX):
        all, the latest only, or none; the Excel file always has every one."""
        if self._texter() <= KONTO_MAX or not self.perioder:
            return self.perioder
        senaste = self.perioder[-1]
        return [senaste] if self._texter(senaste.pk) <= KONTO_MAX else []

    @property
    def fingeravtryck(self) -> str:
        return fingeravtryck(self.innehall)


def _vanligaste(counts: Counter) -> str | None:
    if not counts:
        return None
    ordning = {s: i for i, s in enumerate(Status.values)}
    return max(counts.items(), key=lambda kv: (kv[1], -ordning[kv[0]]))[0]


@contextlib.contextmanager
def snapshot():
    """One consistent read: on PostgreSQL a REPEATABLE READ, READ ONLY transaction, so every table
    (and every chapter builder run inside it) sees the same instant. Nested, it joins the outer one."""
    with transaction.atomic():
        if connection.vendor == "postgresql" and not connection.savepoint_ids:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def gather(*, plan: Plan, ar: int, urval: Urval | None = None) -> Rapportdata:
    """Read everything the report shows. A fixed number of queries whatever the data size, inside
    one snapshot (the manifest, and so the fingerprint, too)."""
    urval = urval or Urval(plan, ar)
    with snapshot():
        return _gather(urval)


def _gather(urval: Urval) -> Rapportdata:
    tidpunkt = timezone.now()
    uppfoljning = PlaneradUppfoljning.objects.select_related("plan__program").get(plan=urval.plan, ar=urval.ar)
    plan = uppfoljning.plan
    ar = urval.ar
    innehall = urval_innehall(urval)
    malomraden = list(
        Malomrade.objects.filter(plan=plan)
        .order_by("ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )
    if urval.omfattning == Omfattning.MALOMRADE:
        malomraden = [m for m in malomraden if m.pk == urval.malomrade.pk]
    strategi_malomrade = {s.pk: m for m in malomraden for s in m.strategier.all()}
    strategi_namn = dict(Strategi.objects.filter(plan=plan).values_list("pk", "namn"))
    perioder = list(urval.perioder())
    period_index = {p.pk: i for i, p in enumerate(perioder)}
    aktiviteter = list(urval.aktiviteter())
    aktivitet_ids = {a.pk for a in aktiviteter}
    organisationer = dict(Organisation.objects.filter(kommun_id=plan.program.kommun_id).values_list("pk", "namn"))

    # Every published report of the scope (selectors.publicering through the Urval), as plain
    # tuples with its published fields (no model instances: 100 000 rows stay cheap).
    godkanda = list(
        urval.statusrapporter().values_list(
            "pk",
            "period_id",
            "aktivitet_id",
            "organisation_id",
            "status",
            "genomfort",
            "hinder",
            "nasta_steg",
            "godkand",
            "exempel",
        )
    )
    samlad = {
        (period_id, aktivitet_id): Samlad(status, sammanfattning, exempel)
        for period_id, aktivitet_id, status, sammanfattning, exempel in urval.aktivitetsstatusar().values_list(
            "period_id", "aktivitet_id", "status", "sammanfattning", "exempel"
        )
    }
    godkanda_ids = {r[0] for r in godkanda}
    koppling = [
        (rapport_id, strategi_id)
        for rapport_id, strategi_id in Statusrapport.strategier.through.objects.filter(
            statusrapport__period__in=perioder, statusrapport__aktivitet__plan=plan
        )
        .order_by("strategi__ordning")
        .values_list("statusrapport_id", "strategi_id")
        if rapport_id in godkanda_ids
    ]
    rapport_strategier: dict[int, list[int]] = defaultdict(list)
    for rapport_id, strategi_id in koppling:
        rapport_strategier[rapport_id].append(strategi_id)

    per_akt_period: dict[tuple[int, int], Counter] = defaultdict(Counter)
    per_akt_org: dict[int, dict[int, list]] = defaultdict(dict)
    konton: dict[int, dict[int, list[Konto]]] = defaultdict(lambda: defaultdict(list))
    for pk, period_id, aktivitet_id, org_id, status, genomfort, hinder, nasta, godkand, exempel in godkanda:
        per_akt_period[(aktivitet_id, period_id)][status] += 1
        rad = per_akt_org[aktivitet_id].setdefault(org_id, [None] * len(perioder))
        rad[period_index[period_id]] = status
        konton[aktivitet_id][period_id].append(
            Konto(
                pk,
                period_id,
                organisationer[org_id],
                status,
                genomfort,
                hinder,
                nasta,
                [strategi_namn[s] for s in rapport_strategier.get(pk, ())],
                godkand,
                exempel,
            )
        )
    for per in konton.values():
        for lista in per.values():
            lista.sort(key=lambda k: k.organisation)

    aktivitetsrader = []
    for aktivitet in aktiviteter:
        celler = []
        for period in perioder:
            counts = per_akt_period.get((aktivitet.pk, period.pk), Counter())
            satt = samlad.get((period.pk, aktivitet.pk))
            celler.append(Cell(satt.status if satt else _vanligaste(counts), sum(counts.values())))
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
    forvantade = {
        period_id: {
            (a, o)
            for a, o in par
            if a in aktivitet_ids and (urval.omfattning != Omfattning.ORGANISATION or o == urval.organisation.pk)
        }
        for period_id, par in forvantade.items()
    }
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

    utvarderingar = list(urval.utvarderingar().select_related("aktivitet", "planerad").order_by("planerad__ordning"))
    slutliga_aktiviteter = {u.aktivitet_id for u in utvarderingar}
    # Planned evaluations (the plan's own text) that are not final yet: named, never their content.
    ej_slutliga = [
        titel
        for aktivitet_id, titel in PlaneradProcessutvardering.objects.filter(uppfoljning=uppfoljning)
        .order_by("ordning")
        .values_list("aktivitet_id", "aktivitet__titel")
        if aktivitet_id in aktivitet_ids and aktivitet_id not in slutliga_aktiviteter
    ]

    piloter: dict[int, list[str]] = defaultdict(list)
    for aktivitet_id, org_id in (
        Aktivitetsroll.objects.filter(aktivitet__in=aktiviteter, roll=Roll.PILOTVERKSAMHET)
        .order_by("organisation__namn")
        .values_list("aktivitet_id", "organisation_id")
    ):
        piloter[aktivitet_id].append(organisationer[org_id])

    matris = strategimatris(plan=plan)
    malomrade_aktiviteter: dict[int, list[tuple[Aktivitet, list[str]]]] = defaultdict(list)
    for rad in matris.rader:
        if rad.aktivitet.pk not in aktivitet_ids:
            continue
        for kolumn, cell in zip(matris.kolumner, rad.celler, strict=True):
            if cell:
                malomrade_aktiviteter[kolumn.pk].append((rad.aktivitet, [p.strategi.namn for p in cell]))
    rapport_aktivitet = {r[0]: r[2] for r in godkanda}
    malomrade_konton: Counter = Counter()
    sett: set = set()
    for rapport_id, strategi_id in koppling:
        m = strategi_malomrade.get(strategi_id)
        if m is None:
            continue
        aktivitet_id = rapport_aktivitet[rapport_id]
        if (m.pk, rapport_id) not in sett:
            sett.add((m.pk, rapport_id))
            malomrade_konton[(m.pk, aktivitet_id)] += 1

    strategi_antal: Counter = Counter()
    senaste_period = perioder[-1].pk if perioder else None
    status_by_id = {r[0]: (r[1], r[4]) for r in godkanda}
    malomrade_counts: dict[int, Counter] = {m.pk: Counter() for m in malomraden}
    for rapport_id, strategi_id in koppling:
        strategi_antal[strategi_id] += 1
        period_id, status = status_by_id[rapport_id]
        if period_id == senaste_period and strategi_id in strategi_malomrade:
            malomrade_counts[strategi_malomrade[strategi_id].pk][status] += 1

    org_status: dict[int, Counter] = defaultdict(Counter)
    period_status: dict[int, Counter] = defaultdict(Counter)
    for _pk, period_id, _a, org_id, status, *_rest in godkanda:
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
        utvarderingar=utvarderingar,
        ej_slutliga=ej_slutliga,
        organisationer=organisationsrader,
        matris=matris,
        strategi_antal=dict(strategi_antal),
        rapporter=sorted(
            (period_namn[p], akt_namn[a], organisationer[o], Status(s).label, g)
            for _pk, p, a, o, s, _g, _h, _n, g, _e in godkanda
        ),
        urval=urval,
        innehall=innehall,
        konton={a: dict(per) for a, per in konton.items()},
        samlad=samlad,
        piloter=dict(piloter),
        malomrade_aktiviteter=dict(malomrade_aktiviteter),
        malomrade_konton=dict(malomrade_konton),
        malomrade_status=[(m.namn, malomrade_counts[m.pk]) for m in malomraden],
        organisation_status=sorted(((organisationer[o], c) for o, c in org_status.items()), key=lambda r: r[0]),
        period_status=[(p.namn, period_status[p.pk]) for p in perioder],
    )
