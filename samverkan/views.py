"""Public pages of the collaboration activities and the strategy matrix."""

import hashlib

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jamlik.exports import csv_response, xlsx_response
from plan.selectors import plan_for_page
from samverkan.cache import TIMEOUT, matris_version
from samverkan.filters import MatrisplaceringFilterSet
from samverkan.selectors import matris_export_rader, strategimatris

MATRIS_FILTER = tuple(MatrisplaceringFilterSet.base_filters)


def matris(request, plan=None):
    """The matrix page of one plan. The content (filter form and table) and the plan itself are
    cached per plan address, language and filter under the plan data's version key (any change to
    plan data, a plan's status included, bumps it); the page around it is rendered per request."""
    values = {name: request.GET.get(name, "")[:120] for name in MATRIS_FILTER if name != "plan"}
    nyckel = "\x1f".join([plan or "", *values.values()])
    filtret = hashlib.sha256(nyckel.encode()).hexdigest()[:32]  # no raw input in keys
    key = f"samverkan:matris:{matris_version()}:{get_language()}:{filtret}"
    cached = cache.get(key)
    if cached is None:
        plan = plan_for_page(plan)
        filterset = MatrisplaceringFilterSet({k: v for k, v in values.items() if v}, plan=plan)
        valid = filterset.is_valid()
        matrisen = strategimatris(plan=plan, filterset=filterset) if valid else None
        innehall = render_to_string(
            "samverkan/_matris.html",
            {"plan": plan, "matris": matrisen, "filterset": filterset, "filtrerad": any(values.values())},
            request=None,
        )
        cached = (innehall, 200 if valid else 400, plan)
        if valid:
            cache.set(key, cached, TIMEOUT)
    innehall, status, plan = cached
    return render(request, "samverkan/matris.html", {"plan": plan, "innehall": innehall}, status=status)


RUBRIKER = (
    gettext_lazy("Samverkansaktivitet"),
    gettext_lazy("Målområde (kolumn)"),
    gettext_lazy("Ordning i cellen"),
    gettext_lazy("Strategi"),
    gettext_lazy("Strategins målområde"),
)


def _export(plan):
    return [str(r) for r in RUBRIKER], matris_export_rader(plan=plan)


def matris_csv(request, plan=None):
    rubriker, rader = _export(plan_for_page(plan))
    return csv_response(filnamn="strategimatrisen", rubriker=rubriker, rader=rader)


def matris_xlsx(request, plan=None):
    rubriker, rader = _export(plan_for_page(plan))
    return xlsx_response(filnamn="strategimatrisen", blad=_("Strategimatrisen"), rubriker=rubriker, rader=rader)
