"""Celery tasks of the indicators. Thin: call the service as the system, retry when Kolada fails."""

from celery import shared_task

from indikatorer.kolada import KoladaFel
from indikatorer.services.kolada import kolada_hamta
from jamlik.actors import SYSTEM

HAMTA_KOLADA = "indikatorer.hamta_kolada"


@shared_task(
    name=HAMTA_KOLADA,
    acks_late=True,
    autoretry_for=(KoladaFel,),
    retry_backoff=300,
    retry_backoff_max=3600,
    max_retries=3,
)
def hamta_kolada() -> int:
    """For Celery beat: fetch every Kolada indicator. Idempotent (unchanged values are not
    written), so a redelivered or retried run is harmless. Returns the fetch record's id."""
    return kolada_hamta(user=SYSTEM).pk
