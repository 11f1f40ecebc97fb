"""Events of reporting that other parts of the portal react to (notifications). Sent only once the
change is committed (`transaction.on_commit`), with the report's id; receivers read the row."""

from django.db import transaction
from django.dispatch import Signal

# A report was submitted: it waits for review by the samordnare of its activity.
statusrapport_inskickad = Signal()
# A report was returned for completion (its comment is in `returkommentar`).
statusrapport_returnerad = Signal()
# A report was approved (and so published).
statusrapport_godkand = Signal()

_SIGNALER = {
    "inskickad": statusrapport_inskickad,
    "returnerad": statusrapport_returnerad,
    "godkänd": statusrapport_godkand,
    # A planägare's reopening leaves the report returned, with the reason as its comment.
    "återöppnad": statusrapport_returnerad,
}


def send_on_commit(*, rapport_id: int, handelse: str) -> None:
    """Send the event's signal after the transaction commits (never for a rolled-back change)."""
    signal = _SIGNALER.get(handelse)
    if signal is not None:
        transaction.on_commit(lambda: signal.send(sender=None, rapport_id=rapport_id), robust=True)
