"""Permissions that say *who* and *when* in one declaration.

`add_perm(name, who, *conditions)` registers a django-rules permission that is `who` and every
condition. `has_perm` gives the one yes/no that views, templates, the API and services all ask.
`check_perm` is what a service calls before a change: it raises `PermissionDenied` when the user
is not *who*, `Versionskonflikt` (API 409) when the user edited another version than the saved one,
and the `Domanfel` of the first unmet condition (a Swedish reason, API 400) when it is not the
right *time*. So a button is shown exactly when the service would accept the press.

Permissions declared here are decided by these rules alone: `PortalModelBackend` keeps Django's
"a superuser has every permission" from overriding them (an administrator who belongs to no
organisation does not act as an official; it is a planägare by `plan.rules.is_planagare`)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_

import rules
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel, Versionskonflikt


@dataclass(frozen=True)
class Villkor:
    """A condition on the object (state, deadline) and the domain error that explains its absence."""

    predikat: rules.Predicate
    fel: Callable[[object], Domanfel]


_REGLER: dict[str, tuple[rules.Predicate, tuple[Villkor, ...]]] = {}


def add_perm(name: str, who: rules.Predicate, *villkor: Villkor) -> None:
    _REGLER[name] = (who, villkor)
    predicate = reduce(and_, [who, *(v.predikat for v in villkor)])
    if rules.perm_exists(name):
        rules.remove_perm(name)
    rules.add_perm(name, predicate)


def check_who(user, name: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` is among those who may ever do `name` to `obj`."""
    if user is None:
        raise PermissionDenied(_("Ingen användare angavs."))
    who, _villkor = _REGLER.get(name, (None, ()))
    if who is None or not (getattr(user, "is_system", False) or who.test(user, obj)):
        raise PermissionDenied(_("Du har inte behörighet att göra detta."))


def may(user, name: str, obj=None) -> bool:
    """`user.has_perm(name, obj)`, except that a permission declared here is decided by its rule
    alone. Django's `User.has_perm` answers yes to every active superuser before any backend is
    asked, so an administrator without an organisation would see (and be offered) an official's or
    a samordnare's actions; views, templates and the API ask this instead."""
    if declared(name):
        return bool(getattr(user, "is_active", False) and rules.has_perm(name, user, obj))
    return user.has_perm(name, obj)


def require(user, name: str, obj=None) -> None:
    """For views and viewsets: 403 unless `may(user, name, obj)` (who and when, as declared)."""
    if not may(user, name, obj):
        raise PermissionDenied(_("Du har inte behörighet att göra detta."))


def hinder(user, name: str, obj=None) -> Domanfel | None:
    """Why `name` cannot be done to `obj` now (the first unmet condition), or None."""
    _who, villkor = _REGLER.get(name, (None, ()))
    for condition in villkor:
        if not condition.predikat.test(user, obj):
            return condition.fel(obj)
    return None


def check_perm(user, name: str, obj=None, *, version: int | None = None) -> None:
    """Raise unless `user` may do `name` to `obj` now (and, given `version`, edited the saved one)."""
    check_who(user, name, obj)
    if version is not None and getattr(obj, "version", version) != version:
        raise Versionskonflikt(aktuell_version=obj.version)
    if (fel := hinder(user, name, obj)) is not None:
        raise fel


def declared(name: str) -> bool:
    return name in _REGLER


class PortalModelBackend(ModelBackend):
    """Django's model permissions, except for the permissions declared with `add_perm`, which the
    rules decide alone (no blanket yes for superusers there)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        # Local passwords can be switched off (single sign-on only, settings.LOCAL_LOGIN_ENABLED).
        if not settings.LOCAL_LOGIN_ENABLED:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def has_perm(self, user_obj, perm, obj=None):
        if declared(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
