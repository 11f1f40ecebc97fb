"""Public pages of the collaboration activities and the strategy matrix."""

import hashlib

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jamlik.exports import csv_response, xlsx_response
from plan.selectors import plan_current
from samverkan.cache import TIMEOUT, matris_version
from samverkan.filters import MatrisplaceringFilterSet
from samverkan.selectors import matris_export_rader, strategimatris

MATRIS_FILTER = tuple(MatrisplaceringFilterSet.base_filters)


def matris(request):
    """The matrix page. The content (filter form and table) is cached per language and filter
    under the plan data's version key; the page around it is rendered per request."""
    values = {name: request.GET.get(name, "")[:120] for name in MATRIS_FILTER}
    filtret = hashlib.sha256("\x1f".join(values.values()).encode()).hexdigest()[:32]  # no raw input in keys
    key = f"samverkan:matris:{matris_version()}:{get_language()}:{filtret}"
    cached = cache.get(key)
    if cached is None:
        filterset = MatrisplaceringFilterSet({k: v for k, v in values.items() if v})
        valid = filterset.is_valid()
        plan = plan_current()
        matrisen = strategimatris(plan=plan, filterset=filterset) if plan and valid else None
        innehall = render_to_string(
            "samverkan/_matris.html",
            {"plan": plan, "matris": matrisen, "filterset": filterset, "filtrerad": any(values.values())},
            request=None,
        )
        cached = (innehall, 200 if valid else 400)
        if valid:
            cache.set(key, cached, TIMEOUT)
    innehall, status = cached
    return render(request, "samverkan/matris.html", {"innehall": innehall}, status=status)


RUBRIKER = (
    gettext_lazy("Samverkansaktivitet"),
    gettext_lazy("Målområde (kolumn)"),
    gettext_lazy("Ordning i cellen"),
    gettext_lazy("Strategi"),
    gettext_lazy("Strategins målområde"),
)


def _export():
    plan = plan_current()
    rubriker = [str(r) for r in RUBRIKER]
    return rubriker, (matris_export_rader(plan=plan) if plan else [])


def matris_csv(request):
    rubriker, rader = _export()
    return csv_response(filnamn="strategimatrisen", rubriker=rubriker, rader=rader)


def matris_xlsx(request):
    rubriker, rader = _export()
    return xlsx_response(filnamn="strategimatrisen", blad=_("Strategimatrisen"), rubriker=rubriker, rader=rader)
