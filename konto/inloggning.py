"""Failed logins counted per client address, across usernames (django-axes counts per username and
address): one password tried against many accounts from one address is slowed down and logged.

Counted in the "throttle" cache (Redis, or the process's memory while Redis is down), in a fixed
window of LOGIN_IP_WINDOW_SECONDS; past LOGIN_IP_FAILURE_LIMIT failures the address gets 429 on
every login attempt until the window ends. A successful login does not reset the count."""

import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

logger = logging.getLogger("jamlik.konto")


def _key(address: str) -> str:
    return f"login-failures:{address}"


def failures_record(request: HttpRequest) -> int:
    """Count one failed login from the request's address; log when the address passes the limit."""
    limit = settings.LOGIN_IP_FAILURE_LIMIT
    address = get_client_ip_address(request)
    if not limit or not address:
        return 0
    cache = caches["throttle"]
    cache.add(_key(address), 0, timeout=settings.LOGIN_IP_WINDOW_SECONDS)
    try:
        count = cache.incr(_key(address))
    except ValueError:  # expired between add and incr
        cache.set(_key(address), 1, timeout=settings.LOGIN_IP_WINDOW_SECONDS)
        count = 1
    if count >= limit:
        logger.warning(
            "login failures from one address",
            extra={"event": "login_failures_from_address", "client_ip": address, "failures": count},
        )
    return count


def address_is_slowed(request: HttpRequest) -> bool:
    limit = settings.LOGIN_IP_FAILURE_LIMIT
    address = get_client_ip_address(request)
    if not limit or not address:
        return False
    return (caches["throttle"].get(_key(address)) or 0) >= limit
