"""The account's own endpoints: extending the session before it ends (the warning dialog)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

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
