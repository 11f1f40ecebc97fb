"""Starting a compilation of the follow-up report and handing it to the queue.

The job row is the state; a thin Celery task (uppfoljning/tasks.py) runs the compilation
(uppfoljning/sammanstallning/jobb.py). The task is called by its registered name, so this module
does not import the tasks module (which imports the services): no cycle."""

import logging
from dataclasses import dataclass

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
from plan.models import Plan
from uppfoljning.choices import Jobbstatus, Omfattning
from uppfoljning.models import PlaneradUppfoljning, Uppfoljningsrapport
from uppfoljning.selectors.sammanstallning import Urval, fingeravtryck, pagaende, senaste_klara, urval_innehall

logger = logging.getLogger("jamlik.uppfoljning")
# What a publish raises when the broker cannot be reached.
QUEUE_ERRORS = (KombuOperationalError, RedisError, ConnectionError, OSError)
COMPILE_TASK = "uppfoljning.tasks.compile_uppfoljningsrapport"
# Stored as the job's step in Swedish (the source text); translated where it is shown, like the steps.
KO_OTILLGANGLIG = gettext_noop("I kö: kön är inte tillgänglig just nu. Rapporten sammanställs när den är tillbaka.")


class Utfall:
    """What a start did: made a new version, joined a running job, or found nothing changed."""

    NY = "ny"
    PAGAENDE = "pagaende"
    OFORANDRAD = "oforandrad"


@dataclass
class Start:
    rapport: Uppfoljningsrapport
    utfall: str

    @property
    def ny(self) -> bool:
        return self.utfall == Utfall.NY


def _urval(*, plan: Plan, ar: int, omfattning: str, malomrade, organisation) -> Urval:
    if omfattning == Omfattning.MALOMRADE:
        if malomrade is None or malomrade.plan_id != plan.pk:
            raise Domanfel({"malomrade": _("Välj ett av planens målområden.")}, code="malomrade")
        return Urval(plan, ar, omfattning, malomrade=malomrade)
    if omfattning == Omfattning.ORGANISATION:
        if organisation is None or organisation.kommun_id != plan.program.kommun_id:
            raise Domanfel({"organisation": _("Välj en organisation i planens kommun.")}, code="organisation")
        return Urval(plan, ar, omfattning, organisation=organisation)
    if omfattning != Omfattning.PLAN:
        raise Domanfel({"omfattning": _("Välj vad rapporten ska omfatta.")}, code="omfattning")
    return Urval(plan, ar)


@transaction.atomic
def uppfoljningsrapport_start(
    *,
    user,
    plan: Plan,
    ar: int,
    omfattning: str = Omfattning.PLAN,
    malomrade=None,
    organisation=None,
    tvinga: bool = False,
    enqueue: bool = True,
) -> Start:
    """Start a new version of the plan's follow-up for the year and scope, and enqueue its
    compilation once the row is committed (enqueue=False: the caller runs it, e.g. the command).

    Starts of the same plan and year are serialised (a row lock on the planned follow-up), so:
    - a job of the same scope already pending or running is joined, not duplicated (PAGAENDE);
    - when the published content of the scope is what the newest complete version was compiled
      from (same fingerprint), no version is made and that version is returned (OFORANDRAD),
      unless `tvinga` asks for a new one anyway.
    Two plans with a follow-up the same year are separate."""
    check_perm(user, "uppfoljning.add_uppfoljningsrapport")
    uppfoljning = PlaneradUppfoljning.objects.select_for_update().filter(plan=plan, ar=ar).first()
    if uppfoljning is None:
        raise Domanfel(
            {"ar": _("%(plan)s har ingen planerad uppföljning år %(ar)s.") % {"plan": plan.namn, "ar": ar}}, code="ar"
        )
    urval = _urval(plan=plan, ar=ar, omfattning=omfattning, malomrade=malomrade, organisation=organisation)
    urval.check()
    if (rapport := pagaende(urval)) is not None:
        return Start(rapport, Utfall.PAGAENDE)
    senaste = None if tvinga else senaste_klara(urval)
    if senaste is not None and senaste.fingeravtryck == fingeravtryck(urval_innehall(urval)):
        return Start(senaste, Utfall.OFORANDRAD)
    hogsta = Uppfoljningsrapport.objects.filter(plan=plan, ar=ar).aggregate(m=Max("version"))["m"] or 0
    rapport = Uppfoljningsrapport.objects.create(
        plan=plan,
        ar=ar,
        version=hogsta + 1,
        omfattning=urval.omfattning,
        malomrade=urval.malomrade,
        organisation=urval.organisation,
        startad_av=as_user(user),
    )
    if enqueue:
        transaction.on_commit(lambda: uppfoljningsrapport_enqueue(rapport_id=rapport.pk))
    return Start(rapport, Utfall.NY)


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
