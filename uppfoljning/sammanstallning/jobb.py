"""The compilation job of a follow-up report version: plain Python, testable without Celery.

Steps (each recorded on the job row, so the progress bar shows the real work): gather the data
(one consistent snapshot, with its manifest and fingerprint) and compare it with the previous
version of the same scope → draw charts and build the chapters → HTML → PDF → DOCX → XLSX → publish. Files are rendered in a
private local staging folder and then stored through Django's storage API under a folder of their
own attempt (`uppfoljningsrapporter/<plan>/<år>/v<version>/<försök>/`); the row records them, and marks
the job done, only in the transaction that checks this run still owns the job. Nothing
half-written is ever listed or served, and a run that lost the job deletes what it stored.

Every run takes ownership of the job with a fresh attempt token (`forsok`). A run that finds the
token changed under it (another worker took the job over after a redelivery) stops without
publishing. A run that finds the job done does nothing, so retries and redeliveries are harmless.
"""

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Statusrapport, Uppfoljningsrapport
from uppfoljning.selectors.sammanstallning import Urval, fingeravtryck, senaste_klara

from .data import Rapportdata, gather, snapshot
from .diagram import draw_charts
from .kapitel import dokument
from .render import render_html, render_pdf, render_xlsx
from .word import render_docx

# Errors worth a retry: the database or broker was briefly away.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError)

# The step labels are stored on the job row in Swedish (gettext_noop: marked, not translated here)
# and translated where they are shown (the report's page and the API), in the reader's language.
STEG = [
    ("underlag", gettext_noop("Hämtar underlag"), 5),
    ("diagram", gettext_noop("Ritar diagram"), 20),
    ("html", gettext_noop("Skapar HTML-versionen"), 30),
    ("pdf", gettext_noop("Skapar PDF"), 45),
    ("docx", gettext_noop("Skapar Word-filen"), 70),
    ("xlsx", gettext_noop("Skapar Excel-filen"), 80),
    ("publicera", gettext_noop("Publicerar rapporten"), 95),
]
RAPPORT_MAPP = "uppfoljningsrapporter"
FORMAT = ("pdf", "docx", "xlsx", "html")
# At most this many entries per kind of change are named in a version's list of changes.
ANDRINGAR_MAX = 100


class Superseded(Exception):
    """Another run has taken over this job; this run must stop without publishing."""


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
        rapport = Uppfoljningsrapport.objects.select_for_update(of=("self",)).select_related("plan").get(pk=rapport_id)
        if rapport.status in (Jobbstatus.DONE, Jobbstatus.FAILED):
            return None
        rapport.status = Jobbstatus.RUNNING
        rapport.forsok = forsok
        rapport.progress = 0
        rapport.steg = gettext_noop("Startar")
        rapport.startad = rapport.startad or timezone.now()
        rapport.save(update_fields=["status", "forsok", "progress", "steg", "startad", "uppdaterad"])
        return rapport


def staging_root() -> Path:
    """Where runs render before storing: local and private, whatever storage serves the files."""
    return Path(tempfile.gettempdir()) / "jamlik-sammanstallning"


def _clean_staging(staging: Path) -> None:
    """Remove staging folders left by runs killed more than a day ago (never listed, only litter)."""
    grans = time.time() - 24 * 3600
    for mapp in staging.iterdir():
        if mapp.is_dir() and mapp.stat().st_mtime < grans:
            shutil.rmtree(mapp, ignore_errors=True)


def compile_uppfoljningsrapport(*, rapport_id: int) -> Uppfoljningsrapport:
    # The report is a Swedish publication, also when compiled in-process for someone who reads the
    # portal in English (no queue configured): labels, dates and choices in it are Swedish.
    with translation.override(settings.LANGUAGE_CODE):
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
        qs.update(
            status=Jobbstatus.FAILED,
            felmeddelande=fel[:2000],
            steg=gettext_noop("Misslyckades"),
            uppdaterad=timezone.now(),
        )


def _store(ut: Path, mapp: str, namn: str) -> dict[str, str]:
    """Store the rendered files through the storage API; returns format → stored name."""
    lagrade = {}
    for fmt in FORMAT:
        with open(ut / f"{namn}.{fmt}", "rb") as f:
            lagrade[fmt] = default_storage.save(f"{mapp}/{namn}.{fmt}", File(f))
    return lagrade


def _namngivna(poster: list[str], nyckel: str, ut: dict) -> None:
    ut[nyckel] = sorted(poster)[:ANDRINGAR_MAX]
    ut[f"{nyckel}_antal"] = len(poster)


