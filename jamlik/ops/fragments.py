"""Parts of public pages that show only plan data (or one activity's follow-up), cached under versions.

The whole-response cache (public_cache.py) is keyed by the published-data version, which every
approval, evaluation or indicator import bumps: after one, every public page is rendered again. Most
of what those pages cost is the plan itself — texts, roles, organisations, strategies, the matrix —
which changes a few times a year. `plan_fragment` keeps such a part under the plan-data version
(jamlik/ops/published.py: bumped by writes to everything but follow-up data), so a miss after an
approval renders only the parts that show follow-up data. `aktivitet_fragment` keeps one activity's
follow-up (its approved reports, overall statuses, final evaluations) until that activity's
follow-up, a follow-up row of no one activity, or the plan changes: an approval re-renders the
approved activity's part and leaves the others.

The rule for a plan fragment: it shows no follow-up data (reports, statuses, evaluations, periods,
compiled reports, indicator values) and nothing that depends on who is asking; what else it depends on
(the plan, the address with its query string) goes into `vary`. The language and the release (with
the static files' manifest: the frame links them) are always part of the key. One cache round trip
reads the version and the entry together; with the cache unreachable the part is rendered (no error)."""

import functools
import hashlib
import pickle
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from jamlik.ops.public_cache import LocalEntries, release
from jamlik.ops.published import (
    FOLLOW_UP_VERSION_KEY,
    PLAN_VERSION_KEY,
    aktivitet_version_key,
    plan_data_version_followed,
    version_of,
)

TIMEOUT = 24 * 60 * 60


def plan_fragment(name: str, *vary, render: Callable[[], object]):
    """What `render()` returns (any picklable value: HTML, or rows read from plan data only), from
    the cache when it was rendered under the current plan-data version for the same name, language
    and vary. None is returned but never kept."""
    return _fragment(name, vary, (PLAN_VERSION_KEY,), render)


def aktivitet_fragment(aktivitet_id: int, name: str, *vary, render: Callable[[], object]):
    """As plan_fragment, for a part that shows one activity's follow-up too (its approved reports,
    overall statuses and final evaluations, with plan data and periods): kept while neither the
    plan data, nor the activity's own follow-up rows, nor any follow-up row that belongs to no one
    activity has changed (jamlik/ops/published.py). An approval elsewhere leaves it; today's date
    is part of the key."""
    return aktiviteter_fragment((aktivitet_id,), name, *vary, render=render)


def aktiviteter_fragment(aktivitet_ids, name: str, *vary, render: Callable[[], object]):
    """As aktivitet_fragment, for a part that shows the follow-up of several activities (each
    activity's current status on the start page, an organisation's approved reports in a plan): kept
    until the follow-up of any of them changes. The versions and the entry are read in one round trip."""
    ids = tuple(sorted(set(aktivitet_ids)))
    return _fragment(
        name,
        (ids, timezone.localdate().isoformat(), *vary),
        (PLAN_VERSION_KEY, FOLLOW_UP_VERSION_KEY, *(aktivitet_version_key(i) for i in ids)),
        render,
    )


def _fragment(name: str, vary: tuple, version_keys: tuple[str, ...], render: Callable[[], object]):
    if not settings.PLAN_FRAGMENT_CACHE:
        return render()
    material = "\x1f".join([name, get_language() or "", release(), *(str(v) for v in vary)])
    key = f"fragment:{hashlib.sha256(material.encode()).hexdigest()[:40]}"  # no raw input in keys
    if version_keys == (PLAN_VERSION_KEY,) and (followed := plan_data_version_followed()) is not None:
        return _plan_fragment_followed(key, (followed,), render)
    found = cache.get_many([*version_keys, key])
    versions = tuple(found.get(k) or version_of(k) for k in version_keys)
    if None in versions:  # the cache cannot be reached
        return render()
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1]
    # Rendered under the versions read before it: a write committed meanwhile bumps its version
    # again after its commit, leaving this entry under versions nobody asks for.
    value = render()
    if value is not None:  # nothing found is not kept: unknown addresses must not fill the cache
        cache.set(key, (versions, value), TIMEOUT)
    return value


def lazy_context(compute: Callable[[], dict], *keys: str) -> dict:
    """Context entries for a fragment, computed together (`compute()` once) on first use: when the
    fragment comes from the cache, never."""
    once = functools.cache(compute)
    return {key: SimpleLazyObject(functools.partial(lambda key: once()[key], key)) for key in keys}


# While this process follows the plan-data version (jamlik/ops/published.py), a plan fragment needs
# no round trip: kept in memory as pickled bytes (each request gets its own copy of the rows), valid
# only under the version it was rendered under, exactly like the entry in Redis.
local = LocalEntries("PLAN_FRAGMENT_LOCAL_BYTES")


def _plan_fragment_followed(key: str, versions: tuple, render: Callable[[], object]):
    entry = local.get(key, versions)
    if entry is not None:
        return pickle.loads(entry[1])
    entry = cache.get(key)
    if entry is not None and entry[0] == versions:
        value = entry[1]
    else:
        value = render()
        if value is None:  # nothing found is not kept: unknown addresses must not fill the cache
            return None
        cache.set(key, (versions, value), TIMEOUT)
    local.put(key, (versions, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)))
    return value
