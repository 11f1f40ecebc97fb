"""Public pages of the plan: start, målområden, strategier, organisationer, activities, search."""

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from plan.choices import AktivitetTyp, Roll
from plan.exports import csv_response, xlsx_response
from plan.filters import AktivitetFilterSet, OrganisationFilterSet
from plan.models import Aktivitet, Malomrade, Strategi
from plan.selectors import (
    aktiviteter_with_roller,
    aktuell_status,
    malomraden_with_strategier,
    organisationer_list,
    plan_current,
    sok,
)
from plan.selectors import (
    organisation_detail as organisation_detail_selector,
)
from samverkan.selectors import insatser_for_strategi, placeringar_for_malomrade, placeringar_for_strategi


def start(request):
    plan = plan_current()
    context = {"plan": plan}
    if plan:
        status = aktuell_status(plan=plan)
        aktiviteter = list(aktiviteter_with_roller(plan=plan))
        for aktivitet in aktiviteter:
            aktivitet.aktuell_status = status.get(aktivitet.pk)
        context |= {
            "malomraden": malomraden_with_strategier(plan=plan),
            "samverkansaktiviteter": [a for a in aktiviteter if a.typ == AktivitetTyp.SAMVERKAN],
            "styrningsaktiviteter": [a for a in aktiviteter if a.typ == AktivitetTyp.STYRNING],
        }
    return render(request, "plan/start.html", context)


def malomrade_detail(request, slug):
    malomrade = get_object_or_404(Malomrade.objects.prefetch_related("strategier"), slug=slug)
    return render(
        request,
        "plan/malomrade_detail.html",
        {"malomrade": malomrade, "rader": placeringar_for_malomrade(malomrade=malomrade)},
    )


def strategi_detail(request, slug):
    strategi = get_object_or_404(Strategi.objects.select_related("malomrade"), slug=slug)
    return render(
        request,
        "plan/strategi_detail.html",
        {
            "strategi": strategi,
            "placeringar": placeringar_for_strategi(strategi=strategi),
            "insatser": insatser_for_strategi(strategi=strategi),
        },
    )


def organisation_list(request):
    filterset = OrganisationFilterSet(request.GET, queryset=organisationer_list())
    valid = filterset.is_valid()
    organisationer = list(filterset.qs) if valid else []
    return render(
        request,
        "plan/organisation_list.html",
        {"filterset": filterset, "organisationer": organisationer},
        status=200 if valid else 400,
    )


def organisation_detail(request, slug):
    oversikt = organisation_detail_selector(slug=slug)
    if oversikt is None:
        raise Http404
    rollrubriker = [
        (Roll.SAMORDNINGSANSVAR, _("Samordningsansvar för")),
        (Roll.ANSVAR, _("Ansvar för")),
        (Roll.CENTRAL_AKTOR, _("Central aktör i")),
        (Roll.PILOTVERKSAMHET, _("Pilotverksamhet i")),
    ]
    roller = [(rubrik, oversikt.roller[roll]) for roll, rubrik in rollrubriker if oversikt.roller[roll]]
    return render(
        request,
        "plan/organisation_detail.html",
        {"organisation": oversikt.organisation, "oversikt": oversikt, "roller": roller},
    )


def _aktiviteter(request):
    plan = plan_current()
    queryset = aktiviteter_with_roller(plan=plan) if plan else Aktivitet.objects.none()
    filterset = AktivitetFilterSet(request.GET, queryset=queryset)
    valid = filterset.is_valid()
    return filterset, (list(filterset.qs) if valid else []), valid


def aktivitet_list(request):
    filterset, aktiviteter, valid = _aktiviteter(request)
    return render(
        request,
        "plan/aktivitet_list.html",
        {"filterset": filterset, "aktiviteter": aktiviteter, "query": request.GET.urlencode()},
        status=200 if valid else 400,
    )


def _aktivitet_export(request):
    _filterset, aktiviteter, valid = _aktiviteter(request)
    if not valid:
        return None, None
    rubriker = [_("Typ"), _("Aktivitet"), _("Samordningsansvar eller ansvar"), _("Övriga aktörer"), _("Adress")]
    rader = []
    for aktivitet in aktiviteter:
        ledande = [
            r.organisation.namn for r in aktivitet.roller.all() if r.roll in (Roll.SAMORDNINGSANSVAR, Roll.ANSVAR)
        ]
        ovriga = [
            r.organisation.namn for r in aktivitet.roller.all() if r.roll not in (Roll.SAMORDNINGSANSVAR, Roll.ANSVAR)
        ]
        rader.append(
            [
                aktivitet.get_typ_display(),
                aktivitet.titel,
                ", ".join(ledande),
                ", ".join(ovriga),
                request.build_absolute_uri(aktivitet.get_absolute_url()),
            ]
        )
    return rubriker, rader


def aktivitet_list_csv(request):
    rubriker, rader = _aktivitet_export(request)
    if rubriker is None:
        return HttpResponseBadRequest(_("Ogiltigt filter."))
    return csv_response(filnamn="aktiviteter", rubriker=rubriker, rader=rader)


def aktivitet_list_xlsx(request):
    rubriker, rader = _aktivitet_export(request)
    if rubriker is None:
        return HttpResponseBadRequest(_("Ogiltigt filter."))
    return xlsx_response(filnamn="aktiviteter", blad=_("Aktiviteter"), rubriker=rubriker, rader=rader)


def search(request):
    fraga = request.GET.get("q", "")[:200]
    return render(request, "plan/sok.html", {"fraga": fraga, "resultat": sok(fraga=fraga) if fraga.strip() else None})