def andringar(foregaende: Uppfoljningsrapport | None, data: Rapportdata) -> dict:
    """What changed in the published content since the previous version of the same scope: reports
    added, changed (a new version of the account) or no longer approved, overall statuses set or
    changed, evaluations finalised or changed. Named, at most ANDRINGAR_MAX per kind."""
    if foregaende is None or not foregaende.innehall:
        return {"foregaende": None}
    fore, nu = foregaende.innehall, data.innehall
    period_namn = {p.pk: p.namn for p in data.perioder}
    akt_namn = {a.aktivitet.pk: a.aktivitet.titel for a in data.aktiviteter}
    konton = {
        str(k.rapport_id): f"{akt_namn[a]} – {k.organisation} – {period_namn[k.period_id]}"
        for a, per in data.konton.items()
        for lista in per.values()
        for k in lista
    }
    ut: dict = {"foregaende": foregaende.version, "foregaende_id": foregaende.pk}
    fr, nr = fore.get("rapporter", {}), nu.get("rapporter", {})
    _namngivna([konton[i] for i in nr if i not in fr], "rapporter_nya", ut)
    _namngivna([konton[i] for i in nr if i in fr and fr[i] != nr[i]], "rapporter_andrade", ut)
    borttagna = [int(i) for i in fr if i not in nr]
    namn = {
        pk: f"{a} – {o} – {p}"
        for pk, a, o, p in Statusrapport.objects.filter(pk__in=borttagna[:ANDRINGAR_MAX]).values_list(
            "pk", "aktivitet__titel", "organisation__namn", "period__namn"
        )
    }
    ut["rapporter_borttagna"] = sorted(namn.values())
    ut["rapporter_borttagna_antal"] = len(borttagna)
    fs, ns = fore.get("statusar", {}), nu.get("statusar", {})
    _namngivna(
        [
            f"{akt_namn.get(int(k.split(':')[1]), '?')} – {period_namn.get(int(k.split(':')[0]), '?')}"
            for k in ns
            if fs.get(k) != ns[k]
        ],
        "statusar_andrade",
        ut,
    )
    fu, nuu = fore.get("utvarderingar", {}), nu.get("utvarderingar", {})
    titel = {str(u.pk): u.aktivitet.titel for u in data.utvarderingar}
    _namngivna([titel[i] for i in nuu if i not in fu], "utvarderingar_faststallda", ut)
    _namngivna([titel[i] for i in nuu if i in fu and fu[i] != nuu[i]], "utvarderingar_andrade", ut)
    if fore.get("indikatorer") != nu.get("indikatorer"):
        _namngivna(["Nyckeltalen eller deras värden (kapitlet Nyckeltal)"], "indikatorer_andrade", ut)
    return ut


def _run(rapport: Uppfoljningsrapport, forsok: str) -> Uppfoljningsrapport:
    namn = f"uppfoljningsrapport-{rapport.plan.slug}-{rapport.ar}-v{rapport.version}"
    mapp = f"{RAPPORT_MAPP}/{rapport.plan.slug}/{rapport.ar}/v{rapport.version}/{forsok}"
    staging = staging_root()
    staging.mkdir(parents=True, exist_ok=True)
    _clean_staging(staging)

    _report(rapport.pk, forsok, "underlag")
    urval = Urval.for_rapport(rapport)
    # The data, the comparison with the previous version and every chapter (a registered builder
    # may read more) in one snapshot; the progress is recorded outside it (the snapshot is read-only).
    with snapshot():
        data = gather(plan=rapport.plan, ar=rapport.ar, urval=urval)
        foregaende = senaste_klara(urval, fore_version=rapport.version)
        data.andringar = andringar(foregaende, data)
        draw_charts(data)
        dok = dokument(data)
    _report(rapport.pk, forsok, "diagram")
    with tempfile.TemporaryDirectory(dir=staging, prefix=f"{rapport.pk}-{forsok}-") as tmp:
        ut = Path(tmp)
        _report(rapport.pk, forsok, "html")
        html = render_html(dok)
        (ut / f"{namn}.html").write_text(html, encoding="utf-8")
        _report(rapport.pk, forsok, "pdf")
        render_pdf(html, ut / f"{namn}.pdf")
        _report(rapport.pk, forsok, "docx")
        render_docx(dok, ut / f"{namn}.docx")
        _report(rapport.pk, forsok, "xlsx")
        render_xlsx(dok, ut / f"{namn}.xlsx")
        _report(rapport.pk, forsok, "publicera")
        summor = {fmt: _sha256(ut / f"{namn}.{fmt}") for fmt in FORMAT}
        lagrade = _store(ut, mapp, namn)
    try:
        with transaction.atomic():
            locked = Uppfoljningsrapport.objects.select_for_update().get(pk=rapport.pk)
            if locked.forsok != forsok or locked.status != Jobbstatus.RUNNING:
                raise Superseded
            for fmt in FORMAT:
                setattr(locked, f"{fmt}_fil", lagrade[fmt])
                setattr(locked, f"{fmt}_sha256", summor[fmt])
            locked.status = Jobbstatus.DONE
            locked.progress = 100
            locked.steg = gettext_noop("Klar")
            locked.underlag_tidpunkt = data.underlag_tidpunkt
            locked.innehall = data.innehall
            locked.fingeravtryck = fingeravtryck(data.innehall)
            locked.andringar = data.andringar
            locked.foregaende = foregaende
            locked.klar = timezone.now()
            locked.felmeddelande = ""
            locked.save()
    except BaseException:
        for name in lagrade.values():  # never published: remove what this run stored
            with contextlib.suppress(OSError):
                default_storage.delete(name)
        raise
    return locked
