"""The user's notices (in-portal list, mark read), their settings, and the planägare's reminder
from the completeness page. Thin: permission, selector or service, redirect."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from aviseringar import selectors, services, tasks
from aviseringar.forms import InstallningForm, PaminnelseForm
from jamlik.rules import require
from uppfoljning.models import Uppfoljningsperiod

SIDSTORLEK = 30


@login_required
def lista(request):
    require(request.user, "aviseringar.view_avisering")
    sida = Paginator(selectors.aviseringar_for_user(request.user), SIDSTORLEK).get_page(request.GET.get("sida"))
    return render(request, "aviseringar/lista.html", {"sida": sida, "aviseringar": list(sida.object_list)})


@login_required
@require_POST
def markera_lasta(request):
    require(request.user, "aviseringar.view_avisering")
    avisering_id = request.POST.get("avisering")
    if avisering_id is not None and not avisering_id.isdigit():
        avisering_id = None
    services.avisering_mark_read(user=request.user, avisering_id=int(avisering_id) if avisering_id else None)
    messages.success(
        request, _("Markerad som läst.") if avisering_id else _("Alla aviseringar är markerade som lästa.")
    )
    nasta = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(nasta, allowed_hosts={request.get_host()}):
        nasta = reverse("aviseringar:lista")
    return redirect(nasta)


@login_required
def installningar(request):
    require(request.user, "aviseringar.view_avisering")
    installning = selectors.installning_for_user(request.user)
    initial = {
        "epost": installning.epost,
        "webb": installning.webb,
        "veckosammanfattning": installning.veckosammanfattning,
        "sprak": installning.sprak if installning.pk else request.LANGUAGE_CODE,
    }
    form = InstallningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.installning_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Dina val är sparade."))
        return redirect("aviseringar:installningar")
    return render(request, "aviseringar/installningar.html", {"form": form})


@login_required
@require_POST
def paminnelse(request):
    require(request.user, "aviseringar.send_paminnelse")
    form = PaminnelseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange vilken period påminnelsen gäller."))
        return redirect("uppfoljning:kompletthet")
    period = get_object_or_404(Uppfoljningsperiod.objects.select_related("plan"), pk=form.cleaned_data["period"])
    nya, organisationer = services.paminnelse_send(user=request.user, period=period)
    if nya:
        tasks.skicka_efter_commit()
        messages.success(
            request,
            ngettext(
                "Påminnelsen skickas till %(antal)s person.",
                "Påminnelsen skickas till %(antal)s personer.",
                nya,
            )
            % {"antal": nya}
            + " "
            + ngettext(
                "%(antal)s organisation har rapporter som inte är inskickade.",
                "%(antal)s organisationer har rapporter som inte är inskickade.",
                organisationer,
            )
            % {"antal": organisationer},
        )
    elif organisationer:
        messages.info(request, _("Alla som saknas har redan fått en påminnelse i dag."))
    else:
        messages.info(request, _("Ingen saknas: alla rapporter är inskickade."))
    query = urlencode({"plan": period.plan.slug, "period": period.slug})
    return redirect(reverse("uppfoljning:kompletthet") + "?" + query)
