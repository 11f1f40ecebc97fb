"""Celery task of synpunkter. Thin: the ID in, the service does the work, retries on mail errors."""

from celery import shared_task

from synpunkter.services import SEND_ERRORS, synpunkt_send


@shared_task(acks_late=True, autoretry_for=SEND_ERRORS, retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_synpunkt(*, synpunkt_id: int) -> bool:
    """Idempotent: a synpunkt already sent is not sent again."""
    return synpunkt_send(synpunkt_id=synpunkt_id)
