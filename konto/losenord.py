"""Password reset by e-mail for installations that keep local passwords: who may ask how often.

Counted in the "throttle" cache (Redis, or the process's memory while Redis is down), per client
address (past PASSWORD_RESET_MAX_PER_ADDRESS requests in an hour: 429) and per e-mail address (past
PASSWORD_RESET_MAX_PER_EMAIL in an hour no further mail is sent, and the page says the same as
always, so nobody learns whether an address has an account)."""

import hashlib
import hmac
import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

logger = logging.getLogger("jamlik.konto")

WINDOW_SECONDS = 3600


def reset_available() -> bool:
    return settings.LOCAL_LOGIN_ENABLED and settings.PASSWORD_RESET_ENABLED


def _count(key: str) -> int:
    cache = caches["throttle"]
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def _email_key(email: str) -> str:
    # A keyed hash: the cache never holds the address itself.
    digest = hmac.new(settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256).hexdigest()
    return f"password-reset-email:{digest}"


def address_request_allowed(request: HttpRequest) -> bool:
    """Count one reset request from the client's address; False past the hourly limit (logged)."""
    address = get_client_ip_address(request) or ""
    count = _count(f"password-reset-address:{address}")
    if count > settings.PASSWORD_RESET_MAX_PER_ADDRESS:
        logger.warning(
            "password reset requests from one address",
            extra={"event": "password_reset_throttled", "client_ip": address, "requests": count},
        )
        return False
    return True


def email_mail_allowed(email: str) -> bool:
    """Count one reset mail to an e-mail address (whether or not it has an account)."""
    return _count(_email_key(email)) <= settings.PASSWORD_RESET_MAX_PER_EMAIL
