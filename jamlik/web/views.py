"""Public pages that combine the apps: the start page, målområde, strategi, organisation and
activity pages, and search. Thin: read through the selectors, render."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from jamlik.web import selectors
from plan.choices import AktivitetTyp, Roll
from plan.models import Malomrade, Strategi
from plan.selectors import (
    aktiviteter_with_roller,
    malomraden_with_strategier,
    organisationer_by_typ,
    plan_current,
    roller_grouped,
    roller_prefetch,
    sok,
)
from samverkan.selectors import insatser_for_strategi, placeringar_for_malomrade, placeringar_for_strategi
from samverkan.selectors import samverkansaktivitet_detail as samverkansaktivitet_selector
from uppfoljning.models import Styrningsaktivitet
from uppfoljning.selectors.rapportering import aktuell_status, godkanda_rapporter


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
    return render(request, "web/start.html", context)


def malomrade_detail(request, slug):
    malomrade = get_object_or_404(Malomrade.objects.prefetch_related("strategier"), slug=slug)
    return render(
        request,
        "web/malomrade_detail.html",
        {"malomrade": malomrade, "rader": placeringar_for_malomrade(malomrade=malomrade)},
    )


def strategi_detail(request, slug):
    strategi = get_object_or_404(Strategi.objects.select_related("malomrade"), slug=slug)
    return render(
        request,
        "web/strategi_detail.html",
        {
            "strategi": strategi,
            "placeringar": placeringar_for_strategi(strategi=strategi),
            "insatser": insatser_for_strategi(strategi=strategi),
        },
    )


def organisation_detail(request, slug):
    oversikt = selectors.organisation_detail(slug=slug)
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
        "web/organisation_detail.html",
        {"organisation": oversikt.organisation, "oversikt": oversikt, "roller": roller},
    )


def search(request):
    fraga = request.GET.get("q", "")[:200]
    return render(request, "web/sok.html", {"fraga": fraga, "resultat": sok(fraga=fraga) if fraga.strip() else None})


def samverkansaktivitet_detail(request, slug):
    detalj = samverkansaktivitet_selector(slug=slug)
    if detalj is None:
        raise Http404
    roller = roller_grouped(detalj.aktivitet)
    return render(
        request,
        "web/samverkansaktivitet_detail.html",
        {
            "aktivitet": detalj.aktivitet,
            "samordningsansvar": roller["samordningsansvar"],
            "centrala_aktorer": organisationer_by_typ(roller["central_aktor"]),
            "strategier": detalj.strategier,
            "insatser": detalj.insatser,
            "rapporter": godkanda_rapporter(aktivitet=detalj.aktivitet),
        },
    )


def styrningsaktivitet_detail(request, slug):
    aktivitet = get_object_or_404(Styrningsaktivitet.objects.prefetch_related(roller_prefetch()), slug=slug)
    roller = roller_grouped(aktivitet)
    return render(
        request,
        "web/styrningsaktivitet_detail.html",
        {
            "aktivitet": aktivitet,
            "ansvar": roller["ansvar"],
            "pilotverksamheter": roller["pilotverksamhet"],
            "rapporter": godkanda_rapporter(aktivitet=aktivitet),
        },
    )
