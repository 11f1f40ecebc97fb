"""The accessibility statement (tillgänglighetsredogörelse) and its feedback form. Thin: the form
validates, the service stores and enqueues, the page says what happened."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from jamlik.errors import Domanfel
from synpunkter.forms import SynpunktForm
from synpunkter.services import sender_hash, synpunkt_create


def client_address(request) -> str:
    """The visitor's address. Behind PROXY_COUNT trusted reverse proxies it is the entry they
    appended to X-Forwarded-For (counted from the right; what the client sent itself is ignored),
    otherwise the peer, so the rate limit counts visitors, not the proxy."""
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def redogorelse(request):
    return render(request, "synpunkter/redogorelse.html", {"huvudman": settings.PORTAL_HUVUDMAN})


def synpunkt(request):
    if request.method == "POST":
        form = SynpunktForm(request.POST)
        if form.is_valid():
            try:
                synpunkt_create(
                    **form.cleaned_data,
                    sprak=get_language() or "",
                    avsandare=sender_hash(client_address(request)),
                )
            except Domanfel as exc:
                form.add_error(None, exc)
            else:
                return redirect("synpunkter:tack")
    else:
        form = SynpunktForm(initial={"sidadress": request.GET.get("sida", "")[:500]})
    return render(request, "synpunkter/synpunkt_form.html", {"form": form}, status=400 if form.errors else 200)


def tack(request):
    return render(request, "synpunkter/tack.html")
