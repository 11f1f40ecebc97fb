"""Whole-response caching of public reads, conditional requests and Cache-Control.

An anonymous GET or HEAD (no Authorization header, no session or messages cookie) is answered from
the cache when the same request was answered before under the current published-data version
(jamlik/ops/published.py). The key holds everything a public response can differ by: method,
scheme, host, full path with query string, the chosen language (cookie), Accept (the API's formats),
htmx's request header, today's date (deadlines, "overdue") and the release; the entry holds the
version it was rendered under, read in the same round trip as the current one. A hit runs no SQL
query and renders no template.

A response is stored only when it is a 200 to such a request, sets no cookie, did not use a CSRF
token, says nothing against it in its own Cache-Control (never_cache, private) and varies by no
header the key does not hold. Stored responses get a weak ETag (version + key), Last-Modified (when
the version was made) and `Cache-Control: public, max-age=PUBLIC_CACHE_MAX_AGE` for browsers and a
reverse proxy; `If-None-Match` with that ETag is answered `304 Not Modified`. Every other response
without a Cache-Control of its own gets `private, no-store` (PrivacyHeadersMiddleware already puts
that on everything a logged-in user or an API client with credentials receives).

Why our own middleware and not Django's per-site cache (UpdateCacheMiddleware/FetchFromCache):
Django's keys the entry by the whole Cookie header (every visitor with a CSRF cookie would get
entries of their own), cannot take a data version in the key, does not know that a session cookie
means "logged in", and spends two cache reads per hit. Whole-page libraries (django-cacheops,
django-cachalot) cache queries, not responses: a hit would still render templates.

With the cache unreachable every request is rendered as if there were no cache (no error).

While the process follows the version (jamlik/ops/published.py: told of every bump over Redis
pub/sub, so it knows the version without a round trip), it also keeps the entries it served in its
own memory (LocalEntries, at most PUBLIC_CACHE_LOCAL_BYTES): a hit then costs no round trip at all.
An entry there counts only under the current version, exactly as in Redis."""

import hashlib
import threading
from collections import OrderedDict
from functools import cache as once

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from jamlik.ops.middleware import _chosen_language
from jamlik.ops.published import VERSION_KEY, published_at, published_version, published_version_followed

# Request headers a cached response may vary by: the key holds them (Cookie: only the language
# cookie may differ, since any cookie that makes a visitor someone is a reason not to cache).
KEYED_VARY = frozenset({"cookie", "accept", "hx-request"})
MAX_BYTES = 2 * 1024 * 1024


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_read(request):
            return _private(self.get_response(request))
        if not settings.PUBLIC_CACHE_ENABLED:
            return _render(self.get_response, request)
        # One round trip for a hit: the version and the entry together. The entry's key leaves the
        # version out (a newer rendering overwrites an older one); the entry says which version it
        # was rendered under and counts only when that is the current one.
        material = _material(request)
        key = f"response:{hashlib.sha256(material.encode()).hexdigest()}"
        local = published_version_followed()
        if local:  # the version without a round trip; the entry from memory, else from Redis
            version = published_version()
            entry = entries.get(key, version)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and entry[0] == version:
                    entries.put(key, entry)
        else:
            found = cache.get_many([VERSION_KEY, key])
            version, entry = found.get(VERSION_KEY) or published_version(), found.get(key)
        if version is None:  # the cache cannot be reached: render, store nothing
            return _render(self.get_response, request)
        etag = f'W/"{hashlib.sha256((version + material).encode()).hexdigest()[:32]}"'
        if entry is not None and entry[0] == version:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _storable(request, response):
                return _private(response)
            _public(response)
            response["ETag"] = etag
            response["Last-Modified"] = http_date(published_at(version).timestamp())
            entry = (version, response.status_code, dict(response.items()), response.content)
            cache.set(key, entry, settings.PUBLIC_CACHE_TIMEOUT)
            if local:
                entries.put(key, entry)
            response["X-Cache"] = "miss"
        return get_conditional_response(request, etag=etag, response=response)


class LocalEntries:
    """Entries in this process's memory, least recently used dropped first, at most as many bytes of
    content (an entry's last item) as the setting `limit_setting` says. An entry's first item is the
    version it is valid under. Thread-safe (gunicorn's threaded workers)."""

    def __init__(self, limit_setting: str = "PUBLIC_CACHE_LOCAL_BYTES"):
        self._limit_setting = limit_setting
        self._lock = threading.Lock()
        self._entries = OrderedDict()
        self._bytes = 0

    def get(self, key: str, version: str):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] != version:  # published since: never again reachable
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry) -> None:
        limit = getattr(settings, self._limit_setting)
        size = len(entry[-1])
        with self._lock:
            if key in self._entries:
                self._drop(key)
            if size > limit:
                return
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        self._bytes -= len(self._entries.pop(key)[-1])


entries = LocalEntries()


def _render(get_response, request):
    response = get_response(request)
    return _public(response) if _storable(request, response) else _private(response)


def _anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return not request.path_info.startswith(tuple(settings.PUBLIC_CACHE_EXCLUDE))


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= KEYED_VARY:
        return False
    return len(response.content) <= MAX_BYTES


def _material(request) -> str:
    """Everything a public response can differ by, but the version."""
    meta = request.META
    return "\x1f".join(
        (
            request.method,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            _chosen_language(request),
            meta.get("HTTP_ACCEPT", ""),
            meta.get("HTTP_HX_REQUEST", ""),
            timezone.localdate().isoformat(),
            release(),
        )
    )


@once
def release() -> str:
    """What a deployment changes: the RELEASE setting and the static files' manifest (their
    fingerprinted names are in every page)."""
    return f"{settings.RELEASE}:{getattr(staticfiles_storage, 'manifest_hash', '')}"


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_MAX_AGE)
    return response


def _private(response: HttpResponse) -> HttpResponse:
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "private, no-store"
    return response
