"""Writes of reporting: periods, status reports and their workflow, attachments, overall status.

One function per change. Each runs in one transaction, re-reads the row with `select_for_update`,
asks the permission (uppfoljning/rules/rapportering.py: who, and when — the transition table and
the deadline) and checks the version the user edited (optimistic concurrency, 409), saves with
`update_fields`, leaves a history row with the acting user and a reason, and enqueues side effects
with `on_commit`.
The web forms and the API call these same functions.
"""

import logging
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamlik.actors import as_user
from jamlik.errors import Domanfel, Versionskonflikt, validera
from jamlik.rules import check_perm
from jamlik.uploads import filtyp
from plan.models import Aktivitet, Organisation, Plan, Strategi
from plan.rules import organisation_ids
from uppfoljning import signals
from uppfoljning.choices import RAPPORT_OVERGANGAR, Rapporthandling, Status
from uppfoljning.models import Aktivitetsstatus, Bilaga, Statusrapport, Uppfoljningsperiod

logger = logging.getLogger(__name__)
# One JSON line per committed change (who by numeric id, what, which version); the full record of
# what changed is the report's history (django-simple-history).
audit_logger = logging.getLogger("jamlik.audit")

TEXTFALT = ("genomfort", "hinder", "nasta_steg")


# ---------------------------------------------------------------------------------------------------
# Attachments: checked by content, never by name or the browser's content type.

# What a file is and the bounds of ZIP-based formats: jamlik.uploads (one check for every upload).
TILLATNA_FILTYPER = gettext_lazy("PDF, PNG, JPEG, Word (.docx) och Excel (.xlsx)")


