"""Sending a synpunkt: after commit through Redis to a real Celery worker; with the mail server
down the synpunkt stays stored with the error, and is sent once the mail server is back."""

import socket

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from jamlik.celery import app
from jamlik.errors import Domanfel
from synpunkter.models import Synpunkt
from synpunkter.services import synpunkt_create, synpunkt_send
from tests.waiting import wait_for


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_stored_then_sent_after_commit_by_the_worker(settings):
    settings.SYNPUNKT_RECIPIENTS = ["tillganglighet@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        synpunkt = synpunkt_create(
            meddelande="Knappen syns inte", epost="besokare@example.org", sidadress="/matris/", avsandare="a" * 64
        )
        wait_for(lambda: Synpunkt.objects.get(pk=synpunkt.pk).skickad, 30, "the synpunkt to be sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tillganglighet@example.org"]
    assert message.reply_to == ["besokare@example.org"]
    assert message.subject == "Synpunkt på tillgängligheten i Jämlik stad"
    assert "Knappen syns inte" in message.body and "/matris/" in message.body
    # Idempotent: a redelivered task sends nothing more.
    assert synpunkt_send(synpunkt_id=synpunkt.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_mail_server_down_keeps_the_synpunkt_with_the_error(settings):
    settings.SYNPUNKT_RECIPIENTS = ["tillganglighet@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    synpunkt = synpunkt_create(meddelande="Fokus syns inte", avsandare="b" * 64)
    with pytest.raises(ConnectionRefusedError):
        synpunkt_send(synpunkt_id=synpunkt.pk)
    synpunkt.refresh_from_db()
    assert synpunkt.skickad is None
    assert synpunkt.sandfel.startswith("ConnectionRefusedError")
    # The mail server is back: sending again works and clears the error.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert synpunkt_send(synpunkt_id=synpunkt.pk) is True
    synpunkt.refresh_from_db()
    assert synpunkt.skickad is not None and synpunkt.sandfel == ""
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_without_a_recipient_the_synpunkt_is_only_stored(settings):
    settings.SYNPUNKT_RECIPIENTS = []
    synpunkt = synpunkt_create(meddelande="Inget mottagande", avsandare="c" * 64)
    assert synpunkt_send(synpunkt_id=synpunkt.pk) is False
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_queue_down_the_synpunkt_is_stored_and_the_visitor_thanked(client, settings):
    from tests.test_faults import redis_start, redis_stop

    settings.SYNPUNKT_RECIPIENTS = ["tillganglighet@example.org"]
    redis_stop()
    try:
        response = client.post("/tillganglighet/synpunkt/", {"meddelande": "Skickat medan kön var nere"})
    finally:
        redis_start()
    assert response.status_code == 302 and response["Location"] == "/tillganglighet/synpunkt/tack/"
    synpunkt = Synpunkt.objects.get()
    assert (synpunkt.meddelande, synpunkt.skickad) == ("Skickat medan kön var nere", None)
    assert mail.outbox == []


@pytest.mark.django_db
def test_over_the_hourly_limit_is_the_domain_error(settings):
    """The portal's one domain error (jamlik.errors.Domanfel), so web and API treat it alike."""
    settings.SYNPUNKT_MAX_PER_HOUR = 1
    synpunkt_create(meddelande="Första", avsandare="a" * 64)
    with pytest.raises(Domanfel) as fel:
        synpunkt_create(meddelande="Andra", avsandare="a" * 64)
    assert (fel.value.code, Synpunkt.objects.count()) == ("throttled", 1)
