"""Process evaluations: the public reads final ones; planägare create, write, review and finalise.

One form saves what was typed and, when a state button was pressed, moves the evaluation in the
same step; on any error nothing is saved and every typed word stays in the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jamlik.errors import Domanfel, Versionskonflikt
from jamlik.rules import may, require
from plan.selectors import aktivitet_ids
from uppfoljning.choices import Utvarderingshandling, Utvarderingstillstand
from uppfoljning.forms.rapportering import add_service_error
from uppfoljning.forms.utvardering import DelForm, ProcessutvarderingForm, SkapaForm
from uppfoljning.models import PlaneradUppfoljning
from uppfoljning.models.utvardering import UTVARDERING_FALT
from uppfoljning.selectors.publicering import godkant_underlag_prefetch, utvardering_underlag
from uppfoljning.selectors.utvardering import processutvarderingar_for_user
from uppfoljning.services.utvardering import (
    processutvardering_transition,
    processutvardering_update,
    processutvarderingar_create,
)


def processutvardering_list(request):
    return render(
        request,
        "uppfoljning/utvardering/list.html",
        {
            "utvarderingar": processutvarderingar_for_user(user=request.user),  # lazy: read when shown
            "aktivitet_ids": aktivitet_ids(plan=None),
            "kan_skapa": may(request.user, "uppfoljning.add_processutvardering"),
            "uppfoljningar": PlaneradUppfoljning.objects.order_by("ar"),
        },
    )


@login_required
@require_POST
def processutvarderingar_skapa(request):
    require(request.user, "uppfoljning.add_processutvardering")
    form = SkapaForm(request.POST)
    if not form.is_valid():  # e.g. a year that is not a number: the field's Swedish message, never a 500
        messages.error(request, " ".join(form.errors["ar"]))
        return redirect("uppfoljning:processutvarderingar")
    uppfoljning = PlaneradUppfoljning.objects.filter(ar=form.cleaned_data["ar"]).first()
    if uppfoljning is None:
        messages.error(request, _("Välj ett uppföljningsår som finns i planen."))
        return redirect("uppfoljning:processutvarderingar")
    skapade = processutvarderingar_create(user=request.user, uppfoljning=uppfoljning)
    antal = len(skapade)
    messages.success(
        request,
        ngettext("%(antal)s processutvärdering har lagts upp.", "%(antal)s processutvärderingar har lagts upp.", antal)
        % {"antal": antal},
    )
    return redirect("uppfoljning:processutvarderingar")


def processutvardering_detail(request, pk):
    utvardering = get_object_or_404(
        processutvarderingar_for_user(user=request.user).prefetch_related(godkant_underlag_prefetch()), pk=pk
    )
    return render(
        request,
        "uppfoljning/utvardering/detail.html",
        {
            "u": utvardering,
            "plan": utvardering.aktivitet.plan,
            # Approved reports only; a final evaluation's as they were when it was finalised.
            "underlag": utvardering_underlag(utvardering),
            "kan_andra": may(request.user, "uppfoljning.add_processutvardering"),
        },
    )


def _handlingar(user, utvardering) -> list[tuple[str, str]]:
    """The state buttons the user may press now: exactly the allowed moves of the transition table."""
    return [
        (handling.value, handling.label)
        for handling in Utvarderingshandling
        if may(user, f"uppfoljning.{handling}_processutvardering", utvardering)
    ]


@login_required
def processutvardering_edit(request, pk):
    utvardering = get_object_or_404(processutvarderingar_for_user(user=request.user), pk=pk)
    require(request.user, "uppfoljning.add_processutvardering")
    slutlig = utvardering.tillstand == Utvarderingstillstand.SLUTLIG
    delar = list(utvardering.delar.select_related("organisation"))
    data = request.POST if request.method == "POST" else None
    status = 200
    form = ProcessutvarderingForm(data, instance=utvardering, initial={"version": utvardering.version})
    delformer = [DelForm(data, instance=d, prefix=f"del{d.pk}") for d in delar]
    if request.method == "POST":
        handling = request.POST.get("handling") or None
        if handling is not None and handling not in Utvarderingshandling.values:
            form.add_error(None, _("Okänd åtgärd."))
        elif slutlig:
            # A final evaluation's content is locked: only the state can change (back to review).
            try:
                processutvardering_transition(
                    user=request.user,
                    utvardering_id=utvardering.pk,
                    handling=handling or "",
                    version=int(request.POST.get("version") or 0),
                )
            except Versionskonflikt as exc:
                # Changed since the page was loaded: the page as saved now, the message on top (409).
                messages.error(request, " ".join(exc.messages))
                utvardering.refresh_from_db()
                slutlig = utvardering.tillstand == Utvarderingstillstand.SLUTLIG
                form = ProcessutvarderingForm(instance=utvardering, initial={"version": utvardering.version})
                delformer = [DelForm(instance=d, prefix=f"del{d.pk}") for d in delar]
                status = 409
            except (Domanfel, ValueError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
                return redirect("uppfoljning:processutvardering_edit", pk=pk)
            else:
                messages.success(request, _("Utvärderingens tillstånd är ändrat."))
                return redirect("uppfoljning:processutvardering_edit", pk=pk)
        elif not all([form.is_valid(), *[f.is_valid() for f in delformer]]):
            # Name the pilot sections that need correcting in the summary at the top.
            for del_, delform in zip(delar, delformer, strict=True):
                if delform.errors:
                    form.add_error(
                        None, _("Rätta fälten under Pilotverksamhet: %(namn)s.") % {"namn": del_.organisation.namn}
                    )
        else:
            try:
                with transaction.atomic():
                    sparad = processutvardering_update(
                        user=request.user,
                        utvardering_id=utvardering.pk,
                        version=form.cleaned_data["version"],
                        data={k: form.cleaned_data[k] for k in UTVARDERING_FALT},
                        underlag=list(form.cleaned_data["underlag"]),
                        delar={f.instance.pk: f.cleaned_data for f in delformer},
                    )
                    if handling:
                        processutvardering_transition(
                            user=request.user, utvardering_id=sparad.pk, handling=handling, version=sparad.version
                        )
            except Versionskonflikt as exc:
                # Someone saved since the page was loaded: nothing is saved, every typed word stays,
                # and the form now carries the saved version, so saving again is a deliberate choice
                # to replace the other change (409, as in the API).
                form.add_error(None, exc.messages)
                form.data = form.data.copy()
                form.data["version"] = str(exc.aktuell_version)
                status = 409
            except Domanfel as exc:
                add_service_error(form, exc)
            else:
                if handling:
                    messages.success(request, _("Utvärderingen är sparad och dess tillstånd är ändrat."))
                else:
                    messages.success(request, _("Utvärderingen är sparad."))
                return redirect(utvardering)
    return render(
        request,
        "uppfoljning/utvardering/form.html",
        {
            "u": utvardering,
            "form": form,
            "slutlig": slutlig,
            "delformer": list(zip(delar, delformer, strict=True)),
            "handlingar": _handlingar(request.user, utvardering),
        },
        status=status,
    )
