"""Notices through the real stack: a real SMTP server on loopback (aiosmtpd), a real Celery worker
on the real Redis broker (make test starts it), the beat schedule's own entries. Exactly once
however often a task runs; kept while the mail server is down and delivered when it returns."""

import os
import socket
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
import redis
from aiosmtpd.controller import Controller
from celery.beat import Scheduler
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from aviseringar.choices import Typ
from aviseringar.models import Avisering
from jamlik.celery import app
from tests import clock
from tests.waiting import wait_for
from uppfoljning.services import rapportering as rapportering_services

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


class Brevlada:
    """An SMTP handler that keeps every message it accepts."""

    def __init__(self):
        self.meddelanden = []

    async def handle_DATA(self, server, session, envelope):
        self.meddelanden.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    port = _free_port()
    brevlada = Brevlada()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    controller = Controller(brevlada, hostname="127.0.0.1", port=port)
    yield controller, brevlada
    if controller._thread is not None:
        controller.stop()


@pytest.fixture
def worker(demo):
    assert os.environ.get("REDIS_URL"), "REDIS_URL is not set: run the suite with make test (it starts Redis)"
    broker = redis.Redis.from_url(os.environ["REDIS_URL"])
    broker.delete("celery", "unacked", "unacked_index")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield broker


def _idle(broker) -> bool:
    """Nothing waiting in the queue and nothing being worked on (acks_late: unacked until done)."""
    return broker.llen("celery") == 0 and broker.hlen("unacked") == 0


def _run_beat_entries(prefix="aviseringar-"):
    """Send what Celery beat would send for each of our schedule entries (beat's own Scheduler,
    from settings.CELERY_BEAT_SCHEDULE)."""
    scheduler = Scheduler(app=app, lazy=False)
    names = [name for name in settings.CELERY_BEAT_SCHEDULE if name.startswith(prefix)]
    assert names, "no notification entries in CELERY_BEAT_SCHEDULE"
    for name in names:
        scheduler.apply_async(scheduler.schedule[name], advance=False)
    return names


def _subject(message) -> str:
    return str(make_header(decode_header(message["Subject"]))).replace("\n", "").replace("\r", "")


def test_beat_entries_deliver_each_notice_exactly_once_even_when_run_twice(smtp, worker):
    controller, brevlada = smtp
    controller.start()
    clock.open_period_around_today(days=3)  # the last day is three days away: "närmar sig"
    names = _run_beat_entries()
    assert set(names) >= {
        "aviseringar-skicka",
        "aviseringar-period-oppnad",
        "aviseringar-sista-dag-narmar",
        "aviseringar-forsenad",
        "aviseringar-veckosammanfattning",
    }
    _run_beat_entries()  # a duplicated run (retry, a second beat by mistake)
    wait_for(lambda: _idle(worker), 60, "the worker to finish every task")

    rader = Avisering.objects.filter(epost=True)
    assert set(rader.values_list("typ", flat=True)) == {Typ.PERIOD_OPPNAD, Typ.SISTA_DAG_NARMAR}
    assert not rader.filter(skickad__isnull=True).exists()
    mottagna = [(tuple(to), _subject(m)) for to, m in brevlada.meddelanden]
    assert len(mottagna) == rader.count() == len(set(mottagna))
    assert (("tjansteperson@example.org",), "Jämlik stad: Rapporteringsperioden 2021 har öppnat") in mottagna
    tea = [m for to, m in brevlada.meddelanden if to == ["tjansteperson@example.org"]]
    assert len(tea) == 2
    narmar = next(m for m in tea if "Sista dag" in _subject(m))
    body = narmar.get_payload(decode=True).decode()
    assert "2 statusrapporter för perioden 2021 är inte inskickade än." in body
    assert "Öppna i portalen: http://127.0.0.1:8000/rapportering/" in body


def test_mail_server_down_delays_the_notice_and_loses_nothing(smtp, worker, inskickad):
    controller, brevlada = smtp  # not started: connections are refused
    rapportering_services.statusrapport_return(
        user=_user("samordnare"),
        rapport_id=inskickad.pk,
        version=inskickad.version,
        kommentar="Komplettera med hinder.",
    )
    # The workflow's signal recorded the notice after commit and queued sending; the worker tried.
    avisering = wait_for(
        lambda: Avisering.objects.filter(typ=Typ.RETURNERAD, forsok__gte=1).first(), 60, "a failed attempt"
    )
    assert avisering.skickad is None
    assert "Connection" in avisering.senaste_fel or "refused" in avisering.senaste_fel.lower()
    assert brevlada.meddelanden == []

    controller.start()  # the mail server is back; beat's catch-up entry sends what is waiting
    _run_beat_entries("aviseringar-skicka")
    _run_beat_entries("aviseringar-skicka")
    wait_for(lambda: brevlada.meddelanden, 60, "the delayed notice")
    wait_for(lambda: _idle(worker), 60, "the worker to finish every task")
    assert len(brevlada.meddelanden) == 1
    to, message = brevlada.meddelanden[0]
    assert to == ["tjansteperson@example.org"]
    assert "Komplettera med hinder." in message.get_payload(decode=True).decode()
    assert Avisering.objects.get(pk=avisering.pk).skickad is not None


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
