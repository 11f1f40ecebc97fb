"""Middleware of the portal: request logging without personal data, database outages answered
with 503 and the typed text kept, NUL bytes refused, and Swedish as the default language."""

import logging
import time

from django.apps import apps
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, models
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger("jamlik.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        # Only a user the request already loaded: logging must never query the database.
        user = getattr(request, "_cached_user", None)
        logger.info(
            "request",
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "route": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """When the database is unreachable (restarting, failing over), answer 503 with a reason
    instead of a 500 — and for a submitted form, show back everything the user typed with a
    button to send it again, so nothing is lost. Writes are atomic, so nothing was half-saved."""

    SECRET_FIELDS = {"csrfmiddlewaretoken", "password", "password1", "password2", "old_password", "new_password"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _is_connection_error(exception):
            return None
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        logger.warning("database unavailable", extra={"event": "database_unavailable", "path": request.path})
        message = _("Databasen är tillfälligt otillgänglig. Inget sparades. Försök igen om en liten stund.")
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            response = SimpleTemplateResponse(
                "fel/databas.html",
                {
                    "request": request,
                    "message": message,
                    "falt": self._fields(request) if request.method == "POST" else [],
                    "csrf_token_value": _csrf_token(request),
                },
                status=503,
            ).render()
        response["Retry-After"] = "5"
        return response

    def _fields(self, request) -> list[dict]:
        labels, text_fields = _field_labels()
        fields = []
        for name, values in request.POST.lists():
            if name in self.SECRET_FIELDS:
                continue
            for value in values:
                fields.append(
                    {
                        "namn": name,
                        "etikett": labels.get(name, name),
                        "varde": value,
                        "lang": name in text_fields or len(value) > 80 or "\n" in value,
                    }
                )
        return fields


def _is_connection_error(exception) -> bool:
    return isinstance(exception, InterfaceError | OperationalError)


def _csrf_token(request) -> str:
    return get_token(request)


def _field_labels() -> tuple[dict[str, str], set[str]]:
    """Human labels for form field names from our models' verbose names, and which names are long
    texts (shown as text areas). Model metadata only: no database access."""
    labels, text_fields = {}, set()
    for model in apps.get_models():
        if model._meta.app_label in {"plan", "samverkan", "uppfoljning"}:
            for field in model._meta.get_fields():
                if hasattr(field, "verbose_name"):
                    labels.setdefault(field.name, str(field.verbose_name).capitalize())
                if isinstance(field, models.TextField):
                    text_fields.add(field.name)
    return labels, text_fields


class RequestTooLargeMiddleware:
    """Refuse a body larger than REQUEST_MAX_BYTES from its Content-Length header, before anything
    reads it: 413 with the reason, JSON under /api/. (Django reads no body without Content-Length.)
    The reverse proxy should refuse the same bodies even earlier (README: client_max_body_size)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            with translation.override(_chosen_language(request)):
                message = str(
                    _("Förfrågan är för stor (%(mb)s MB). Största tillåtna storlek är %(max)s MB.")
                    % {"mb": round(length / (1024 * 1024), 1), "max": limit // (1024 * 1024)}
                )
            logger.warning("request too large", extra={"event": "request_too_large", "content_length": length})
            if request.path.startswith("/api/"):
                response = JsonResponse({"detail": message}, status=413, json_dumps_params={"ensure_ascii": False})
            else:
                response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            return response
        return self.get_response(request)


class RejectNulMiddleware:
    """PostgreSQL cannot store or compare text containing NUL (0x00); such input would reach the
    database as an error. Refuse it at the door with a 400 and a reason instead."""

    MESSAGE = gettext_lazy("Förfrågan innehåller ett otillåtet tecken (NUL).")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            # Refused before the locale middleware runs: answer in the language the visitor chose.
            with translation.override(_chosen_language(request)):
                message = str(self.MESSAGE)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        # A NUL can reach the query only percent-encoded, so the raw query string says it all.
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in {"POST", "PUT", "PATCH"}:
            if content_type.startswith("application/json"):
                return b"\\u0000" in request.body or b"\x00" in request.body
            if content_type.startswith("application/x-www-form-urlencoded"):
                return any("\x00" in value for values in request.POST.lists() for value in values[1])
        return False


class SwedishFirstLocaleMiddleware:
    """Swedish unless the visitor has chosen otherwise with the language switch (cookie). The
    browser's Accept-Language is deliberately not consulted: this is a Swedish municipality's
    portal, and plan content is Swedish whatever the interface language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response


def _chosen_language(request) -> str:
    """The language chosen with the language switch (cookie), else Swedish."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class PrivacyHeadersMiddleware:
    """Headers that keep what is private private: a Permissions-Policy that switches off the browser
    features the portal never uses, and `Cache-Control: private, no-store` on every response to a
    logged-in user or an API client with credentials, so no proxy or shared browser cache keeps it.
    Anonymous responses are left to the views (public pages may be cached)."""

    PERMISSIONS_POLICY = (
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        if self._private(request):
            response.headers["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _private(request) -> bool:
        """Credentials or a session make a response private. Never looks the user up here: with the
        database down that lookup would turn a clean 503 into a 500."""
        if "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        user = request.__dict__.get("user")
        if isinstance(user, SimpleLazyObject):
            user = None if user._wrapped is empty else user._wrapped
        return bool(user is not None and user.is_authenticated)
