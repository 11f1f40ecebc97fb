"""DRF's rate limits, counted in the "throttle" cache: shared through Redis, and kept in the
process's memory while Redis is down (jamlik.ops.cache.LocalFallbackRedisCache), so the limits never
silently disappear with it."""

from django.core.cache import caches
from rest_framework import throttling


class ThrottleCacheMixin:
    @property
    def cache(self):
        return caches["throttle"]


class AnonRateThrottle(ThrottleCacheMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ThrottleCacheMixin, throttling.UserRateThrottle):
    pass
