"""Celery tasks of notifications. Thin: call the services, which are idempotent, so a task that
runs twice (a retry, a duplicated beat entry, two beat processes by mistake) records and sends
nothing twice. Scheduled by CELERY_BEAT_SCHEDULE in settings."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from aviseringar import services

SKICKA = "aviseringar.skicka"


@shared_task(name=SKICKA, acks_late=True)
def skicka() -> int:
    """Send unsent e-mail notices. Also on a schedule: what the mail server refused is sent later."""
    return services.aviseringar_send()


@shared_task(name="aviseringar.period_oppnad", acks_late=True)
def period_oppnad() -> int:
    nya = services.period_oppnad_record(idag=timezone.localdate())
    services.aviseringar_send()
    return nya


@shared_task(name="aviseringar.sista_dag_narmar", acks_late=True)
def sista_dag_narmar() -> int:
    nya = services.sista_dag_narmar_record(idag=timezone.localdate())
    services.aviseringar_send()
    return nya


@shared_task(name="aviseringar.forsenad", acks_late=True)
def forsenad() -> int:
    nya = services.forsenad_record(idag=timezone.localdate())
    services.aviseringar_send()
    return nya


@shared_task(name="aviseringar.veckosammanfattning", acks_late=True)
def veckosammanfattning() -> int:
    nya = services.veckosammanfattning_record(idag=timezone.localdate())
    services.aviseringar_send()
    return nya


def skicka_efter_commit() -> None:
    """Enqueue sending once the current transaction commits. With the broker down the notices
    stay recorded and unsent; the scheduled `skicka` sends them."""

    def enqueue():
        try:
            skicka.delay()
        except Exception:  # the broker is down: beat's next run of `skicka` sends them
            services.logger.warning("could not enqueue sending", extra={"event": "avisering_ko_fel"})

    transaction.on_commit(enqueue)
