"""A Redis cache that degrades to "no cache" when Redis is down, so the public portal and
reporting keep working (pages are computed instead of read from the cache); and one for counters
(API rate limits, login failures per address) that falls back to a cache in the process's own
memory instead, so the limits hold, per process, while Redis is down."""

import logging
import threading

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
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


class ReusingRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis object for every cache call, and redis-py 8 builds a table of
    some 170 response callbacks in each: about a tenth of a millisecond, as much as a whole cached
    page costs otherwise. One client per connection pool (thread-safe: it takes a connection from
    the pool for each command) does the same work."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

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


def _or_local(name: str):
    method = getattr(RedisCache, name)

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning("cache unavailable", extra={"event": "cache_unavailable", "error": type(exc).__name__})
            return getattr(self.local, name)(*args, **kwargs)

    return wrapper


class LocalFallbackRedisCache(RedisCache):
    """Counters that must keep counting: while Redis is unreachable every call goes to an in-process
    LocMemCache (one per process; the limits then hold per process instead of across them)."""

    _lock = threading.Lock()
    _locals: dict[str, LocMemCache] = {}

    @property
    def local(self) -> LocMemCache:
        with self._lock:
            if self.key_prefix not in self._locals:
                self._locals[self.key_prefix] = LocMemCache(
                    f"fallback-{self.key_prefix}", {"KEY_PREFIX": self.key_prefix}
                )
            return self._locals[self.key_prefix]

    get = _or_local("get")
    get_many = _or_local("get_many")
    set = _or_local("set")
    set_many = _or_local("set_many")
    add = _or_local("add")
    delete = _or_local("delete")
    delete_many = _or_local("delete_many")
    has_key = _or_local("has_key")
    touch = _or_local("touch")
    incr = _or_local("incr")
    get_or_set = _or_local("get_or_set")

    def clear(self):
        self.local.clear()
        try:
            return RedisCache.clear(self)
        except (RedisError, OSError):
            return None
