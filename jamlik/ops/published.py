"""The published-data version: one value in the cache that changes whenever data the public can see
may have changed. Every cached public rendering (whole responses, the matrix, the plan chooser) is
stored under it, so a change makes all of them unreachable at once (they expire on their own).

Any write bumps it — post_save, post_delete and m2m_changed of every model — except writes to the
models in NOT_PUBLIC, which never change public output. A deny-list rather than an allow-list on
purpose: a model added later is covered without anyone remembering to list it; forgetting to deny
a model costs only a re-render, forgetting to allow one would serve stale pages.

The bump happens at once and again after the commit: at once so a reader inside the same open
transaction (a test, the writer's own next query) never finds an entry from before the write; after
the commit so a reader in another transaction, which may have rendered the old data under the
early version, leaves its entry under a version nobody asks for any more. The receivers hold no
business rules."""

import time
from datetime import UTC, datetime
from uuid import uuid4

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.test.signals import setting_changed

VERSION_KEY = "published:version"

# Writes to these never change what an anonymous visitor or API client sees. Entries are an app
# label (every model of the app) or "app_label.modelname". The one place to extend.
NOT_PUBLIC = frozenset(
    {
        "admin",  # the admin's log entries
        "auth",  # users (last_login on every login), groups, permissions: never shown publicly
        "axes",  # login attempts and lock-outs
        "authtoken",  # API tokens (DRF's, before knox)
        "knox",  # API tokens
        "konto",  # sign-in profiles and login-failure records
        "synpunkter",  # feedback messages: read in the admin only
        "contenttypes",
        "sessions",
        "django_celery_results",  # Celery result rows, if ever installed
        "django_celery_beat",  # Celery beat schedule, if ever installed
        "aviseringar",  # notifications (issue 12): records for logged-in users only
        "plan.medlemskap",  # which user acts for which organisation
        "indikatorer.inlasning",  # the record of fetches and imports (their values bump it themselves)
    }
)


def published_version() -> str | None:
    """The current version, created if missing (a fresh or restarted Redis). None when the cache
    cannot be reached: callers then render without caching."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY)
    return version


def published_at(version: str) -> datetime:
    """When the version was made (for Last-Modified)."""
    return datetime.fromtimestamp(int(version.split("-", 1)[0], 16) / 1000, tz=UTC)


def published_version_bump() -> None:
    """Bump now and (once per transaction) again after the commit."""
    _set_new_version()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and not any(func is _set_new_version for _, func, _ in connection.run_on_commit):
        transaction.on_commit(_set_new_version)


def affects_public(model) -> bool:
    meta = model._meta
    return meta.app_label not in NOT_PUBLIC and meta.label_lower not in NOT_PUBLIC


def _new_version() -> str:
    return f"{time.time_ns() // 1_000_000:x}-{uuid4().hex[:12]}"


def _set_new_version() -> None:
    cache.set(VERSION_KEY, _new_version(), None)


def _on_write(sender, **kwargs) -> None:
    if affects_public(sender):
        published_version_bump()


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and affects_public(sender) and affects_public(type(instance)):
        published_version_bump()


def _on_release(**kwargs) -> None:
    # A release migrates: templates and code may have changed what the same data renders to. A
    # changed setting (tests) may change it too.
    _set_new_version()


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="published-version-save")
    post_delete.connect(_on_write, dispatch_uid="published-version-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="published-version-m2m")
    post_migrate.connect(_on_release, dispatch_uid="published-version-migrate")
    setting_changed.connect(_on_release, dispatch_uid="published-version-setting")
