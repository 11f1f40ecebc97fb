"""The public indicator pages of a plan: the "Skillnader i livsvillkor" overview, an indicator's
page (time series, the difference between areas per year by gender, the areas in the latest
year) and its values as CSV/XLSX. Thin: read through the selectors, shape the charts, render.
Every value shown carries its source (Kolada with the KPI id, as Kolada's terms require) and
example data carries the "Exempel" label."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikatorer import diagram
from indikatorer.choices import Kon
from indikatorer.selectors.indikatorer import indikator_detalj, skillnadsoversikt, varden_for_export
from jamlik.exports import csv_response, xlsx_response
from plan.selectors import plan_for_page

KON_NAMN = {k.value: k.label for k in Kon}


def indikator_list(request, plan=None):
    plan = plan_for_page(plan)
    grupper = skillnadsoversikt(plan=plan)
    return render(
        request,
        "indikatorer/indikator_list.html",
        {"plan": plan, "grupper": grupper, "exempel": any(r.exempel for g in grupper for r in g.rader)},
    )


def _detalj(plan, slug):
    detalj = indikator_detalj(plan=plan, slug=slug)
    if detalj is None:
        raise Http404
    return detalj


def indikator_detail(request, slug, plan=None):
    plan = plan_for_page(plan)
    d = _detalj(plan, slug)
    ind = d.indikator
    kon = ["T", "K", "M"] if ind.konsuppdelad else ["T"]
    tidsserie = diagram.linjediagram(
        id="tidsserie",
        titel=_("Hela kommunen över tid"),
        beskrivning=_("Värdet för hela kommunen år för år%(kon)s.")
        % {"kon": _(", för kvinnor och män") if ind.konsuppdelad else ""},
        ar=d.ar,
        serier=[(str(KON_NAMN[k]), d.kommun.get(k, {})) for k in kon if d.kommun.get(k)],
        enhet=ind.enhet,
    )
    totalt = [s for s in d.skillnader if s.kon == Kon.TOTALT]
    gapserie = diagram.linjediagram(
        id="skillnad",
        titel=_("Högsta och lägsta område över tid"),
        beskrivning=_(
            "Det område som har högst och det som har lägst värde varje år (totalt). Avståndet mellan linjerna är skillnaden."
        ),
        ar=[s.ar for s in totalt],
        serier=[
            (_("Högsta område"), {s.ar: s.hogst for s in totalt}),
            (_("Lägsta område"), {s.ar: s.lagst for s in totalt}),
        ],
        enhet=ind.enhet,
    )
    senaste = d.senaste_jamforelse
    jamforelse = diagram.stapeldiagram(
        id="omraden",
        titel=_("Områdena %(ar)s") % {"ar": d.senaste_ar} if d.senaste_ar else _("Områdena"),
        beskrivning=_("Varje områdes värde det senaste året (totalt), högst först."),
        rader=[(namn, varden["T"]) for namn, varden in senaste],
        enhet=ind.enhet,
    )
    context = {
        "plan": plan,
        "detalj": d,
        "indikator": ind,
        "kon": kon,
        "kon_namn": KON_NAMN,
        "tidsserie": tidsserie,
        "gapserie": gapserie,
        "jamforelse": jamforelse,
        "senaste": senaste,
        "tidsrader": [
            (a, [d.kommun.get(k, {}).get(a) for k in kon]) for a in d.ar if any(a in d.kommun.get(k, {}) for k in kon)
        ],
    }
    return render(request, "indikatorer/indikator_detail.html", context)


RUBRIKER = [
    gettext_lazy("Indikator"),
    gettext_lazy("Kolada KPI-id"),
    gettext_lazy("Område"),
    gettext_lazy("Nivå"),
    gettext_lazy("År"),
    gettext_lazy("Kön"),
    gettext_lazy("Grupp"),
    gettext_lazy("Värde"),
    gettext_lazy("Enhet"),
    gettext_lazy("Status"),
    gettext_lazy("Källa"),
    gettext_lazy("Hämtad"),
    gettext_lazy("Exempel"),
]


def _exportrader(plan, slug):
    d = _detalj(plan, slug)
    ind = d.indikator
    rader = (
        [
            ind.namn,
            ind.kolada_kpi,
            v.omrade.namn,
            v.omrade.get_niva_display(),
            v.ar,
            v.get_kon_display(),
            v.grupp,
            v.varde,
            ind.enhet,
            v.status,
            ind.kallhanvisning,
            v.hamtad,
            _("Ja") if (v.exempel or ind.exempel) else "",
        ]
        for v in varden_for_export(indikator=ind).iterator(chunk_size=5000)
    )
    return ind, [str(r) for r in RUBRIKER], rader


def indikator_csv(request, slug, plan=None):
    ind, rubriker, rader = _exportrader(plan_for_page(plan), slug)
    return csv_response(filnamn=f"indikator-{ind.slug}", rubriker=rubriker, rader=rader)


def indikator_xlsx(request, slug, plan=None):
    ind, rubriker, rader = _exportrader(plan_for_page(plan), slug)
    return xlsx_response(filnamn=f"indikator-{ind.slug}", blad=_("Värden"), rubriker=rubriker, rader=rader)
