"""Sessions that keep work (WCAG 2.2.1, issue 12).

- **Sliding, with a maximum.** A logged-in session ends SESSION_COOKIE_AGE seconds after the last
  request (idle), and never later than SESSION_MAX_AGE seconds after login. The expiry is
  refreshed at most every SESSION_REFRESH_SECONDS, so most requests write nothing (cheaper than
  SESSION_SAVE_EVERY_REQUEST). The expiry is an absolute time, so a save for another reason never
  pushes it past the maximum. `request.session_kvar` says how many seconds remain (the page's
  warning dialog counts down from it, static/js/portal.js) and `request.session_max_nadd` whether
  extending can still help.
- **A post that arrives after expiry keeps its fields.** When a form is posted by a visitor whose
  session has ended and the answer is the redirect to the login page, the posted fields (never
  the CSRF token, passwords or files) are kept server-side in the cache under a random id, for an
  hour, with the id in an HttpOnly cookie. After logging in, the user lands on the form page (the
  page the form was on), where `request.atergang` holds the fields: the page fills the form in and
  says so; nothing is sent again until the user sends it."""

import secrets
import time
from datetime import UTC, datetime
from urllib.parse import quote, urlparse

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

START = "_jamlik_start"
SLUT = "_jamlik_slut"
ATERGANG_COOKIE = "jamlik_atergang"
ATERGANG_TTL = 60 * 60
HEMLIGA = {
    "csrfmiddlewaretoken",
    "password",
    "password1",
    "password2",
    "old_password",
    "new_password1",
    "new_password2",
}


def session_refresh(request, *, force: bool = False) -> None:
    """Move the session's end to now + the idle time, capped by the maximum after login."""
    session, nu = request.session, time.time()
    start = session.get(START)
    if start is None:
        start = session[START] = nu
    slut = session.get(SLUT, 0)
    if force or nu - (slut - settings.SESSION_COOKIE_AGE) >= settings.SESSION_REFRESH_SECONDS:
        nytt = min(nu + settings.SESSION_COOKIE_AGE, start + settings.SESSION_MAX_AGE)
        if nytt != slut:
            session[SLUT] = nytt
            session.set_expiry(datetime.fromtimestamp(nytt, tz=UTC))
            slut = nytt
    request.session_kvar = max(0, int(slut - nu))
    request.session_max_nadd = start + settings.SESSION_MAX_AGE <= slut + 1


def session_start(sender, *, request, user, **kwargs) -> None:
    """At login (user_logged_in): the maximum counts from now, and the first end is set, so the
    first pages after the login write nothing more."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[START] = time.time()
    session_refresh(request, force=True)


class SlidingSessionMiddleware:
    """After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.atergang = None
        user = _user(request)
        if user is not None and user.is_authenticated:
            start = request.session.get(START)
            if start is not None and time.time() - start >= settings.SESSION_MAX_AGE:
                request.utloggad_id = str(user.pk)
                logout(request)  # the maximum is reached: a fresh login is needed
            else:
                session_refresh(request)
                if request.method == "GET":
                    request.atergang = atergang_take(request)
        response = self.get_response(request)
        user = _user(request)
        if user is None or response.status_code == 503:
            # The database is down (DatabaseUnavailableMiddleware answered): do not let the session
            # middleware try to save a refreshed expiry now, which would turn the 503 into a 500.
            if hasattr(request, "session"):
                request.session.modified = False
            return response
        if request.method == "POST" and not user.is_authenticated:
            self._keep_post(request, response)
        elif request.atergang is not None:
            response.delete_cookie(ATERGANG_COOKIE, samesite="Lax")
        return response

    def _keep_post(self, request, response) -> None:
        login = resolve_url(settings.LOGIN_URL)
        if response.status_code != 302 or urlparse(response.get("Location", "")).path != login:
            return
        falt = [
            (namn, varde)
            for namn, varden in request.POST.lists()
            if namn not in HEMLIGA and "password" not in namn.lower()
            for varde in varden
        ]
        if not falt:
            return
        # Back to the page the form was on (the posted-to address may answer POST only).
        sida = request.get_full_path()
        referer = request.META.get("HTTP_REFERER", "")
        if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
            parsed = urlparse(referer)
            sida = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        nyckel = secrets.token_urlsafe(32)
        data = {"sida": sida, "falt": falt, "filer": bool(request.FILES), "anvandare": _expired_user_id(request)}
        cache.set(f"atergang:{nyckel}", data, ATERGANG_TTL)
        response["Location"] = f"{login}?next={quote(sida, safe='/')}"
        response.set_cookie(
            ATERGANG_COOKIE,
            nyckel,
            max_age=ATERGANG_TTL,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )


def atergang_take(request) -> dict | None:
    """The fields kept from a post that arrived after the session ended, for this page: taken once
    (deleted from the cache) by the logged-in user who lands on the page the form was on."""
    nyckel = request.COOKIES.get(ATERGANG_COOKIE)
    if not nyckel or not request.user.is_authenticated:
        return None
    data = cache.get(f"atergang:{nyckel}")
    if not data or data["sida"] != request.get_full_path():
        return None
    if data.get("anvandare") not in (None, str(request.user.pk)):
        return None  # someone else logged in on this browser: never show them another's text
    cache.delete(f"atergang:{nyckel}")
    return data


def _expired_user_id(request) -> str | None:
    """Who the ended session belonged to, when that is still known: the user logged out at the
    maximum by this request, or the user id in the expired session's row (database sessions keep
    expired rows until `clearsessions`). The kept fields are given back to that user only."""
    if getattr(request, "utloggad_id", None):
        return request.utloggad_id
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    model = getattr(request.session, "model", None)  # the database session backend
    if not key or model is None:
        return None
    row = model.objects.filter(session_key=key).only("session_data").first()
    if row is None:
        return None
    return request.session.decode(row.session_data).get(SESSION_KEY)


def _user(request):
    """The request's user, or None when it cannot be read because the database is unreachable
    (then the view's own query fails and DatabaseUnavailableMiddleware answers 503 with the text
    kept; this middleware must not turn that into a 500)."""
    try:
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 — evaluates the lazy user (session and user queries)
        return user
    except (OperationalError, InterfaceError):
        return None
