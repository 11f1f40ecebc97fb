"""Reactions to events: uppfoljning's report workflow (uppfoljning.signals, sent after commit) and
logins (the language the user chose becomes the language of their notices)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from aviseringar import services, tasks
from aviseringar.choices import Typ
from uppfoljning import signals


def _record(rapport_id: int, typ: str) -> None:
    if services.rapporthandelse_record(rapport_id=rapport_id, typ=typ):
        tasks.skicka_efter_commit()


@receiver(signals.statusrapport_inskickad)
def on_inskickad(sender, *, rapport_id, **kwargs):
    _record(rapport_id, Typ.ATT_GRANSKA)


@receiver(signals.statusrapport_returnerad)
def on_returnerad(sender, *, rapport_id, **kwargs):
    _record(rapport_id, Typ.RETURNERAD)


@receiver(signals.statusrapport_godkand)
def on_godkand(sender, *, rapport_id, **kwargs):
    _record(rapport_id, Typ.GODKAND)


@receiver(user_logged_in)
def on_login(sender, *, request, user, **kwargs):
    sprak = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) if request is not None else None
    if sprak:
        services.sprak_remember(user=user, sprak=sprak)
