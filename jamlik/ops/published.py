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
business rules.

Reading the version costs a Redis round trip — on a cache hit, most of what the request costs. So
with Redis each process *follows* the version instead (VersionFollower): a thread subscribed to a
Redis channel on which every bump is announced keeps the process's copy, and `published_version()`
reads that copy without a round trip. On each announcement the follower reads the key again rather
than trusting the message (the key's last value is what counts, whatever order two writers'
messages arrive in). The writing process takes its new version at once; other processes within
the time a message takes on the network (sub-millisecond on one host). While the follower is not
subscribed — starting, Redis down or restarting — every read goes to Redis as before."""

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import uuid4

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.test.signals import setting_changed

VERSION_KEY = "published:version"
PLAN_VERSION_KEY = "published:plan-version"
# Follow-up data per activity (see FOLLOW_UP below): one key per activity for the follow-up rows
# that belong to it, one for every other follow-up row.
FOLLOW_UP_VERSION_KEY = "published:follow-up-version"
CHANNEL = "jamlik:published-version"  # announcements of a new version (the payload is not trusted)

logger = logging.getLogger("jamlik.cache")

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


# Follow-up data: status reports, overall statuses, evaluations, periods, compiled reports, indicator
# values and their imports — what changes every week. A write to these bumps the published version but not
# the plan-data version, under which fragments of pages that show only the plan itself are cached
# (jamlik/ops/fragments.py): the plan, its målområden, strategies, activities, roles, organisations,
# the matrix, documents and the planned follow-up change a few times a year. Again a deny-list: a
# model added later bumps both versions until someone decides it is follow-up data.
# A follow-up write also bumps the follow-up version of its activity (a row with an `aktivitet_id`)
# or, for a row of no one activity, the follow-up version shared by all: an activity's follow-up
# fragment (fragments.aktivitet_fragment) is kept under the plan-data version and those two.
FOLLOW_UP = frozenset({"uppfoljning", "indikatorer"})
# Kept with the plan although their apps hold follow-up data: the planned follow-up, and which
# indicators a plan follows and where they are linked (their values are follow-up data).
PLAN_DATA_IN_FOLLOW_UP = frozenset(
    {
        "uppfoljning.planeraduppfoljning",
        "uppfoljning.planeradprocessutvardering",
        "indikatorer.indikator",
        "indikatorer.indikator_planer",
        "indikatorer.indikator_strategier",
        "indikatorer.indikator_malomraden",
        "indikatorer.indikator_aktiviteter",
    }
)


def published_version() -> str | None:
    """The current version, created if missing (a fresh or restarted Redis). None when the cache
    cannot be reached: callers then render without caching."""
    followed = follower.current()
    if followed is not None:
        return followed
    return _read_version()


def published_version_followed() -> bool:
    """Whether this process knows the version without asking Redis (jamlik.ops.public_cache keeps
    entries in the process's memory only then: a copy that cannot be told of a bump is never read)."""
    return follower.current() is not None


def _read_version() -> str | None:
    version, created = _read_or_create(VERSION_KEY)
    if created:
        _announce()
    return version


def _read_or_create(key: str) -> tuple[str | None, bool]:
    """A version key's value, made if missing (a fresh or restarted Redis; of two processes making
    it at once, one wins and both read its value); and whether this call made it."""
    version = cache.get(key)
    if version is not None:
        return version, False
    created = cache.add(key, _new_version(), None)
    return cache.get(key), created


def plan_data_version() -> str | None:
    """The plan-data version (a Redis read; created if missing), None when the cache cannot be reached."""
    return _read_or_create(PLAN_VERSION_KEY)[0]


def plan_data_version_followed() -> str | None:
    """The plan-data version as this process follows it (no round trip), None when not following."""
    return follower.current_plan()


def plan_data_version_current() -> str | None:
    """The plan-data version: followed, else read from Redis; None when the cache cannot be reached."""
    return plan_data_version_followed() or plan_data_version()


def aktivitet_version_key(aktivitet_id: int) -> str:
    return f"published:aktivitet:{int(aktivitet_id)}"


def version_of(key: str) -> str | None:
    """A version key's value (created if missing), None when the cache cannot be reached."""
    return _read_or_create(key)[0]


def published_at(version: str) -> datetime:
    """When the version was made (for Last-Modified)."""
    return datetime.fromtimestamp(int(version.split("-", 1)[0], 16) / 1000, tz=UTC)


def published_version_bump(*, plan_data: bool = True, aktivitet_id: int | None = None) -> None:
    """Bump now and (once per transaction) again after the commit; the plan-data version too unless
    the write was to follow-up data only (a bump by hand, as after a bulk write, bumps both). A write
    to follow-up data bumps the version of its activity's follow-up (`aktivitet_id`) or, when it
    belongs to no one activity, the version of all follow-up."""
    bump = Bump(
        plan=plan_data,
        follow_up=not plan_data and aktivitet_id is None,
        aktiviteter={aktivitet_id} if not plan_data and aktivitet_id is not None else set(),
    )
    bump()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        pending = getattr(connection, "_jamlik_bump", None)
        if pending is None or not any(func is pending for _, func, _ in connection.run_on_commit):
            # The first bump of this transaction (or the first since its savepoint rolled back).
            pending = connection._jamlik_bump = Bump()
            transaction.on_commit(pending)
        pending.add(bump)


@dataclass
class Bump:
    """Which versions a write changes. Called, it bumps them in one order: the published version
    last, because its announcement makes the other processes read the other keys, which must be new
    by then. Collected over a transaction, it is run once after the commit (a loader saving a
    thousand reports makes one Redis write per activity, not per report)."""

    plan: bool = False
    follow_up: bool = False
    aktiviteter: set = field(default_factory=set)

    def add(self, other: "Bump") -> None:
        self.plan |= other.plan
        self.follow_up |= other.follow_up
        self.aktiviteter |= other.aktiviteter

    def __call__(self) -> None:
        if self.plan:
            _set_new_plan_version()
        if self.follow_up:
            _set_new_follow_up_version()
        for aktivitet_id in self.aktiviteter:
            _set_new_activity_version(aktivitet_id)
        _set_new_version()


def affects_public(model) -> bool:
    meta = model._meta
    return meta.app_label not in NOT_PUBLIC and meta.label_lower not in NOT_PUBLIC


def affects_plan_data(model) -> bool:
    """Whether a write to the model can change what a plan-data fragment shows. A proxy counts as
    its concrete model (Styrningsaktivitet is plan.Aktivitet)."""
    meta = model._meta.concrete_model._meta
    if not affects_public(meta.model):
        return False
    return meta.app_label not in FOLLOW_UP or meta.label_lower in PLAN_DATA_IN_FOLLOW_UP


def _new_version() -> str:
    return f"{time.time_ns() // 1_000_000:x}-{uuid4().hex[:12]}"


def _set_new_version() -> None:
    version = _new_version()
    follower.saw(version)  # this process first: its next read must not find the old version
    cache.set(VERSION_KEY, version, None)
    _announce()


def _set_new_plan_version() -> None:
    version = _new_version()
    follower.saw_plan(version)
    cache.set(PLAN_VERSION_KEY, version, None)


def _set_new_follow_up_version() -> None:
    cache.set(FOLLOW_UP_VERSION_KEY, _new_version(), None)


def _set_new_activity_version(aktivitet_id: int) -> None:
    cache.set(aktivitet_version_key(aktivitet_id), _new_version(), None)


def _announce() -> None:
    client = follower.client()
    if client is None:
        return
    try:
        client.publish(CHANNEL, b"1")
    except (redis.RedisError, OSError) as exc:
        # Nobody hears of the bump: followers lose their subscription on the same outage and read
        # Redis again once they are back, so they cannot keep an old version past it.
        logger.warning("version not announced", extra={"event": "cache_unavailable", "error": type(exc).__name__})


class VersionFollower:
    """This process's copy of the version, kept current by a daemon thread subscribed to CHANNEL.
    Started on first use in each process (after a fork too: gunicorn's workers each get their own)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pid = None
        self._client = None
        self._version = None
        self._plan_version = None
        self._live = False
        self._own = 0  # bumps made by this process: a read of Redis begun before one is not used

    def enabled(self) -> bool:
        return bool(getattr(settings, "REDIS_URL", None)) and getattr(settings, "PUBLISHED_VERSION_FOLLOW", True)

    def client(self) -> redis.Redis | None:
        if not self.enabled():
            return None
        self._ensure_started()
        return self._client

    def current(self) -> str | None:
        """The followed version, or None when not subscribed (then ask Redis)."""
        if not self.enabled():
            return None
        self._ensure_started()
        return self._version if self._live else None

    def current_plan(self) -> str | None:
        """The followed plan-data version (read with the published one on every announcement: a
        plan-data bump is always followed by a published one), or None when not subscribed."""
        if not self.enabled():
            return None
        self._ensure_started()
        return self._plan_version if self._live else None

    def saw(self, version: str) -> None:
        """This process made a new version: use it at once (its announcement follows)."""
        with self._lock:
            self._own += 1
            if self._live:
                self._version = version

    def saw_plan(self, version: str) -> None:
        with self._lock:
            self._own += 1
            if self._live:
                self._plan_version = version

    def _ensure_started(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._live, self._version, self._plan_version = os.getpid(), False, None, None
            self._client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
            threading.Thread(target=self._run, args=(os.getpid(),), name="published-version", daemon=True).start()

    def _run(self, pid: int) -> None:
        while self._pid == pid:
            try:
                self._follow(pid)
            except (redis.RedisError, OSError):
                pass  # Redis down or restarting
            except Exception:  # never let the thread die: without it every read goes to Redis
                logger.exception("following the published version failed", extra={"event": "cache_unavailable"})
            self._live = False
            time.sleep(1)  # requests read the version from Redis meanwhile

    def _follow(self, pid: int) -> None:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, health_check_interval=5)
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(CHANNEL)
            while self._pid == pid:
                message = pubsub.get_message(timeout=5)
                if message is None:
                    continue
                # Subscribed, or a bump announced: read the key itself (None while Redis is
                # unreachable: not live, so nobody uses an old copy). If this process bumped while
                # the read was under way, the read may predate that bump: keep this process's own
                # version; its announcement is still to come and will be read after it.
                own = self._own
                version = _read_version()
                plan_version = plan_data_version() if version is not None else None
                with self._lock:
                    if version is None or plan_version is None:
                        self._live = False
                    elif self._own == own:
                        self._version, self._plan_version, self._live = version, plan_version, True
        finally:
            self._live = False
            pubsub.close()
            client.close()


follower = VersionFollower()


def _on_write(sender, instance=None, **kwargs) -> None:
    if affects_public(sender):
        published_version_bump(plan_data=affects_plan_data(sender), aktivitet_id=_aktivitet_of(instance))


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and affects_public(sender) and affects_public(type(instance)):
        published_version_bump(
            plan_data=affects_plan_data(sender) and affects_plan_data(type(instance)),
            aktivitet_id=_aktivitet_of(instance),
        )


def _aktivitet_of(instance) -> int | None:
    """The activity a follow-up row belongs to: its own `aktivitet_id` (a report, an overall status,
    an evaluation, their history rows; the m2m of a report's strategies or an evaluation's evidence,
    written from the report's or evaluation's side). None for every other row (periods, attachments,
    an evaluation's parts, indicator values, compiled reports): those bump all follow-up. The portal
    never moves such a row to another activity (services fix it at creation; the admin is read-only)."""
    return getattr(instance, "aktivitet_id", None) if instance is not None else None


def _on_release(**kwargs) -> None:
    # A release migrates: templates and code may have changed what the same data renders to. A
    # changed setting (tests) may change it too. (Activity versions need no bump: a fragment's key
    # holds the plan-data and follow-up versions too.)
    _set_new_plan_version()
    _set_new_follow_up_version()
    _set_new_version()


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="published-version-save")
    post_delete.connect(_on_write, dispatch_uid="published-version-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="published-version-m2m")
    post_migrate.connect(_on_release, dispatch_uid="published-version-migrate")
    setting_changed.connect(_on_release, dispatch_uid="published-version-setting")
