"""Compiled follow-up reports (sammanställningar): start, follow, download (planägare)."""

import zlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from jamlik.errors import Domanfel
from jamlik.rules import require
from uppfoljning.forms.sammanstallning import StartForm
from uppfoljning.models import PlaneradUppfoljning
from uppfoljning.sammanstallning.filer import FORMAT, artefakt_namn, download_response
from uppfoljning.selectors.sammanstallning import andringar_att_visa, uppfoljningsrapporter_for_user
from uppfoljning.services.sammanstallning import Utfall, uppfoljningsrapport_enqueue, uppfoljningsrapport_start


def ko_konfigurerad() -> bool:
    return not settings.CELERY_TASK_ALWAYS_EAGER


def _list_context(request, start_form: StartForm) -> dict:
    rapporter = list(uppfoljningsrapporter_for_user(user=request.user))
    return {
        "klara": [r for r in rapporter if r.ar_klar],
        "pagaende": [r for r in rapporter if r.ar_aktiv],
        "misslyckade": [r for r in rapporter if not r.ar_klar and not r.ar_aktiv],
        "start_form": start_form,
        "ko_konfigurerad": ko_konfigurerad(),
    }


@login_required
def rapport_list(request):
    require(request.user, "uppfoljning.view_uppfoljningsrapport")
    start_form = StartForm(initial={"uppfoljning": PlaneradUppfoljning.objects.order_by("-ar").first()})
    return render(request, "uppfoljning/sammanstallning/list.html", _list_context(request, start_form))


# The service's fields in its Swedish messages → the form's fields.
_FALT = {"ar": "uppfoljning", "malomrade": "malomrade", "organisation": "organisation", "omfattning": "omfattning"}


@login_required
@require_POST
def rapport_start(request):
    """Start a compilation; a second start of the same scope joins the running one, and one over
    unchanged content shows the existing version instead (unless `tvinga`). Bad input is shown
    next to its field with the rest of the form kept."""
    require(request.user, "uppfoljning.add_uppfoljningsrapport")
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            start = uppfoljningsrapport_start(user=request.user, **form.start_kwargs())
        except Domanfel as exc:
            if hasattr(exc, "error_dict"):
                for falt, fel in exc.message_dict.items():
                    form.add_error(_FALT.get(falt), fel)
            else:
                form.add_error(None, exc.messages)
        else:
            rapport = start.rapport
            if start.utfall == Utfall.OFORANDRAD:
                messages.info(
                    request,
                    _(
                        "Underlaget har inte ändrats sedan version %(version)s: ingen ny version skapades. "
                        "Här är den versionen."
                    )
                    % {"version": rapport.version},
                )
            elif start.utfall == Utfall.PAGAENDE:
                messages.info(
                    request,
                    _("Samma urval sammanställs redan (version %(version)s). Du följer den sammanställningen.")
                    % {"version": rapport.version},
                )
            return redirect("uppfoljning:sammanstallning", pk=rapport.pk)
    return render(request, "uppfoljning/sammanstallning/list.html", _list_context(request, form), status=400)


def _foljd_rapport(request, pk):
    """The job a planägare follows. One that never reached the queue (the broker was away when it
    was started) is handed to it again: following the job is what brings it back."""
    require(request.user, "uppfoljning.view_uppfoljningsrapport")
    rapport = get_object_or_404(uppfoljningsrapporter_for_user(user=request.user), pk=pk)
    if rapport.vantar_pa_ko and uppfoljningsrapport_enqueue(rapport_id=rapport.pk):
        rapport.refresh_from_db()  # the queue is back: the job has been handed over
    return rapport


def _forlopp(rapport) -> dict:
    """What the progress fragment shows, and `sett`: a name for that state (percentage, status and
    step), which the page sends back when it polls so the server can tell whether anything changed."""
    steg = zlib.crc32(rapport.steg.encode())
    return {"rapport": rapport, "sett": f"{rapport.progress}-{rapport.status}-{steg:08x}"}


@login_required
def rapport_detail(request, pk):
    rapport = _foljd_rapport(request, pk)
    tvinga_form = StartForm(
        initial={
            "uppfoljning": PlaneradUppfoljning.objects.filter(plan=rapport.plan, ar=rapport.ar)
            .values_list("pk", flat=True)
            .first(),
            "omfattning": rapport.omfattning,
            "malomrade": rapport.malomrade_id,
            "organisation": rapport.organisation_id,
        }
    )
    return render(
        request,
        "uppfoljning/sammanstallning/detail.html",
        {
            **_forlopp(rapport),
            "ko_konfigurerad": ko_konfigurerad(),
            "tvinga_form": tvinga_form,
            "andringar": andringar_att_visa(rapport),
        },
    )


def rapport_forlopp(request, pk):
    """The progress fragment (_forlopp.html) that htmx on the report's page polls every second while
    the job runs. 204 No Content while the job is in the state the page shows (?sett=): htmx swaps
    nothing, so the live status line is not rewritten. Without JavaScript the page itself is reloaded
    with its "Uppdatera förloppet" link; this URL only serves htmx."""
    if not request.user.is_authenticated:
        # Logged out meanwhile: reload the page, which then asks to log in, rather than swap the
        # login page into the progress bar.
        return HttpResponseClientRefresh() if request.htmx else redirect_to_login(request.get_full_path())
    rapport = _foljd_rapport(request, pk)
    if not request.htmx:
        return redirect(rapport)  # the fragment alone is no page
    kontext = _forlopp(rapport)
    if request.GET.get("sett") == kontext["sett"]:
        response = HttpResponse(status=204)
    else:
        response = render(request, "uppfoljning/sammanstallning/_forlopp.html", kontext)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def rapport_download(request, pk, format):
    require(request.user, "uppfoljning.view_uppfoljningsrapport")
    rapport = get_object_or_404(uppfoljningsrapporter_for_user(user=request.user), pk=pk)
    return download_response(rapport, format)


@login_required
def rapport_visa(request, pk):
    """The HTML version of a compiled report, shown as it was compiled (no scripts in it)."""
    require(request.user, "uppfoljning.view_uppfoljningsrapport")
    rapport = get_object_or_404(uppfoljningsrapporter_for_user(user=request.user), pk=pk)
    with default_storage.open(artefakt_namn(rapport, "html"), "rb") as fil:
        innehall = fil.read()
    response = HttpResponse(innehall, content_type=FORMAT["html"])
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response
