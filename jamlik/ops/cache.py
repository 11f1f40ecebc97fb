"""A Redis cache that degrades to "no cache" when Redis is down, so the public portal and
reporting keep working (pages are computed instead of read from the cache)."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("jamlik.cache")


def _tolerant(method, fallback):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning("cache unavailable", extra={"event": "cache_unavailable", "error": type(exc).__name__})
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    return wrapper


class ResilientRedisCache(RedisCache):
    get = _tolerant(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(RedisCache.get_many, {})
    set = _tolerant(RedisCache.set, None)
    set_many = _tolerant(RedisCache.set_many, [])
    add = _tolerant(RedisCache.add, False)
    delete = _tolerant(RedisCache.delete, False)
    delete_many = _tolerant(RedisCache.delete_many, None)
    has_key = _tolerant(RedisCache.has_key, False)
    touch = _tolerant(RedisCache.touch, False)
    incr = _tolerant(RedisCache.incr, lambda key, delta=1, version=None: delta)
    clear = _tolerant(RedisCache.clear, None)
