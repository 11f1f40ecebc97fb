"""Compiling the follow-up report of a follow-up year: plain Python, testable without Celery.

Steps (each recorded on the job row, so the progress bar shows the real work):
gather the data (a handful of queries, one consistent snapshot) → draw charts → HTML → PDF
(WeasyPrint) → XLSX (openpyxl) → publish. Files are written into a private staging folder and the
finished folder is moved into place with one os.replace, in the same transaction that marks the
row done; nothing half-written is ever listed or served.

Every run takes ownership of the job with a fresh attempt token (`forsok`). A run that finds the
token changed under it (another worker took the job over after a redelivery) stops without
writing. A run that finds the job done does nothing, so retries and redeliveries are harmless.
"""

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

from plan.choices import AktivitetTyp, OrganisationTyp
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, Plan, Strategi
from samverkan.selectors import Strategimatris, strategimatris
from uppfoljning.charts import stacked_bars
from uppfoljning.choices import Jobbstatus, Rapporttillstand, Status, Utvarderingstillstand
from uppfoljning.models import (
    Aktivitetsstatus,
    PlaneradUppfoljning,
    Processutvardering,
    ProcessutvarderingDel,
    Statusrapport,
    Uppfoljningsperiod,
    Uppfoljningsrapport,
)

# Errors worth a retry: the database or broker was briefly away.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError)

STEG = [
    ("underlag", "Hämtar underlag", 5),
    ("diagram", "Ritar diagram", 20),
    ("html", "Skapar HTML-versionen", 30),
    ("pdf", "Skapar PDF", 45),
    ("xlsx", "Skapar Excel-filen", 80),
    ("publicera", "Publicerar rapporten", 95),
]
RAPPORT_MAPP = "uppfoljningsrapporter"


class Superseded(Exception):
    """Another run has taken over this job; this run must stop without writing."""


# --- data -------------------------------------------------------------------------------------


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


def gather(*, ar: int) -> Rapportdata:
    """Read everything the report shows. A fixed number of queries whatever the data size; on
    PostgreSQL inside one REPEATABLE READ transaction, so every table is read at the same instant."""
    with transaction.atomic():
        if connection.vendor == "postgresql" and not connection.savepoint_ids:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _gather(ar=ar)


