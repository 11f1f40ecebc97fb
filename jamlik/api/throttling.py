"""DRF's rate limits, counted in the "throttle" cache: shared through Redis, and kept in the
process's memory while Redis is down (jamlik.ops.cache.LocalFallbackRedisCache), so the limits never
silently disappear with it.

Counted per client in fixed windows of the rate's duration: one INCR per request. DRF's own
throttles keep a list of every request's time per client, read, trimmed and written back whole on
every request: at the high rates a partner's harvester or a load test is given, thousands of
entries pickled twice per request. A fixed window lets a client make up to twice the rate across a
window's edge, which a rate limit for fairness can live with."""

import math

from django.core.cache import caches
from rest_framework import throttling


class CountingThrottleMixin:
    @property
    def cache(self):
        return caches["throttle"]

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request (or the counter expired)
            count = 1 if self.cache.add(key, 1, self.duration + 1) else self.cache.incr(key)
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the window ends (Retry-After), at least one."""
        return max(math.ceil(self.window_end - self.now), 1)


class AnonRateThrottle(CountingThrottleMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CountingThrottleMixin, throttling.UserRateThrottle):
    pass