def bilaga_check(*, fil: UploadedFile) -> tuple[str, str]:
    """The content type and extension the file's content proves, or a Swedish error."""
    max_bytes = settings.ATTACHMENT_MAX_BYTES
    if fil.size is None or fil.size > max_bytes:
        raise Domanfel(
            _("Filen är för stor. Största tillåtna storlek är %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="bilaga_storlek",
        )
    if fil.size == 0:
        raise Domanfel(_("Filen är tom."), code="bilaga_tom")
    verdict = filtyp(fil)
    if verdict is not None:
        return verdict
    raise Domanfel(
        _("Filtypen är inte tillåten. Tillåtna filtyper: %(typer)s.") % {"typer": TILLATNA_FILTYPER},
        code="bilaga_typ",
    )


# ---------------------------------------------------------------------------------------------------
# Periods


@transaction.atomic
def uppfoljningsperiod_create(
    *, user, plan: Plan, namn: str, slug: str, oppnar: date, sista_dag: date
) -> Uppfoljningsperiod:
    check_perm(user, "uppfoljning.manage_uppfoljningsperiod")
    period = Uppfoljningsperiod(plan=plan, namn=namn, slug=slug, oppnar=oppnar, sista_dag=sista_dag)
    validera(period)
    period.save()
    audit_logger.info("period created", extra={"event": "period_created", "period": period.slug, "user_id": user.pk})
    return period


@transaction.atomic
def uppfoljningsperiod_update(
    *, user, period_id: int, namn: str, slug: str, oppnar: date, sista_dag: date
) -> Uppfoljningsperiod:
    check_perm(user, "uppfoljning.manage_uppfoljningsperiod")
    period = Uppfoljningsperiod.objects.select_for_update().get(pk=period_id)
    period.namn, period.slug, period.oppnar, period.sista_dag = namn, slug, oppnar, sista_dag
    validera(period)
    period.save(update_fields=["namn", "slug", "oppnar", "sista_dag"])
    audit_logger.info("period changed", extra={"event": "period_changed", "period": period.slug, "user_id": user.pk})
    return period


# ---------------------------------------------------------------------------------------------------
# Status reports


def _lock(rapport_id: int) -> Statusrapport:
    return (
        Statusrapport.objects.select_for_update(of=("self",)).select_related("period", "aktivitet").get(pk=rapport_id)
    )


def _check_version(rad, version: int | None) -> None:
    if rad.version != version:
        raise Versionskonflikt(aktuell_version=rad.version)


def _save(rapport: Statusrapport, *, user, reason: str, fields: list[str]) -> Statusrapport:
    rapport.version += 1
    rapport._history_user = as_user(user)
    rapport._change_reason = reason
    rapport.save(update_fields=[*fields, "version", "uppdaterad"])
    entry = {
        "event": "statusrapport_change",
        "action": reason.split(":", 1)[0],  # never the free-text comment: it may name people
        "statusrapport_id": rapport.pk,
        "version": rapport.version,
        "tillstand": rapport.tillstand,
        "fields": ",".join(fields),
        "user_id": getattr(user, "pk", None),
    }
    transaction.on_commit(lambda: audit_logger.info("statusrapport change", extra=entry))
    return rapport


def _set_strategier(rapport: Statusrapport, strategier: Iterable[Strategi]) -> bool:
    """Set the strategies without a history row of their own (the save that follows records them)."""
    ny = {s.pk for s in strategier}
    if ny == set(rapport.strategier.values_list("pk", flat=True)):
        return False
    rapport.skip_history_when_saving = True
    try:
        rapport.strategier.set(ny)
    finally:
        del rapport.skip_history_when_saving
    return True


def _till(handling: Rapporthandling) -> str:
    """The state an allowed action leads to, from the transition table."""
    return RAPPORT_OVERGANGAR[handling][1]


def _check_strategier(aktivitet: Aktivitet, strategier: Iterable[Strategi]) -> list[Strategi]:
    strategier = list(strategier)
    if any(s.plan_id != aktivitet.plan_id for s in strategier):
        raise Domanfel({"strategier": _("Strategin hör inte till planen.")}, code="strategi")
    return strategier


def _check_status(status: str) -> None:
    if status not in Status.values:
        raise Domanfel({"status": _("Välj en status ur listan.")}, code="status")


def _notify(rapport_id: int, handelse: str) -> None:
    # The hook for mail/notifications; runs only once the change is committed.
    transaction.on_commit(lambda: logger.info("Statusrapport %s: %s", rapport_id, handelse))
    signals.send_on_commit(rapport_id=rapport_id, handelse=handelse)


@transaction.atomic
def statusrapport_create(
    *,
    user,
    period: Uppfoljningsperiod,
    aktivitet: Aktivitet,
    organisation: Organisation,
    status: str,
    genomfort: str = "",
    hinder: str = "",
    nasta_steg: str = "",
    strategier: Iterable[Strategi] = (),
) -> Statusrapport:
    check_perm(user, "uppfoljning.add_statusrapport", aktivitet)
    if organisation.pk not in organisation_ids(user) or not aktivitet.roller.filter(organisation=organisation).exists():
        raise PermissionDenied(_("Du kan bara rapportera för din egen organisation i aktiviteter där den har en roll."))
    _check_status(status)
    if not organisation.finns_under(period.oppnar, period.sista_dag):
        raise Domanfel(
            {
                "organisation": _("%(organisation)s fanns inte under perioden %(period)s.")
                % {"organisation": organisation.namn, "period": period.namn}
            },
            code="organisation_fanns_inte",
        )
    if timezone.localdate() > period.sista_dag:
        raise Domanfel(
            {"period": _("Perioden %(period)s har stängt för rapportering.") % {"period": period.namn}},
            code="period_stangd",
        )
    rapport = Statusrapport(
        period=period,
        aktivitet=aktivitet,
        organisation=organisation,
        status=status,
        genomfort=genomfort,
        hinder=hinder,
        nasta_steg=nasta_steg,
        skapad_av=as_user(user),
    )
    validera(rapport)
    strategier = _check_strategier(aktivitet, strategier)
    rapport.skip_history_when_saving = True
    try:
        with transaction.atomic():
            rapport.save()
    except IntegrityError as exc:
        raise Domanfel(
            _("Organisationen har redan en rapport för aktiviteten i perioden."), code="finns_redan"
        ) from exc
    rapport.strategier.set(strategier)
    del rapport.skip_history_when_saving
    # One "created" history row that includes the strategies.
    rapport._history_user = as_user(user)
    rapport._change_reason = "Skapad"
    post_save.send(sender=Statusrapport, instance=rapport, created=True, using="default", update_fields=None)
    _notify(rapport.pk, "skapad")
    return rapport


@transaction.atomic
def statusrapport_update(
    *,
    user,
    rapport_id: int,
    version: int,
    status: str,
    genomfort: str,
    hinder: str,
    nasta_steg: str,
    strategier: Iterable[Strategi],
) -> Statusrapport:
    rapport = _lock(rapport_id)
    check_perm(user, "uppfoljning.change_statusrapport", rapport, version=version)
    _check_status(status)
    rapport.status, rapport.genomfort, rapport.hinder, rapport.nasta_steg = status, genomfort, hinder, nasta_steg
    validera(rapport, exclude=["period", "aktivitet", "organisation"])
    _set_strategier(rapport, _check_strategier(rapport.aktivitet, strategier))
    _save(rapport, user=user, reason="Ändrad", fields=["status", *TEXTFALT])
    return rapport


@transaction.atomic
def statusrapport_submit(*, user, rapport_id: int, version: int) -> Statusrapport:
    rapport = _lock(rapport_id)
    check_perm(user, "uppfoljning.submit_statusrapport", rapport, version=version)
    rapport.tillstand = _till(Rapporthandling.SUBMIT)
    rapport.inskickad = timezone.now()
    rapport.inskickad_av = as_user(user)
    rapport.ateroppnad = False
    _save(rapport, user=user, reason="Inskickad", fields=["tillstand", "inskickad", "inskickad_av", "ateroppnad"])
    _notify(rapport.pk, "inskickad")
    return rapport


@transaction.atomic
def statusrapport_return(*, user, rapport_id: int, version: int, kommentar: str) -> Statusrapport:
    rapport = _lock(rapport_id)
    check_perm(user, "uppfoljning.return_statusrapport", rapport, version=version)
    if not kommentar.strip():
        raise Domanfel({"kommentar": _("Skriv vad som behöver kompletteras.")}, code="kommentar")
    rapport.tillstand = _till(Rapporthandling.RETURN)
    rapport.returkommentar = kommentar
    validera(rapport, exclude=["period", "aktivitet", "organisation"])
    _save(rapport, user=user, reason=f"Returnerad: {kommentar}"[:100], fields=["tillstand", "returkommentar"])
    _notify(rapport.pk, "returnerad")
    return rapport


@transaction.atomic
def statusrapport_approve(*, user, rapport_id: int, version: int, kommentar: str = "") -> Statusrapport:
    """Approve (and publish). Four eyes: never by the report's own organisation or its submitter
    (the rule). The optional comment is kept on the report and in its history, shown to the
    organisation, the samordnare and the planägare, not to the public."""
    rapport = _lock(rapport_id)
    check_perm(user, "uppfoljning.approve_statusrapport", rapport, version=version)
    rapport.tillstand = _till(Rapporthandling.APPROVE)
    rapport.godkand = timezone.now()
    rapport.godkand_av = as_user(user)
    rapport.godkannandekommentar = kommentar.strip()
    validera(rapport, exclude=["period", "aktivitet", "organisation"])
    _save(
        rapport,
        user=user,
        reason="Godkänd",
        fields=["tillstand", "godkand", "godkand_av", "godkannandekommentar"],
    )
    _notify(rapport.pk, "godkänd")
    return rapport


@transaction.atomic
def statusrapport_reopen(*, user, rapport_id: int, version: int, motivering: str) -> Statusrapport:
    """Planägare opens a submitted or approved report again (also after the deadline). Logged."""
    rapport = _lock(rapport_id)
    check_perm(user, "uppfoljning.reopen_statusrapport", rapport, version=version)
    if not motivering.strip():
        raise Domanfel({"motivering": _("Skriv varför rapporten öppnas igen.")}, code="motivering")
    rapport.tillstand = _till(Rapporthandling.REOPEN)
    rapport.returkommentar = motivering
    rapport.ateroppnad = True
    rapport.godkand = None
    rapport.godkand_av = None
    validera(rapport, exclude=["period", "aktivitet", "organisation"])
    _save(
        rapport,
        user=user,
        reason=f"Återöppnad: {motivering}"[:100],
        fields=["tillstand", "returkommentar", "ateroppnad", "godkand", "godkand_av"],
    )
    _notify(rapport.pk, "återöppnad")
    return rapport


@transaction.atomic
def bilaga_add(*, user, rapport_id: int, fil: UploadedFile) -> Bilaga:
    rapport = _lock(rapport_id)
    check_perm(user, "uppfoljning.change_statusrapport", rapport)
    if rapport.bilagor.count() >= settings.ATTACHMENT_MAX_PER_REPORT:
        raise Domanfel(
            _("En statusrapport kan ha högst %(max)s bilagor. Ta bort en bilaga först.")
            % {"max": settings.ATTACHMENT_MAX_PER_REPORT},
            code="bilaga_antal",
        )
    content_type, ext = bilaga_check(fil=fil)
    namn = (fil.name or "bilaga").rsplit("/", 1)[-1][:150]
    if not namn.lower().endswith(ext):
        namn = f"{namn}{ext}"
    bilaga = Bilaga(
        statusrapport=rapport, filnamn=namn, innehallstyp=content_type, storlek=fil.size, uppladdad_av=as_user(user)
    )
    bilaga._history_user = as_user(user)
    fil.name = f"bilaga{ext}"
    bilaga.fil.save(fil.name, fil, save=False)
    bilaga.save()
    stored = bilaga.fil.name
    _save(rapport, user=user, reason=f"Bilaga tillagd: {namn}"[:100], fields=[])
    logger.info("Attachment %s stored for report %s", stored, rapport.pk)
    return bilaga


@transaction.atomic
def bilaga_delete(*, user, bilaga_id: int) -> None:
    bilaga = Bilaga.objects.select_related("statusrapport").get(pk=bilaga_id)
    rapport = _lock(bilaga.statusrapport_id)
    check_perm(user, "uppfoljning.change_statusrapport", rapport)
    namn, fil = bilaga.filnamn, bilaga.fil
    bilaga._history_user = as_user(user)
    bilaga.delete()
    _save(rapport, user=user, reason=f"Bilaga borttagen: {namn}"[:100], fields=[])
    transaction.on_commit(lambda: fil.delete(save=False))


# ---------------------------------------------------------------------------------------------------
# The samordnare's overall status of an activity in a period


@transaction.atomic
def aktivitetsstatus_save(
    *,
    user,
    period: Uppfoljningsperiod,
    aktivitet: Aktivitet,
    status: str,
    sammanfattning: str,
    version: int | None,
) -> Aktivitetsstatus:
    """Create (version None) or update (version = the one the user edited) the overall status."""
    check_perm(user, "uppfoljning.change_aktivitetsstatus", aktivitet)
    _check_status(status)
    rad = Aktivitetsstatus.objects.select_for_update().filter(period=period, aktivitet=aktivitet).first()
    if rad is None:
        if version not in (None, 0):
            raise Versionskonflikt(aktuell_version=0)
        rad = Aktivitetsstatus(period=period, aktivitet=aktivitet, version=0)
    else:
        _check_version(rad, version if version is not None else 0)
    rad.status, rad.sammanfattning, rad.uppdaterad_av = status, sammanfattning, as_user(user)
    validera(rad, exclude=["period", "aktivitet"] if rad.pk else ())
    rad.version += 1
    rad._history_user = as_user(user)
    rad._change_reason = "Sparad"
    try:
        with transaction.atomic():
            rad.save()
    except IntegrityError as exc:
        raise Versionskonflikt(aktuell_version=1) from exc
    return rad
