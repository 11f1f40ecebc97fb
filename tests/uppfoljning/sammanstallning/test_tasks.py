"""Compilation through real Redis and real Celery workers (make test starts Redis)."""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time

import pikepdf
import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from jamlik.actors import SYSTEM
from jamlik.celery import app
from plan.selectors import plan_current
from samverkan.models import Samverkansaktivitet
from tests.factories import api_key
from tests.waiting import wait_for
from uppfoljning.choices import Jobbstatus, Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsrapport
from uppfoljning.services.sammanstallning import Utfall, uppfoljningsrapport_start

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def real_redis():
    """These tests need the real broker: run them through make test, which starts Redis."""
    assert os.environ.get("REDIS_URL"), "REDIS_URL is not set: run the suite with make test (it starts Redis)"


@pytest.fixture
def worker_thread(demo):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        yield


FARLIG = "=cmd|' /C calc'!A0"


def test_api_start_poll_and_download(worker_thread, planagare):
    # Formula-looking text in a published account: a string cell in the spreadsheet, never a formula.
    Statusrapport.objects.filter(organisation__namn="Kulturnämnden", tillstand=Rapporttillstand.GODKAND).update(
        genomfort=FARLIG
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(planagare)}")
    response = client.post("/api/v1/uppfoljningsrapporter/", {"ar": 2021}, format="json")
    assert response.status_code == 202
    assert (response.data["version"], response.data["status"]) == (1, "pending")
    poll_url = response.data["poll_url"]
    assert response["Location"] == poll_url

    seen = []

    def done():
        data = client.get(poll_url).data
        seen.append(data["progress"])
        return data if data["status"] in ("done", "failed") else None

    job = wait_for(done, 120, "compilation")
    assert job["status"] == "done"
    assert job["progress"] == 100
    assert seen == sorted(seen)

    listing = client.get("/api/v1/uppfoljningsrapporter/").data
    assert [r["version"] for r in listing["results"]] == [1]
    pdf = client.get(job["filer"]["pdf"]["url"])
    assert pdf.status_code == 200
    assert (
        pdf["Content-Disposition"]
        == 'attachment; filename="uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.pdf"'
    )
    pdf_bytes = b"".join(pdf.streaming_content)
    assert hashlib.sha256(pdf_bytes).hexdigest() == job["filer"]["pdf"]["sha256"]
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout
    text = " ".join(text.decode().split())
    for aktivitet in Samverkansaktivitet.objects.all():
        assert aktivitet.titel in text
    assert "Genomförs i hög grad enligt intentionen" in text

    # The officials' own words: an approved account and the samordnare's summary of the activity.
    assert "Utökade hembesök: sex hembesök i stället för två hos förstagångsföräldrar" in text
    assert "Utökade hembesök och språkcaféer är igång i flera stadsdelar; samverkansforum bemannas." in text
    # Tagged: structure tree, marked content, Swedish, the title shown.
    with pikepdf.open(io.BytesIO(pdf_bytes)) as doc:
        assert "/StructTreeRoot" in doc.Root
        assert bool(doc.Root.MarkInfo.Marked) is True
        assert str(doc.Root.Lang) == "sv"
        with doc.open_metadata() as meta:
            assert meta["dc:title"] == "Uppföljning 2021 av Göteborgs Stads plan för en jämlik stad 2019–2022"

    docx = client.get(job["filer"]["docx"]["url"])
    assert docx.status_code == 200
    word = Document(io.BytesIO(b"".join(docx.streaming_content)))
    rubriker = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Samverkansaktiviteter") in rubriker
    assert {("Heading 2", a.titel) for a in Samverkansaktivitet.objects.all()} <= set(rubriker)

    xlsx = client.get(job["filer"]["xlsx"]["url"])
    wb = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True)
    assert wb.sheetnames[:3] == ["Processutvärderingar", "Pilotverksamheter", "Diagram målområde"]
    assert len(list(wb["Processutvärderingar"].values)) == 1 + 3
    wb = load_workbook(io.BytesIO(b"".join(client.get(job["filer"]["xlsx"]["url"]).streaming_content)))
    (cell,) = [c for row in wb["Redovisningar"].iter_rows() for c in row if c.value == FARLIG]
    assert cell.data_type == "s"
    assert [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"] == []


def test_identical_second_compilation_makes_no_new_version(worker_thread, planagare):
    plan = plan_current()
    first = uppfoljningsrapport_start(user=planagare, plan=plan, ar=2021)
    # Started again at once: the same scope is already queued or running, so it is joined.
    joined = uppfoljningsrapport_start(user=planagare, plan=plan, ar=2021)
    assert (first.utfall, joined.utfall) == (Utfall.NY, Utfall.PAGAENDE)
    assert joined.rapport.pk == first.rapport.pk
    wait_for(lambda: Uppfoljningsrapport.objects.get(pk=first.rapport.pk).status == Jobbstatus.DONE, 120, "done")
    # Nothing published changed since: no new version, the existing one is the answer.
    again = uppfoljningsrapport_start(user=planagare, plan=plan, ar=2021)
    assert (again.utfall, again.rapport.pk) == (Utfall.OFORANDRAD, first.rapport.pk)
    # Asked for explicitly, a new version is made and lists no change.
    forced = uppfoljningsrapport_start(user=planagare, plan=plan, ar=2021, tvinga=True)
    assert (forced.utfall, forced.rapport.version) == (Utfall.NY, 2)
    wait_for(lambda: Uppfoljningsrapport.objects.get(pk=forced.rapport.pk).status == Jobbstatus.DONE, 120, "done")
    forced.rapport.refresh_from_db()
    assert forced.rapport.fingeravtryck == Uppfoljningsrapport.objects.get(pk=first.rapport.pk).fingeravtryck
    assert forced.rapport.andringar["foregaende"] == 1
    assert not any(forced.rapport.andringar.get(f"{k}_antal") for k in ("rapporter_nya", "rapporter_andrade"))
    assert Uppfoljningsrapport.objects.count() == 2
    assert sorted(
        p.name
        for p in (settings.MEDIA_ROOT / "uppfoljningsrapporter" / "plan-jamlik-stad-2019-2022" / "2021").iterdir()
    ) == ["v1", "v2"]


def _worker(env: dict, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "jamlik",
            "worker",
            "-P",
            "solo",
            "-c",
            "1",
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"{name}@%h",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


VISIBILITY_TIMEOUT = 2  # seconds: how long a delivered, unacknowledged message stays invisible


def unacked_delivered_at() -> float | None:
    """When the oldest delivered but unacknowledged message was handed to a worker (kombu's Redis
    transport keeps it in the `unacked_index` sorted set, scored by the delivery time)."""
    with redis.Redis.from_url(settings.CELERY_BROKER_URL) as client:
        oldest = client.zrange("unacked_index", 0, 0, withscores=True)
    return oldest[0][1] if oldest else None


def test_worker_killed_mid_job_is_redelivered_and_completes_once(demo, media_root):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jamlik.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(media_root),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    }
    first = _worker({**env, "JAMLIK_COMPILE_STEP_DELAY": "1.5"}, "forsta")
    second = None
    try:
        rapport = uppfoljningsrapport_start(user=SYSTEM, plan=plan_current(), ar=2021).rapport
        wait_for(lambda: Uppfoljningsrapport.objects.filter(pk=rapport.pk, progress__gte=30).exists(), 60, "mid-job")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        rapport.refresh_from_db()
        assert rapport.status == Jobbstatus.RUNNING
        assert not (media_root / "uppfoljningsrapporter" / "plan-jamlik-stad-2019-2022" / "2021").exists()
        # The killed worker's message is in Redis, delivered and never acknowledged. A new worker
        # restores such messages when it starts (and then only every ~100 s), once their visibility
        # timeout has passed since delivery: start it when that moment, read from Redis, is past.
        # (The comparison is kombu's own, on the real clock: these tests are not frozen.)
        delivered = wait_for(unacked_delivered_at, 10, "the killed worker's unacknowledged message")
        wait_for(lambda: time.time() > delivered + VISIBILITY_TIMEOUT, 10, "the message's visibility timeout")
        second = _worker(env, "andra")
        wait_for(lambda: Uppfoljningsrapport.objects.get(pk=rapport.pk).status == Jobbstatus.DONE, 120, "redelivery")
    finally:
        for proc in (first, second):
            if proc and proc.poll() is None:
                proc.terminate()
                proc.wait(30)
    rapport.refresh_from_db()
    assert Uppfoljningsrapport.objects.count() == 1
    folder = media_root / "uppfoljningsrapporter" / "plan-jamlik-stad-2019-2022" / "2021"
    assert [p.name for p in folder.iterdir()] == ["v1"]
    assert [p.name for p in (folder / "v1").iterdir()] == [rapport.forsok]  # the killed run stored nothing
    assert sorted(p.name for p in (folder / "v1" / rapport.forsok).iterdir()) == [
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.docx",
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.html",
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.pdf",
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.xlsx",
    ]
    assert hashlib.sha256((media_root / rapport.pdf_fil).read_bytes()).hexdigest() == rapport.pdf_sha256