def _gather(*, ar: int) -> Rapportdata:
    tidpunkt = timezone.now()
    uppfoljning = PlaneradUppfoljning.objects.select_related("plan__program").get(ar=ar)
    plan = uppfoljning.plan
    malomraden = list(
        Malomrade.objects.filter(program_id=plan.program_id)
        .order_by("ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )
    strategi_malomrade = {s.pk: m for m in malomraden for s in m.strategier.all()}
    perioder = list(Uppfoljningsperiod.objects.filter(plan=plan, oppnar__year__lte=ar).order_by("oppnar"))
    period_index = {p.pk: i for i, p in enumerate(perioder)}
    aktiviteter = list(Aktivitet.objects.filter(plan=plan).order_by("typ", "ordning"))
    organisationer = dict(Organisation.objects.values_list("pk", "namn"))

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

    # Reporting completeness: every organisation of the city with a role in an activity is expected
    # to report on it each period (external actors and collective names are not asked to report).
    roller = set(
        Aktivitetsroll.objects.filter(
            aktivitet__plan=plan,
            organisation__typ__in=OrganisationTyp.inom_staden(),
            organisation__samlingsbegrepp=False,
        ).values_list("aktivitet_id", "organisation_id")
    )
    forvantade_per_org: Counter = Counter(org for _a, org in roller)
    godkand_per_org_period: Counter = Counter()
    for _pk, period_id, aktivitet_id, org_id, *_rest in godkanda:
        if (aktivitet_id, org_id) in roller:
            godkand_per_org_period[(org_id, period_id)] += 1
    organisationsrader = []
    for org_id in sorted(forvantade_per_org, key=lambda o: organisationer[o]):
        per_period = [(godkand_per_org_period[(org_id, p.pk)], forvantade_per_org[org_id]) for p in perioder]
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


# --- outputs ----------------------------------------------------------------------------------


def draw_charts(data: Rapportdata) -> None:
    senaste = data.perioder[-1].namn if data.perioder else ""
    data.diagram = {
        "malomrade": stacked_bars(
            titel=f"Godkända statusrapporter per målområde och status, period {senaste}", rader=data.malomrade_status
        ),
        "organisation": stacked_bars(
            titel=f"Godkända statusrapporter per organisation och status, period {senaste}",
            rader=data.organisation_status,
        ),
        "perioder": stacked_bars(titel="Godkända statusrapporter per period och status", rader=data.period_status),
    }


def render_html(data: Rapportdata) -> str:
    matris = [
        {
            "aktivitet": rad.aktivitet,
            "status": next((a.senaste for a in data.aktiviteter if a.aktivitet.pk == rad.aktivitet.pk), Cell(None)),
            "celler": [[(p.strategi, data.strategi_antal.get(p.strategi_id, 0)) for p in cell] for cell in rad.celler],
        }
        for rad in data.matris.rader
    ]
    return render_to_string(
        "uppfoljning/rapporter/dokument.html",
        {
            "d": data,
            "matris": matris,
            "diagram": {k: mark_safe(v) for k, v in data.diagram.items()},  # built by charts.py, all text escaped
            "samverkan": [a for a in data.aktiviteter if a.aktivitet.typ == AktivitetTyp.SAMVERKAN],
            "styrning": [a for a in data.aktiviteter if a.aktivitet.typ == AktivitetTyp.STYRNING],
        },
    )


def render_pdf(html: str, path: Path) -> None:
    import weasyprint

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise
    # Only local files and inline data: a report must never fetch anything from the network.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf(path)


def render_xlsx(data: Rapportdata, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)

    def sheet(titel: str, rubriker: list[str], rader) -> None:
        ws = wb.create_sheet(titel)
        ws.append(rubriker)
        for rad in rader:
            ws.append([str(v) if isinstance(v, Promise) else v for v in rad])

    sheet(
        "Processutvärderingar",
        [
            "Aktivitet",
            "Samlad bedömning",
            "Genomförande",
            "Strukturer",
            "Aktörers delaktighet",
            "Hinder",
            "Framgångsfaktorer",
            "Målgruppers delaktighet",
            "Lärdomar",
            "Rekommendationer",
            "Antal underlag",
        ],
        (
            [
                u.aktivitet.titel,
                u.get_samlad_bedomning_display(),
                u.genomforande,
                u.strukturer,
                u.delaktighet_aktorer,
                u.hinder,
                u.framgangsfaktorer,
                u.delaktighet_malgrupper,
                u.lardomar,
                u.rekommendationer,
                u.antal_underlag,
            ]
            for u in data.utvarderingar
        ),
    )
    sheet(
        "Pilotverksamheter",
        ["Aktivitet", "Pilotverksamhet", "Samlad bedömning", "Genomförande", "Hinder", "Framgångsfaktorer", "Lärdomar"],
        (
            [
                u.aktivitet.titel,
                d.organisation.namn,
                d.get_samlad_bedomning_display(),
                d.genomforande,
                d.hinder,
                d.framgangsfaktorer,
                d.lardomar,
            ]
            for u in data.utvarderingar
            for d in u.delar.all()
        ),
    )
    sheet(
        "Status per aktivitet",
        ["Aktivitet", "Typ"]
        + [f"Status {p.namn}" for p in data.perioder]
        + [f"Antal rapporter {p.namn}" for p in data.perioder],
        (
            [a.aktivitet.titel, a.aktivitet.get_typ_display()]
            + [c.label for c in a.perioder]
            + [c.antal for c in a.perioder]
            for a in data.aktiviteter
        ),
    )
    sheet(
        "Rapportering per organisation",
        ["Organisation"]
        + [f"Godkända {p.namn}" for p in data.perioder]
        + ["Förväntade per period", "Andel godkända (%)"],
        (
            [o.namn] + [g for g, _ in o.perioder] + [o.perioder[0][1] if o.perioder else 0, o.andel]
            for o in data.organisationer
        ),
    )
    sheet(
        "Strategimatris",
        [
            "Samverkansaktivitet",
            "Målområde (kolumn)",
            "Strategi",
            "Antal godkända rapporter",
            "Aktivitetens senaste status",
        ],
        (
            [
                rad.aktivitet.titel,
                data.matris.kolumner[i].namn,
                p.strategi.namn,
                data.strategi_antal.get(p.strategi_id, 0),
                next((a.senaste.label for a in data.aktiviteter if a.aktivitet.pk == rad.aktivitet.pk), "–"),
            ]
            for rad in data.matris.rader
            for i, cell in enumerate(rad.celler)
            for p in cell
        ),
    )
    sheet(
        "Statusrapporter",
        ["Period", "Aktivitet", "Organisation", "Status", "Godkänd"],
        ([p, a, o, s, timezone.localtime(g).replace(tzinfo=None) if g else None] for p, a, o, s, g in data.rapporter),
    )
    wb.save(path)


# --- the job ----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _step_delay() -> float:
    """Test hook: seconds to sleep after each step, so a test can kill a worker mid-job."""
    return float(os.environ.get("JAMLIK_COMPILE_STEP_DELAY", "0") or 0)


def _report(rapport_id: int, forsok: str, steg: str) -> None:
    label, procent = next((lbl, p) for key, lbl, p in STEG if key == steg)
    andrade = Uppfoljningsrapport.objects.filter(pk=rapport_id, forsok=forsok).update(
        progress=procent, steg=label, uppdaterad=timezone.now()
    )
    if not andrade:
        raise Superseded
    if delay := _step_delay():
        time.sleep(delay)


def _claim(rapport_id: int, forsok: str) -> Uppfoljningsrapport | None:
    """Take the job over. None when there is nothing to do (done, or given up)."""
    with transaction.atomic():
        rapport = Uppfoljningsrapport.objects.select_for_update().get(pk=rapport_id)
        if rapport.status in (Jobbstatus.DONE, Jobbstatus.FAILED):
            return None
        rapport.status = Jobbstatus.RUNNING
        rapport.forsok = forsok
        rapport.progress = 0
        rapport.steg = "Startar"
        rapport.startad = rapport.startad or timezone.now()
        rapport.save(update_fields=["status", "forsok", "progress", "steg", "startad", "uppdaterad"])
        return rapport


def media_path(relativ: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relativ


def _clean_staging(staging: Path) -> None:
    """Remove staging folders left by runs killed more than a day ago (never listed, only litter)."""
    grans = time.time() - 24 * 3600
    for mapp in staging.iterdir():
        if mapp.is_dir() and mapp.stat().st_mtime < grans:
            shutil.rmtree(mapp, ignore_errors=True)


def compile_uppfoljningsrapport(*, rapport_id: int) -> Uppfoljningsrapport:
    forsok = uuid.uuid4().hex
    rapport = _claim(rapport_id, forsok)
    if rapport is None:
        return Uppfoljningsrapport.objects.get(pk=rapport_id)
    try:
        return _run(rapport, forsok)
    except Superseded:
        return Uppfoljningsrapport.objects.get(pk=rapport_id)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        mark_failed(rapport_id=rapport_id, forsok=forsok, fel=f"{type(exc).__name__}: {exc}")
        raise


def mark_failed(*, rapport_id: int, fel: str, forsok: str | None = None) -> None:
    qs = Uppfoljningsrapport.objects.filter(pk=rapport_id).exclude(status=Jobbstatus.DONE)
    if forsok is not None:
        qs = qs.filter(forsok=forsok)
    with contextlib.suppress(DatabaseError):
        qs.update(status=Jobbstatus.FAILED, felmeddelande=fel[:2000], steg="Misslyckades", uppdaterad=timezone.now())


def _run(rapport: Uppfoljningsrapport, forsok: str) -> Uppfoljningsrapport:
    namn = f"uppfoljningsrapport-{rapport.ar}-v{rapport.version}"
    relativ_mapp = f"{RAPPORT_MAPP}/{rapport.ar}/v{rapport.version}"
    staging = media_path(RAPPORT_MAPP) / ".staging"
    staging.mkdir(parents=True, exist_ok=True)
    _clean_staging(staging)

    _report(rapport.pk, forsok, "underlag")
    data = gather(ar=rapport.ar)
    _report(rapport.pk, forsok, "diagram")
    draw_charts(data)
    with tempfile.TemporaryDirectory(dir=staging, prefix=f"{rapport.pk}-{forsok}-") as tmp:
        ut = Path(tmp) / "ut"
        ut.mkdir()
        _report(rapport.pk, forsok, "html")
        html = render_html(data)
        (ut / f"{namn}.html").write_text(html, encoding="utf-8")
        _report(rapport.pk, forsok, "pdf")
        render_pdf(html, ut / f"{namn}.pdf")
        _report(rapport.pk, forsok, "xlsx")
        render_xlsx(data, ut / f"{namn}.xlsx")
        _report(rapport.pk, forsok, "publicera")
        summor = {fmt: _sha256(ut / f"{namn}.{fmt}") for fmt in ("pdf", "xlsx", "html")}
        for f in ut.iterdir():
            os.chmod(f, 0o444)  # immutable artefact
        with transaction.atomic():
            locked = Uppfoljningsrapport.objects.select_for_update().get(pk=rapport.pk)
            if locked.forsok != forsok or locked.status != Jobbstatus.RUNNING:
                raise Superseded
            slutmapp = media_path(relativ_mapp)
            slutmapp.parent.mkdir(parents=True, exist_ok=True)
            if slutmapp.exists():
                # Left by a run that was killed between moving its files and committing: never listed.
                shutil.rmtree(slutmapp)
            os.replace(ut, slutmapp)
            for fmt, summa in summor.items():
                setattr(locked, f"{fmt}_fil", f"{relativ_mapp}/{namn}.{fmt}")
                setattr(locked, f"{fmt}_sha256", summa)
            locked.status = Jobbstatus.DONE
            locked.progress = 100
            locked.steg = "Klar"
            locked.underlag_tidpunkt = data.underlag_tidpunkt
            locked.klar = timezone.now()
            locked.felmeddelande = ""
            locked.save()
    return locked
