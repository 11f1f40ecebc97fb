"""The error pages: portal-styled, in the visitor's language. A path under /api/ gets JSON like
every other API error. The 500 page is rendered from settings alone, without the request's context
processors (user, session, messages, the plan chooser): it must work when the database does not."""

from django.conf import settings
from django.http import HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Ett oväntat fel uppstod. Felet är loggat.")},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponseServerError(render_to_string("500.html", {"portal_namn": settings.PORTAL_NAMN}))
