"""The version key of the cached strategy matrix. Any change to the plan's data bumps it, so
every cached rendering becomes unreachable at once (and expires on its own). The signal
receivers only bump the version: no business rules here."""

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Kommun,
    Malomrade,
    Organisation,
    OrganisationAlias,
    Plan,
    Planavsnitt,
    Program,
    Strategi,
    StyrandeDokument,
)
from samverkan.models import Insats, Matrisplacering

VERSION_KEY = "samverkan:matris:version"
TIMEOUT = 24 * 60 * 60


def matris_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def matris_version_bump(**kwargs) -> None:
    """Bump now and again after commit, so a reader inside the open transaction cannot
    leave a stale rendering under the new version."""
    cache.set(VERSION_KEY, uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid4().hex, None))


def connect_signals() -> None:
    for model in (
        Kommun,
        Program,
        Plan,
        Planavsnitt,
        Forutsattning,
        StyrandeDokument,
        Malomrade,
        Strategi,
        Organisation,
        OrganisationAlias,
        Aktivitet,
        Aktivitetsroll,
        Matrisplacering,
        Insats,
    ):
        post_save.connect(matris_version_bump, sender=model, dispatch_uid=f"matris-save-{model.__name__}")
        post_delete.connect(matris_version_bump, sender=model, dispatch_uid=f"matris-delete-{model.__name__}")
    m2m_changed.connect(matris_version_bump, sender=Aktivitet.organisationer.through, dispatch_uid="matris-m2m")
    m2m_changed.connect(matris_version_bump, sender=Organisation.ersatter.through, dispatch_uid="matris-m2m-ersatter")
