"""Public lists of the plan: organisations and activities (with CSV and XLSX downloads)."""

import functools

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from jamlik.exports import csv_response, xlsx_response
from jamlik.ops.fragments import plan_fragment
from plan.choices import LEDANDE_ROLLER
from plan.filters import AktivitetFilterSet, OrganisationFilterSet
from plan.selectors import aktiviteter_with_roller, organisationer_list, plan_for_page


def organisation_list(request, plan=None):
    plan = plan_for_page(plan)
    filterset, valid = _kept_filter(
        request, plan, lambda: OrganisationFilterSet(request.GET, queryset=organisationer_list(plan=plan))
    )
    # Read only when the page's plan-data fragment is rendered, not when it comes from the cache.
    organisationer = SimpleLazyObject(lambda: list(filterset.qs) if valid else [])
    return render(
        request,
        "plan/organisation_list.html",
        {"plan": plan, "filterset": filterset, "organisationer": organisationer},
        status=200 if valid else 400,
    )


def _kept_filter(request, plan, make):
    """The page's FilterSet (built and validated only when used) and whether the filter is valid:
    plan data, kept per address under the plan-data version, so a page whose list comes from the
    cache builds no form and asks nothing to validate its choices."""
    filterset = functools.cache(lambda: _validated(make()))
    valid = plan_fragment("filter", plan.pk, request.get_full_path(), render=lambda: filterset().is_valid())
    return SimpleLazyObject(filterset), valid


def _validated(filterset):
    filterset.is_valid()
    return filterset


def _aktivitetsfilter(request, plan) -> AktivitetFilterSet:
    return AktivitetFilterSet(request.GET, queryset=aktiviteter_with_roller(plan=plan), plan=plan)


def aktivitet_list(request, plan=None):
    plan = plan_for_page(plan)
    filterset, valid = _kept_filter(request, plan, lambda: _aktivitetsfilter(request, plan))
    aktiviteter = SimpleLazyObject(lambda: list(filterset.qs) if valid else [])
    return render(
        request,
        "plan/aktivitet_list.html",
        {"plan": plan, "filterset": filterset, "aktiviteter": aktiviteter, "query": request.GET.urlencode()},
        status=200 if valid else 400,
    )


def _aktivitet_export(request, plan):
    filterset = _aktivitetsfilter(request, plan)
    if not filterset.is_valid():
        return None, None
    rubriker = [_("Typ"), _("Aktivitet"), _("Samordningsansvar eller ansvar"), _("Övriga aktörer"), _("Adress")]
    rader = []
    for aktivitet in filterset.qs:
        ledande = [r.organisation.namn for r in aktivitet.roller.all() if r.roll in LEDANDE_ROLLER]
        ovriga = [r.organisation.namn for r in aktivitet.roller.all() if r.roll not in LEDANDE_ROLLER]
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


def aktivitet_list_csv(request, plan=None):
    rubriker, rader = _aktivitet_export(request, plan_for_page(plan))
    if rubriker is None:
        return HttpResponseBadRequest(_("Ogiltigt filter."))
    return csv_response(filnamn="aktiviteter", rubriker=rubriker, rader=rader)


def aktivitet_list_xlsx(request, plan=None):
    rubriker, rader = _aktivitet_export(request, plan_for_page(plan))
    if rubriker is None:
        return HttpResponseBadRequest(_("Ogiltigt filter."))
    return xlsx_response(filnamn="aktiviteter", blad=_("Aktiviteter"), rubriker=rubriker, rader=rader)
