"""Writes of process evaluations and the start of a report compilation. One function per change,
each in one transaction; web forms, the API, commands and the demo loader all call these."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from plan.choices import Roll
from uppfoljning.choices import UTVARDERING_OVERGANGAR, Jobbstatus, Utvarderingstillstand
from uppfoljning.models import (
    PlaneradUppfoljning,
    Processutvardering,
    ProcessutvarderingDel,
    Statusrapport,
    Uppfoljningsrapport,
)

UTVARDERING_FALT = (
    "genomforande",
    "strukturer",
    "delaktighet_aktorer",
    "hinder",
    "framgangsfaktorer",
    "delaktighet_malgrupper",
    "lardomar",
    "rekommendationer",
    "samlad_bedomning",
)
DEL_FALT = ("genomforande", "hinder", "framgangsfaktorer", "lardomar", "samlad_bedomning")


logger = logging.getLogger("jamlik.uppfoljning")
# What a publish raises when the broker cannot be reached.
QUEUE_ERRORS = (KombuOperationalError, RedisError, ConnectionError, OSError)


def _require(user, perm: str, obj=None) -> None:
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied


@transaction.atomic
def processutvarderingar_create(*, uppfoljning: PlaneradUppfoljning, user=None) -> list[Processutvardering]:
    """Create the evaluations the follow-up prescribes (idempotent): one per planned evaluation,
    with a part per pilot verksamhet where the plan evaluates the activity in its pilots."""
    _require(user, "uppfoljning.change_processutvardering")
    skapade = []
    for planerad in uppfoljning.processutvarderingar.select_related("aktivitet").order_by("ordning"):
        utvardering, created = Processutvardering.objects.get_or_create(
            planerad=planerad, defaults={"aktivitet": planerad.aktivitet, "uppdaterad_av": user}
        )
        if created:
            skapade.append(utvardering)
        if planerad.omfattar_pilotverksamheter:
            piloter = planerad.aktivitet.roller.filter(roll=Roll.PILOTVERKSAMHET).order_by("ordning")
            for roll in piloter:
                ProcessutvarderingDel.objects.get_or_create(
                    utvardering=utvardering, organisation_id=roll.organisation_id, defaults={"ordning": roll.ordning}
                )
    return skapade


def _locked(utvardering: Processutvardering, version: int) -> Processutvardering:
    locked = Processutvardering.objects.select_for_update().get(pk=utvardering.pk)
    if locked.version != version:
        raise ValidationError(
            {"version": "Utvärderingen har ändrats av någon annan sedan du öppnade den. Ladda om sidan."}
        )
    return locked


@transaction.atomic
def processutvardering_update(
    *,
    utvardering: Processutvardering,
    user,
    version: int,
    data: dict[str, Any],
    underlag: list[Statusrapport] | None = None,
    delar: dict[int, dict[str, Any]] | None = None,
) -> Processutvardering:
    """Change the content of an evaluation that is not final. `delar` maps a part's id to its fields."""
    _require(user, "uppfoljning.change_processutvardering", utvardering)
    locked = _locked(utvardering, version)
    if locked.tillstand == Utvarderingstillstand.SLUTLIG:
        raise ValidationError({"tillstand": "En slutlig utvärdering kan inte ändras. Öppna den för granskning först."})
    for falt in UTVARDERING_FALT:
        if falt in data:
            setattr(locked, falt, data[falt])
    locked.version += 1
    locked.uppdaterad_av = user
    locked.full_clean()
    if underlag is not None:
        fel = [r for r in underlag if r.period.plan_id != locked.aktivitet.plan_id]
        if fel:
            raise ValidationError({"underlag": "Underlaget måste vara statusrapporter från planens perioder."})
    locked.save(update_fields=[*UTVARDERING_FALT, "version", "uppdaterad_av", "uppdaterad"])
    if underlag is not None:
        locked.underlag.set(underlag)
    for del_id, del_data in (delar or {}).items():
        del_ = locked.delar.get(pk=del_id)
        for falt in DEL_FALT:
            if falt in del_data:
                setattr(del_, falt, del_data[falt])
        del_.full_clean()
        del_.save()
    return locked


@transaction.atomic
def processutvardering_transition(
    *, utvardering: Processutvardering, user, till: str, version: int
) -> Processutvardering:
    """Move an evaluation through utkast → under granskning → slutlig (and back for changes)."""
    _require(user, "uppfoljning.change_processutvardering", utvardering)
    locked = _locked(utvardering, version)
    if till not in UTVARDERING_OVERGANGAR[Utvarderingstillstand(locked.tillstand)]:
        raise ValidationError(
            {
                "tillstand": f"Det går inte att gå från ”{locked.get_tillstand_display()}” till "
                f"”{Utvarderingstillstand(till).label}”."
            }
        )
    locked.tillstand = till
    locked.version += 1
    locked.uppdaterad_av = user
    locked.full_clean()
    locked.save(update_fields=["tillstand", "version", "uppdaterad_av", "uppdaterad"])
    return locked


@transaction.atomic
def uppfoljningsrapport_start(*, ar: int, user=None, enqueue: bool = True) -> Uppfoljningsrapport:
    """Create the job row of a new version for the follow-up year and enqueue its compilation
    once the row is committed (enqueue=False: the caller runs it, e.g. the command). Recompiling
    always makes a new version."""
    _require(user, "uppfoljning.add_uppfoljningsrapport")

    uppfoljning = PlaneradUppfoljning.objects.select_for_update().filter(ar=ar).first()
    if uppfoljning is None:
        raise ValidationError({"ar": f"Det finns ingen planerad uppföljning för år {ar}."})
    senaste = Uppfoljningsrapport.objects.filter(ar=ar).aggregate(m=Max("version"))["m"] or 0
    rapport = Uppfoljningsrapport.objects.create(ar=ar, version=senaste + 1, startad_av=user)
    if enqueue:
        transaction.on_commit(lambda: uppfoljningsrapport_enqueue(rapport_id=rapport.pk))
    return rapport


KO_OTILLGANGLIG = "I kö: kön är inte tillgänglig just nu. Rapporten sammanställs när den är tillbaka."


def uppfoljningsrapport_enqueue(*, rapport_id: int) -> bool:
    """Hand a pending job to the queue. When the broker (Redis) is unreachable the job stays
    pending with koad empty and a message saying so; it is handed over again by
    uppfoljningsrapporter_requeue (called when someone follows the job, and by the command)."""
    from uppfoljning.tasks import compile_uppfoljningsrapport

    claimed = Uppfoljningsrapport.objects.filter(pk=rapport_id, status=Jobbstatus.PENDING, koad__isnull=True).update(
        koad=timezone.now()
    )
    if not claimed:
        return False  # already handed over, or no longer pending
    try:
        compile_uppfoljningsrapport.apply_async(
            kwargs={"rapport_id": rapport_id}, retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2}
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
