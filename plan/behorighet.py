"""Who a user is in the plan's terms, read once per user instead of on every page: the organisations
they act for, whether they are a planägare, and the roles their organisations have in activities
(from which the activities they take part in and those they lead follow). Every logged-in page asks
this for its menu, its permissions and its lists; read from the database it was three queries on
each, a fifth of a reporting page's time.

Kept in the cache per user, under two versions:

- the plan-data version (jamlik.ops.published), which any write to organisations or roles bumps and
  which this process follows without a round trip;
- the access version (ACCESS_VERSION_KEY), which a write to a membership, a group, a user's groups or
  a user (other than the login's `last_login`) bumps — at once and again after the commit, as the
  published version is.

The access version and the profile are read in one round trip. A profile is stored with the access
version read *before* the database was, so a write committed meanwhile leaves it under a version
nobody asks for. Redis down: read from the database on every request, as before; a change made
during the outage cannot bump the version, so a profile kept from before it is used for at most TTL
after. Within a request the profile is kept on the user object."""

import hashlib
from dataclasses import dataclass
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from jamlik.ops.published import plan_data_version_current, version_of
from plan.choices import LEDANDE_ROLLER, PLANAGARE_GRUPP
from plan.models import Aktivitetsroll, Medlemskap

ACCESS_VERSION_KEY = "behorighet:version"
# How long a kept profile may be used at most. It bounds the one case the versions cannot: a change
# made while Redis was unreachable (its bump lost) to a profile kept before the outage.
TTL = 5 * 60


@dataclass(frozen=True)
class Behorighet:
    organisation_ids: frozenset[int] = frozenset()
    planagare: bool = False
    # (aktivitet id, organisation id) of every role the user's organisations have, any plan.
    roller: frozenset[tuple[int, int]] = frozenset()
    # Activities in which the user's organisations have any role, and those they lead
    # (samordningsansvar, or ansvar for styrning).
    deltar: frozenset[int] = frozenset()
    ledda: frozenset[int] = frozenset()

    @property
    def nyckel(self) -> str:
        """What lists depend on (organisations, planägare, led activities) as a short key part."""
        material = f"{sorted(self.organisation_ids)}|{self.planagare}|{sorted(self.ledda)}"
        return hashlib.sha256(material.encode()).hexdigest()[:16]


INGEN = Behorighet()


def behorighet(user) -> Behorighet:
    """The user's profile: from the user object, else the cache, else the database (three queries)."""
    if not user.is_authenticated or getattr(user, "is_system", False):
        return INGEN
    profil = getattr(user, "_jamlik_behorighet", None)
    if profil is None:
        profil = user._jamlik_behorighet = _cached(user)
    return profil


def _cached(user) -> Behorighet:
    plan_version = plan_data_version_current()  # followed: no round trip
    if plan_version is None:  # the cache cannot be reached
        return _load(user)
    key = f"behorighet:{user.pk}:{plan_version}"
    found = cache.get_many([ACCESS_VERSION_KEY, key])
    access = found.get(ACCESS_VERSION_KEY) or version_of(ACCESS_VERSION_KEY)  # made if missing
    if access is None:  # the cache cannot be reached
        return _load(user)
    entry = found.get(key)
    if entry is not None and entry[0] == access:
        return entry[1]
    profil = _load(user)
    cache.set(key, (access, profil), TTL)
    return profil


def _load(user) -> Behorighet:
    """The organisations the user is a member of, and those their organisations report for (a
    förvaltning's officials for its nämnd, a bolag's for its styrelse, where the plan names the
    nämnd); the planägare group; the roles of those organisations."""
    ids: set[int] = set()
    for organisation_id, rapporterar_for_id in Medlemskap.objects.filter(anvandare_id=user.pk).values_list(
        "organisation_id", "organisation__rapporterar_for_id"
    ):
        ids.add(organisation_id)
        if rapporterar_for_id:
            ids.add(rapporterar_for_id)
    planagare = user.is_superuser or user.groups.filter(name=PLANAGARE_GRUPP).exists()
    roller, ledda = set(), set()
    if ids:
        for aktivitet_id, organisation_id, roll in Aktivitetsroll.objects.filter(organisation_id__in=ids).values_list(
            "aktivitet_id", "organisation_id", "roll"
        ):
            roller.add((aktivitet_id, organisation_id))
            if roll in LEDANDE_ROLLER:
                ledda.add(aktivitet_id)
    return Behorighet(
        organisation_ids=frozenset(ids),
        planagare=planagare,
        roller=frozenset(roller),
        deltar=frozenset(aktivitet_id for aktivitet_id, _organisation_id in roller),
        ledda=frozenset(ledda),
    )


def behorighet_bump() -> None:
    """Every user's profile is stale: now, and again after the commit (once per transaction). Called
    by the signals below; by hand after a bulk write to memberships (bulk_create sends no signal)."""
    _set_new_version()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and not any(func is _set_new_version for _, func, _ in connection.run_on_commit):
        transaction.on_commit(_set_new_version)


def _set_new_version() -> None:
    cache.set(ACCESS_VERSION_KEY, uuid4().hex, None)


def _on_write(sender, instance=None, update_fields=None, **kwargs) -> None:
    if sender is get_user_model() and update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login: who the user is has not changed
    behorighet_bump()


def _on_groups(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        behorighet_bump()


def connect_signals() -> None:
    user = get_user_model()
    for model in (Medlemskap, Group, user):
        post_save.connect(_on_write, sender=model, dispatch_uid=f"behorighet-save-{model._meta.label_lower}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"behorighet-delete-{model._meta.label_lower}")
    m2m_changed.connect(_on_groups, sender=user.groups.through, dispatch_uid="behorighet-groups")
    post_migrate.connect(lambda **kwargs: behorighet_bump(), dispatch_uid="behorighet-migrate", weak=False)
