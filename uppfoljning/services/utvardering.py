"""Writes of process evaluations. One function per change, each in one transaction: it re-reads
the row with `select_for_update`, asks the permission (uppfoljning/rules/utvardering.py: who, and
when from the transition table) with the version the user edited (409 when stale), saves, and
leaves a history row with the acting user. Web forms, commands and the demo loader call these."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.actors import as_user
from jamlik.errors import Domanfel, validera
from jamlik.rules import check_perm
from plan.choices import Roll
from uppfoljning.choices import UTVARDERING_OVERGANGAR, Rapporttillstand, Utvarderingshandling, Utvarderingstillstand
from uppfoljning.models import PlaneradUppfoljning, Processutvardering, ProcessutvarderingDel, Statusrapport
from uppfoljning.models.utvardering import DEL_FALT, UTVARDERING_FALT
from uppfoljning.selectors.publicering import underlag_rad


@transaction.atomic
def processutvarderingar_create(*, user, uppfoljning: PlaneradUppfoljning) -> list[Processutvardering]:
    """Create the evaluations the follow-up prescribes (idempotent): one per planned evaluation,
    with a part per pilot verksamhet where the plan evaluates the activity in its pilots."""
    check_perm(user, "uppfoljning.add_processutvardering")
    skapade = []
    for planerad in uppfoljning.processutvarderingar.select_related("aktivitet").order_by("ordning"):
        utvardering, created = Processutvardering.objects.get_or_create(
            planerad=planerad, defaults={"aktivitet": planerad.aktivitet, "uppdaterad_av": as_user(user)}
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


def _lock(utvardering_id: int) -> Processutvardering:
    return Processutvardering.objects.select_for_update().select_related("aktivitet").get(pk=utvardering_id)


def _save(utvardering: Processutvardering, *, user, reason: str, fields: list[str]) -> None:
    utvardering.version += 1
    utvardering.uppdaterad_av = as_user(user)
    utvardering._history_user = as_user(user)
    utvardering._change_reason = reason
    utvardering.save(update_fields=[*fields, "version", "uppdaterad_av", "uppdaterad"])


@transaction.atomic
def processutvardering_update(
    *,
    user,
    utvardering_id: int,
    version: int,
    data: dict[str, Any],
    underlag: list[Statusrapport] | None = None,
    delar: dict[int, dict[str, Any]] | None = None,
) -> Processutvardering:
    """Change the content of an evaluation that is not final. `delar` maps a part's id to its fields.
    The evidence (underlag) can only be approved status reports of the activity's plan."""
    locked = _lock(utvardering_id)
    check_perm(user, "uppfoljning.change_processutvardering", locked, version=version)
    for falt in UTVARDERING_FALT:
        if falt in data:
            setattr(locked, falt, data[falt])
    validera(locked)
    if underlag is not None:
        fel = [
            r
            for r in underlag
            if r.period.plan_id != locked.aktivitet.plan_id or r.tillstand != Rapporttillstand.GODKAND
        ]
        if fel:
            raise Domanfel(
                {"underlag": _("Underlaget kan bara vara godkända statusrapporter från planens perioder.")},
                code="underlag",
            )
    _save(locked, user=user, reason="Ändrad", fields=list(UTVARDERING_FALT))
    if underlag is not None:
        locked.underlag.set(underlag)
    delar_by_id = {d.pk: d for d in locked.delar.all()}
    for del_id, del_data in (delar or {}).items():
        del_ = delar_by_id.get(del_id)
        if del_ is None:
            raise Domanfel(_("Delen hör inte till utvärderingen."), code="del")
        for falt in DEL_FALT:
            if falt in del_data:
                setattr(del_, falt, del_data[falt])
        validera(del_)
        del_._history_user = as_user(user)
        del_.save()
    return locked


@transaction.atomic
def processutvardering_transition(
    *, user, utvardering_id: int, handling: Utvarderingshandling, version: int
) -> Processutvardering:
    """Move an evaluation along the transition table (utkast → under granskning → slutlig, and back)."""
    locked = _lock(utvardering_id)
    check_perm(user, f"uppfoljning.{handling}_processutvardering", locked, version=version)
    locked.tillstand = UTVARDERING_OVERGANGAR[Utvarderingshandling(handling)][1]
    validera(locked)
    if locked.tillstand == Utvarderingstillstand.SLUTLIG:
        # What the public reads from now on: the evidence as it stands at this moment, so a report
        # reopened or changed later does not change a final evaluation.
        locked.faststalld = timezone.now()
        locked.faststalld_underlag = [
            underlag_rad(r)
            for r in locked.underlag.filter(tillstand=Rapporttillstand.GODKAND)
            .select_related("period", "organisation")
            .order_by("-period__oppnar", "organisation__namn")
        ]
    else:
        locked.faststalld, locked.faststalld_underlag = None, None
    _save(
        locked,
        user=user,
        reason=Utvarderingshandling(handling).label,
        fields=["tillstand", "faststalld", "faststalld_underlag"],
    )
    return locked
