"""The account's own endpoints: extending the session before it ends (the warning dialog), and the
language switch that also remembers a logged-in user's language for their notifications."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import i18n
from django.views.decorators.http import require_POST

from aviseringar.services import sprak_remember
from jamlik.ops.sessions import session_refresh


@require_POST
def forlang(request):
    """Extend the session (up to its maximum). JSON for the dialog's script; without JavaScript the
    dialog's form posts here and is sent back to the page it came from."""
    if not request.user.is_authenticated:
        return JsonResponse({"kvar": 0, "inloggad": False}, status=401)
    session_refresh(request, force=True)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(
            {
                "kvar": request.session_kvar,
                "varning": settings.SESSION_WARNING_SECONDS,
                "max_nadd": request.session_max_nadd,
                "inloggad": True,
            }
        )
    nasta = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(nasta, allowed_hosts={request.get_host()}):
        nasta = "/"
    return redirect(nasta)


def set_language(request):
    """Django's language switch; for a logged-in user the choice also becomes the language of their
    notifications (e-mails are written when nobody's browser is there to ask)."""
    response = i18n.set_language(request)
    sprak = request.POST.get("language")
    if request.method == "POST" and request.user.is_authenticated and sprak in dict(settings.LANGUAGES):
        sprak_remember(user=request.user, sprak=sprak)
    return response
