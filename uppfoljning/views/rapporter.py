"""Compiled follow-up reports (planägare) and the process evaluations behind them."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from uppfoljning.choices import UTVARDERING_OVERGANGAR, Utvarderingstillstand
from uppfoljning.compilation import media_path
from uppfoljning.models import PlaneradUppfoljning, Processutvardering, ProcessutvarderingDel
from uppfoljning.utvardering_selectors import processutvarderingar_for_user, uppfoljningsrapporter_for_user
from uppfoljning.utvardering_services import (
    DEL_FALT,
    UTVARDERING_FALT,
    processutvardering_transition,
    processutvardering_update,
    processutvarderingar_create,
    uppfoljningsrapport_enqueue,
    uppfoljningsrapport_start,
)

FORMAT = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
TRANSITION_KNAPP = {
    Utvarderingstillstand.UTKAST: "Återställ till utkast",
    Utvarderingstillstand.UNDER_GRANSKNING: "Skicka till granskning",
    Utvarderingstillstand.SLUTLIG: "Fastställ som slutlig",
}


def ko_konfigurerad() -> bool:
    return not settings.CELERY_TASK_ALWAYS_EAGER


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def rapport_list(request):
    _require(request, "uppfoljning.view_uppfoljningsrapport")
    rapporter = list(uppfoljningsrapporter_for_user(user=request.user))
    ar_val = list(PlaneradUppfoljning.objects.order_by("ar").values_list("ar", flat=True))
    return render(
        request,
        "uppfoljning/rapporter/list.html",
        {
            "klara": [r for r in rapporter if r.ar_klar],
            "pagaende": [r for r in rapporter if r.ar_aktiv],
            "misslyckade": [r for r in rapporter if not r.ar_klar and not r.ar_aktiv],
            "ar_val": ar_val,
            "ko_konfigurerad": ko_konfigurerad(),
        },
    )


@login_required
@require_POST
def rapport_start(request):
    _require(request, "uppfoljning.add_uppfoljningsrapport")
    try:
        ar = int(request.POST.get("ar", ""))
        rapport = uppfoljningsrapport_start(ar=ar, user=request.user)
    except (ValueError, ValidationError):
        messages.error(request, "Välj ett uppföljningsår som finns i planen.")
        return redirect("uppfoljning:rapporter")
    return redirect("uppfoljning:rapport", pk=rapport.pk)


@login_required
def rapport_detail(request, pk):
    _require(request, "uppfoljning.view_uppfoljningsrapport")
    rapport = get_object_or_404(uppfoljningsrapporter_for_user(user=request.user), pk=pk)
    if rapport.vantar_pa_ko and uppfoljningsrapport_enqueue(rapport_id=rapport.pk):
        rapport.refresh_from_db()  # the queue is back: the job has been handed over
    return render(
        request,
        "uppfoljning/rapporter/detail.html",
        {"rapport": rapport, "ko_konfigurerad": ko_konfigurerad(), "formats": ["pdf", "xlsx", "html"]},
    )


def artefakt_path(rapport, format: str):
    """The stored file of a complete report; 404 for anything not (yet) published."""
    if format not in FORMAT or not rapport.ar_klar:
        raise Http404
    path = media_path(rapport.fil(format)[0])
    if not path.is_file():
        raise Http404
    return path


def download_response(rapport, format: str) -> FileResponse:
    path = artefakt_path(rapport, format)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type=FORMAT[format])
    response["X-Content-SHA256"] = rapport.fil(format)[1]
    return response


def _fil(request, pk, format):
    _require(request, "uppfoljning.view_uppfoljningsrapport")
    rapport = get_object_or_404(uppfoljningsrapporter_for_user(user=request.user), pk=pk)
    return rapport, artefakt_path(rapport, format)


@login_required
def rapport_download(request, pk, format):
    _require(request, "uppfoljning.view_uppfoljningsrapport")
    rapport = get_object_or_404(uppfoljningsrapporter_for_user(user=request.user), pk=pk)
    return download_response(rapport, format)


@login_required
def rapport_visa(request, pk):
    """The HTML version of a compiled report, shown as it was compiled (no scripts in it)."""
    _rapport, path = _fil(request, pk, "html")
    response = HttpResponse(path.read_bytes(), content_type=FORMAT["html"])
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


# --- process evaluations ----------------------------------------------------------------------


class ProcessutvarderingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Processutvardering
        fields = [*UTVARDERING_FALT, "underlag"]
        widgets = {"underlag": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["underlag"].queryset = (
            self.instance.aktivitet.statusrapporter.select_related("organisation", "period")
            .filter(period__plan_id=self.instance.aktivitet.plan_id)
            .order_by("period__oppnar", "organisation__namn")
        )


class DelForm(forms.ModelForm):
    class Meta:
        model = ProcessutvarderingDel
        fields = list(DEL_FALT)


def processutvardering_list(request):
    utvarderingar = processutvarderingar_for_user(user=request.user)
    return render(
        request,
        "uppfoljning/rapporter/processutvardering_list.html",
        {
            "utvarderingar": utvarderingar,
            "kan_andra": request.user.has_perm("uppfoljning.change_processutvardering"),
            "uppfoljningar": PlaneradUppfoljning.objects.order_by("ar"),
        },
    )


@login_required
@require_POST
def processutvarderingar_skapa(request):
    _require(request, "uppfoljning.change_processutvardering")
    uppfoljning = get_object_or_404(PlaneradUppfoljning, ar=request.POST.get("ar") or 0)
    skapade = processutvarderingar_create(uppfoljning=uppfoljning, user=request.user)
    messages.success(request, f"{len(skapade)} processutvärderingar har lagts upp.")
    return redirect("uppfoljning:processutvarderingar")


def processutvardering_detail(request, pk):
    utvardering = get_object_or_404(processutvarderingar_for_user(user=request.user), pk=pk)
    return render(
        request,
        "uppfoljning/rapporter/processutvardering_detail.html",
        {
            "u": utvardering,
            "underlag": utvardering.underlag.select_related("organisation", "period"),
            "kan_andra": request.user.has_perm("uppfoljning.change_processutvardering", utvardering),
        },
    )


@login_required
def processutvardering_edit(request, pk):
    utvardering = get_object_or_404(processutvarderingar_for_user(user=request.user), pk=pk)
    _require(request, "uppfoljning.change_processutvardering", utvardering)
    delar = list(utvardering.delar.select_related("organisation"))
    if request.method == "POST" and "till" in request.POST:
        try:
            processutvardering_transition(
                utvardering=utvardering,
                user=request.user,
                till=request.POST["till"],
                version=int(request.POST.get("version", 0)),
            )
            messages.success(request, "Utvärderingens tillstånd är ändrat.")
            return redirect(utvardering)
        except (ValueError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("uppfoljning:processutvardering_edit", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = ProcessutvarderingForm(data, instance=utvardering, initial={"version": utvardering.version})
    delformer = [DelForm(data, instance=d, prefix=f"del{d.pk}") for d in delar]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in delformer):
        try:
            processutvardering_update(
                utvardering=utvardering,
                user=request.user,
                version=form.cleaned_data["version"],
                data={k: form.cleaned_data[k] for k in UTVARDERING_FALT},
                underlag=list(form.cleaned_data["underlag"]),
                delar={f.instance.pk: f.cleaned_data for f in delformer},
            )
            messages.success(request, "Utvärderingen är sparad.")
            return redirect(utvardering)
        except ValidationError as exc:
            for falt, fel in exc.message_dict.items():
                form.add_error(falt if falt in form.fields else None, fel)
    utvardering.refresh_from_db()
    return render(
        request,
        "uppfoljning/rapporter/processutvardering_form.html",
        {
            "u": utvardering,
            "form": form,
            "delformer": list(zip(delar, delformer, strict=True)),
            "overgangar": [
                (till, TRANSITION_KNAPP[till])
                for till in sorted(UTVARDERING_OVERGANGAR[Utvarderingstillstand(utvardering.tillstand)])
            ],
        },
    )
