"""The import of area statistics (planägare). The public indicator pages are in
indikatorer/views/publik.py, mounted with the other pages of a plan (jamlik/web/urls.py).

Thin: the permission from the rules, validation and writing in indikatorer/services/statistik.py.
Between preview and apply the uploaded file waits in the cache under a random token bound to the
user (an hour, bounded by INDIKATORER_IMPORT_MAX_BYTES); apply validates it again from scratch."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indikatorer import statistikfil
from indikatorer.forms import StatistikForm
from indikatorer.selectors.inlasningar import senaste_inlasningar
from indikatorer.services.statistik import statistik_apply, statistik_preview, tillatna_ar
from jamlik.errors import Domanfel
from jamlik.exports import XLSX_TYPE
from jamlik.rules import require
from plan.models import Plan
from plan.selectors import plan_current, planer

GILTIG_SEKUNDER = 3600


def _nyckel(user, token: str) -> str:
    return f"indikatorer-import:{user.pk}:{token}"


def _plan(request) -> Plan:
    slug = (request.GET.get("plan") or request.POST.get("plan") or "")[:100]
    if slug:
        return get_object_or_404(Plan, slug=slug)
    plan = plan_current()
    if plan is None:
        raise PermissionDenied(_("Ingen plan är inläst."))
    return plan


@login_required
def statistik_import(request):
    require(request.user, "indikatorer.import_varde")
    plan = _plan(request)
    form = StatistikForm(request.POST or None, request.FILES or None)
    forhandsvisning, token = None, None
    if request.method == "POST" and form.is_valid():
        fil = form.cleaned_data["fil"]
        data = fil.read()
        try:
            forhandsvisning = statistik_preview(user=request.user, plan=plan, data=data, filnamn=fil.name)
        except Domanfel as exc:
            for text in exc.messages:
                form.add_error("fil", text)
        else:
            if forhandsvisning.fel:
                form.add_error(
                    "fil",
                    _("%(antal)s fel i filen. Inget sparas förrän filen är rättad.")
                    % {"antal": len(forhandsvisning.fel)},
                )
            elif forhandsvisning.kan_verkstallas:
                token = secrets.token_urlsafe(16)
                cache.set(
                    _nyckel(request.user, token),
                    {"plan": plan.pk, "data": data, "filnamn": fil.name},
                    GILTIG_SEKUNDER,
                )
    fran, till = tillatna_ar(plan)
    return render(
        request,
        "indikatorer/statistik_import.html",
        {
            "plan": plan,
            "planer": list(planer()),
            "form": form,
            "forhandsvisning": forhandsvisning,
            "visade_fel": forhandsvisning.fel[:500] if forhandsvisning else [],
            "token": token,
            "max_mb": settings.INDIKATORER_IMPORT_MAX_BYTES // (1024 * 1024),
            "fran": fran,
            "till": till,
            "inlasningar": senaste_inlasningar(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def statistik_mall(request):
    require(request.user, "indikatorer.import_varde")
    response = HttpResponse(statistikfil.mall_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="statistik-mall.xlsx"'
    return response


@login_required
@require_POST
def statistik_spara(request):
    require(request.user, "indikatorer.import_varde")
    token = request.POST.get("token", "")[:100]
    sparat = cache.get(_nyckel(request.user, token)) if token else None
    if sparat is None:
        messages.error(request, _("Förhandsvisningen har gått ut eller finns inte. Ladda upp filen igen."))
        return redirect(reverse("indikatorer:import"))
    plan = get_object_or_404(Plan, pk=sparat["plan"])
    adress = reverse("indikatorer:import") + f"?plan={plan.slug}"
    try:
        inlasning = statistik_apply(user=request.user, plan=plan, data=sparat["data"], filnamn=sparat["filnamn"])
    except Domanfel as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(adress)
    cache.delete(_nyckel(request.user, token))
    messages.success(
        request,
        _("Statistiken är sparad: %(nya)s nya och %(andrade)s ändrade värden, %(oforandrade)s oförändrade.")
        % {"nya": inlasning.antal_nya, "andrade": inlasning.antal_andrade, "oforandrade": inlasning.antal_oforandrade},
    )
    return redirect(adress)
