"""/health/ for a load balancer: database, cache and broker. 200 while the portal can serve
(database up); 503 when it cannot. Cache and broker outages are reported, not fatal: the portal
keeps serving without them and report compilations wait in the queue."""

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "unavailable"


def _cache() -> str:
    if not settings.REDIS_URL:
        return "local"
    try:
        client = cache._cache.get_client(write=True)  # the raw client raises instead of degrading
        client.ping()
        return "ok"
    except Exception:
        return "unavailable"


def _broker() -> str:
    if not settings.REDIS_URL:
        return "eager"
    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except Exception:
        return "unavailable"


@never_cache
@require_GET
def health(request):
    checks = {"database": _database(), "cache": _cache(), "broker": _broker()}
    status = "ok" if all(v in {"ok", "local", "eager"} for v in checks.values()) else "degraded"
    if checks["database"] != "ok":
        status = "unavailable"
    return JsonResponse({"status": status, **checks}, status=503 if status == "unavailable" else 200)
