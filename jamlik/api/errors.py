"""One place that turns errors into API responses: a domain error is 400 with its reason, a version
conflict 409 with the saved version, a refused permission 403 with the reason, a wrong
or expired API key 401, never a 500."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from jamlik.errors import Versionskonflikt


def exception_handler(exc, context):
    if isinstance(exc, Versionskonflikt):
        return Response(
            {"detail": " ".join(exc.messages), "version": exc.aktuell_version}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("Du har inte behörighet att göra detta."))
    if isinstance(exc, exceptions.NotFound) and not exc.detail:
        exc.detail = _("Hittades inte.")
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if (
        isinstance(exc, exceptions.AuthenticationFailed)
        and response is not None
        and request is not None
        and request.META.get("HTTP_AUTHORIZATION", "").startswith("Token ")
    ):
        # A key that is wrong, expired or revoked: 401 and how to authenticate (RFC 9110), even
        # though session authentication comes first and would make DRF answer 403.
        response.status_code = status.HTTP_401_UNAUTHORIZED
        response["WWW-Authenticate"] = "Token"
    return response


def not_found(request, exception=None):
    """handler404: a path under /api/ that matches no route gets JSON like every other API error."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Hittades inte.")}, status=404)
    return page_not_found(request, exception)
