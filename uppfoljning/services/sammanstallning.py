"""Starting a compilation of the follow-up report and handing it to the queue.

The job row is the state; a thin Celery task (uppfoljning/tasks.py) runs the compilation
(uppfoljning/sammanstallning/jobb.py). The task is called by its registered name, so this module
does not import the tasks module (which imports the services): no cycle."""

import logging

from celery import signature
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from jamlik.actors import as_user
from jamlik.errors import Domanfel
from jamlik.rules import check_perm
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import PlaneradUppfoljning, Uppfoljningsrapport

logger = logging.getLogger("jamlik.uppfoljning")
# What a publish raises when the broker cannot be reached.
QUEUE_ERRORS = (KombuOperationalError, RedisError, ConnectionError, OSError)
COMPILE_TASK = "uppfoljning.tasks.compile_uppfoljningsrapport"
# Stored as the job's step in Swedish (the source text); translated where it is shown, like the steps.
KO_OTILLGANGLIG = gettext_noop("I kö: kön är inte tillgänglig just nu. Rapporten sammanställs när den är tillbaka.")


@transaction.atomic
def uppfoljningsrapport_start(*, user, ar: int, enqueue: bool = True) -> Uppfoljningsrapport:
    """Create the job row of a new version for the follow-up year and enqueue its compilation
    once the row is committed (enqueue=False: the caller runs it, e.g. the command). Recompiling
    always makes a new version."""
    check_perm(user, "uppfoljning.add_uppfoljningsrapport")
    uppfoljning = PlaneradUppfoljning.objects.select_for_update().filter(ar=ar).first()
    if uppfoljning is None:
        raise Domanfel({"ar": _("Det finns ingen planerad uppföljning för år %(ar)s.") % {"ar": ar}}, code="ar")
    senaste = Uppfoljningsrapport.objects.filter(ar=ar).aggregate(m=Max("version"))["m"] or 0
    rapport = Uppfoljningsrapport.objects.create(ar=ar, version=senaste + 1, startad_av=as_user(user))
    if enqueue:
        transaction.on_commit(lambda: uppfoljningsrapport_enqueue(rapport_id=rapport.pk))
    return rapport


def uppfoljningsrapport_enqueue(*, rapport_id: int) -> bool:
    """Hand a pending job to the queue. When the broker (Redis) is unreachable the job stays
    pending with koad empty and a message saying so; it is handed over again by
    uppfoljningsrapporter_requeue (called when someone follows the job, and by the command)."""
    claimed = Uppfoljningsrapport.objects.filter(pk=rapport_id, status=Jobbstatus.PENDING, koad__isnull=True).update(
        koad=timezone.now()
    )
    if not claimed:
        return False  # already handed over, or no longer pending
    try:
        signature(COMPILE_TASK, kwargs={"rapport_id": rapport_id}).apply_async(
            retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2}
        )
    except QUEUE_ERRORS as exc:
        logger.warning("queue unavailable", extra={"event": "queue_unavailable", "error": type(exc).__name__})
        Uppfoljningsrapport.objects.filter(pk=rapport_id, status=Jobbstatus.PENDING).update(
            koad=None, steg=KO_OTILLGANGLIG
        )
        return False
    return True


def uppfoljningsrapporter_requeue() -> int:
    """Hand every pending job that never reached the queue to it again; returns how many went."""
    pending = Uppfoljningsrapport.objects.filter(status=Jobbstatus.PENDING, koad__isnull=True)
    return sum(uppfoljningsrapport_enqueue(rapport_id=pk) for pk in pending.values_list("pk", flat=True))
