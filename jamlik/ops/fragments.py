"""Parts of public pages that show only plan data, cached under the plan-data version.

The whole-response cache (public_cache.py) is keyed by the published-data version, which every
approval, evaluation or indicator import bumps: after one, every public page is rendered again. Most
of what those pages cost is the plan itself — texts, roles, organisations, strategies, the matrix —
which changes a few times a year. `plan_fragment` keeps such a part under the plan-data version
(jamlik/ops/published.py: bumped by writes to everything but follow-up data), so a miss after an
approval renders only the parts that show follow-up data.

The rule for a fragment: it shows no follow-up data (reports, statuses, evaluations, periods,
compiled reports, indicator values) and nothing that depends on who is asking; what else it depends on
(the plan, the address with its query string) goes into `vary`. The language and the release are always
part of the key. One cache round trip reads the version and the entry together; with the cache unreachable the
part is rendered (no error)."""

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from jamlik.ops.published import PLAN_VERSION_KEY, plan_data_version

TIMEOUT = 24 * 60 * 60


def plan_fragment(name: str, *vary, render: Callable[[], object]):
    """What `render()` returns (any picklable value: HTML, or rows read from plan data only), from
    the cache when it was rendered under the current plan-data version for the same name, language
    and vary. None is returned but never kept."""
    if not settings.PLAN_FRAGMENT_CACHE:
        return render()
    material = "\x1f".join([name, get_language() or "", settings.RELEASE, *(str(v) for v in vary)])
    key = f"fragment:{hashlib.sha256(material.encode()).hexdigest()[:40]}"  # no raw input in keys
    found = cache.get_many([PLAN_VERSION_KEY, key])
    version = found.get(PLAN_VERSION_KEY) or plan_data_version()
    if version is None:  # the cache cannot be reached
        return render()
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    # Rendered under the version read before it: a plan write committed meanwhile bumps the version
    # again after its commit, leaving this entry under a version nobody asks for.
    value = render()
    if value is not None:  # nothing found is not kept: unknown addresses must not fill the cache
        cache.set(key, (version, value), TIMEOUT)
    return value


def lazy_context(compute: Callable[[], dict], *keys: str) -> dict:
    """Context entries for a fragment, computed together (`compute()` once) on first use: when the
    fragment comes from the cache, never."""
    once = functools.cache(compute)
    return {key: SimpleLazyObject(functools.partial(lambda key: once()[key], key)) for key in keys}
