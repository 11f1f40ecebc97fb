"""Writes of synpunkter: receive one (stored, rate-limited, sending enqueued after commit) and send
one by e-mail. The rate limit is counted in the database, so it holds when Redis is down."""

import hashlib
import hmac
import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import signature
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel
from synpunkter.models import Synpunkt
from synpunkter.selectors import synpunkter_from_sender_count

logger = logging.getLogger(__name__)

SEND_ERRORS = (SMTPException, OSError)
SEND_TASK = "synpunkter.tasks.send_synpunkt"


def sender_hash(address: str) -> str:
    """A keyed hash of the sender's network address: enough to count, useless to identify."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def synpunkt_create(
    *, meddelande: str, epost: str = "", sidadress: str = "", sprak: str = "", avsandare: str
) -> Synpunkt:
    """Store a synpunkt and enqueue its e-mail once the transaction has committed. Refused (domain
    error) when the same sender already sent SYNPUNKT_MAX_PER_HOUR within the last hour."""
    limit = settings.SYNPUNKT_MAX_PER_HOUR
    if synpunkter_from_sender_count(avsandare=avsandare, within=timedelta(hours=1)) >= limit:
        raise Domanfel(
            _("Du har skickat många synpunkter på kort tid. Vänta en stund och försök igen."), code="throttled"
        )
    synpunkt = Synpunkt.objects.create(
        meddelande=meddelande, epost=epost, sidadress=sidadress, sprak=sprak, avsandare=avsandare
    )
    transaction.on_commit(lambda: synpunkt_enqueue(synpunkt_id=synpunkt.pk))
    return synpunkt


def synpunkt_enqueue(*, synpunkt_id: int) -> None:
    try:
        signature(SEND_TASK, kwargs={"synpunkt_id": synpunkt_id}).apply_async(
            retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2}
        )
    except Exception:
        # The queue (or, with eager tasks, the mail server) is down: the synpunkt is stored and
        # listed as not sent in the admin, where it can be sent again.
        logger.warning("synpunkt not sent", extra={"event": "synpunkt_not_sent", "synpunkt_id": synpunkt_id})


def synpunkt_send(*, synpunkt_id: int) -> bool:
    """E-mail one synpunkt to SYNPUNKT_RECIPIENTS. Returns False when there is nothing to do (already
    sent, or no recipient configured); records the error and re-raises it when sending fails."""
    recipients = settings.SYNPUNKT_RECIPIENTS
    try:
        with transaction.atomic():
            return _send_locked(synpunkt_id=synpunkt_id, recipients=recipients)
    except SEND_ERRORS as exc:
        # Recorded outside the rolled-back transaction; the task retries.
        Synpunkt.objects.filter(pk=synpunkt_id).update(sandfel=f"{type(exc).__name__}: {exc}"[:300])
        raise


def _send_locked(*, synpunkt_id: int, recipients: list[str]) -> bool:
    synpunkt = Synpunkt.objects.select_for_update().get(pk=synpunkt_id)
    if synpunkt.skickad is not None or not recipients:
        return False
    message = EmailMessage(
        subject=_("Synpunkt på tillgängligheten i %(portal)s") % {"portal": settings.PORTAL_NAMN},
        body=_("Meddelande:\n%(meddelande)s\n\nSida: %(sida)s\nSvar till: %(epost)s\nInkommen: %(skapad)s\n")
        % {
            "meddelande": synpunkt.meddelande,
            "sida": synpunkt.sidadress or "–",
            "epost": synpunkt.epost or "–",
            "skapad": timezone.localtime(synpunkt.skapad).strftime("%Y-%m-%d %H:%M"),
        },
        to=recipients,
        reply_to=[synpunkt.epost] if synpunkt.epost else None,
    )
    message.send()
    synpunkt.skickad = timezone.now()
    synpunkt.sandfel = ""
    synpunkt.save(update_fields=["skickad", "sandfel"])
    return True
