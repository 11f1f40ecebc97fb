"""The spreadsheet round-trip page: download the organisation's reports of a period as XLSX, upload
the edited file, see exactly what would change row by row, apply all rows or none.

Thin: the permission from the rules, the workbook from uppfoljning/kalkylblad.py, preview and apply
from uppfoljning/services/kalkylblad.py. Between preview and apply the parsed rows wait in the cache
under a random token bound to the user (an hour); apply re-checks everything through the services."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jamlik.errors import Domanfel
from jamlik.exports import XLSX_TYPE
from jamlik.rules import require
from uppfoljning import kalkylblad
from uppfoljning.forms.kalkylblad import KalkylbladForm
from uppfoljning.models import Uppfoljningsperiod
from uppfoljning.selectors import rapportering as selectors
from uppfoljning.services import kalkylblad as services
from uppfoljning.views.rapportering import _period_from, _plan_from

GILTIG_SEKUNDER = 3600


def _nyckel(user, token: str) -> str:
    return f"kalkylblad:{user.pk}:{token}"


def _period(request) -> Uppfoljningsperiod:
    plan = _plan_from(request)
    period = _period_from(request, plan)
    if period is None:
        raise Http404
    return period


# mode → (permission, preview, apply, export, file name, template heading)
LAGEN = {
    "rapporter": (
        "uppfoljning.use_kalkylblad",
        services.kalkylblad_preview,
        services.kalkylblad_apply,
        services.kalkylblad_export,
        "statusrapporter",
    ),
    "granskning": (
        "uppfoljning.use_granskningsblad",
        services.granskning_preview,
        services.granskning_apply,
        services.granskning_export,
        "granskning",
    ),
}


def _page(request, lage: str):
    perm, preview, _apply, _export, _namn = LAGEN[lage]
    require(request.user, perm)
    period = _period(request)
    form = KalkylbladForm(request.POST or None, request.FILES or None)
    forhandsvisning, token = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["fil"].read()
        forhandsvisning = preview(user=request.user, period=period, data=data)
        for fel in forhandsvisning.fel:
            form.add_error("fil", fel)
        if forhandsvisning.kan_verkstallas:
            token = secrets.token_urlsafe(16)
            cache.set(
                _nyckel(request.user, token),
                {"lage": lage, "period": period.pk, "rader": forhandsvisning.as_data()},
                GILTIG_SEKUNDER,
            )
    return render(
        request,
        "uppfoljning/rapportering/kalkylblad.html",
        {
            "lage": lage,
            "period": period,
            "perioder": selectors.perioder(plan=period.plan),
            "form": form,
            "forhandsvisning": forhandsvisning,
            "token": token,
            "max_mb": kalkylblad.MAX_BYTES // (1024 * 1024),
            "ladda_ner": reverse(f"uppfoljning:{'kalkylblad' if lage == 'rapporter' else 'granskningsblad'}_ladda_ner"),
        },
        status=400 if form.errors or (forhandsvisning and forhandsvisning.antal_fel) else 200,
    )


def _download(request, lage: str):
    perm, _preview, _apply, export, namn = LAGEN[lage]
    require(request.user, perm)
    period = _period(request)
    response = HttpResponse(export(user=request.user, period=period), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{namn}-{period.slug}.xlsx"'
    return response


@login_required
def kalkylblad_page(request):
    return _page(request, "rapporter")


@login_required
def kalkylblad_download(request):
    return _download(request, "rapporter")


@login_required
def granskningsblad_page(request):
    return _page(request, "granskning")


@login_required
def granskningsblad_download(request):
    return _download(request, "granskning")


@login_required
@require_POST
def kalkylblad_apply(request):
    """Apply a previewed sheet (either mode: the token says which)."""
    token = request.POST.get("token", "")
    sparat = cache.get(_nyckel(request.user, token)) if token else None
    if sparat is None:
        messages.error(request, _("Förhandsvisningen har gått ut eller finns inte. Ladda upp filen igen."))
        return redirect(reverse("uppfoljning:kalkylblad"))
    perm, _preview, apply, _export, _namn = LAGEN[sparat["lage"]]
    require(request.user, perm)
    period = get_object_or_404(Uppfoljningsperiod.objects.select_related("plan"), pk=sparat["period"])
    sida = "uppfoljning:kalkylblad" if sparat["lage"] == "rapporter" else "uppfoljning:granskningsblad"
    adress = reverse(sida) + f"?plan={period.plan.slug}&period={period.slug}"
    try:
        antal = apply(user=request.user, period=period, rader=sparat["rader"])
    except (Domanfel, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, Domanfel) else str(exc)
        messages.error(request, text)
        return redirect(adress)
    cache.delete(_nyckel(request.user, token))
    if sparat["lage"] == "rapporter":
        messages.success(request, _("%(antal)s rapporter är sparade från kalkylbladet.") % {"antal": antal})
    else:
        messages.success(request, _("%(antal)s rapporter är granskade från kalkylbladet.") % {"antal": antal})
    return redirect(reverse("uppfoljning:mina_rapporter") + f"?plan={period.plan.slug}&period={period.slug}")
