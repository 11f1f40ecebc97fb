"""Public pages that combine the apps: the plan chooser, a plan's start page and its own page,
målområde, strategi, organisation and activity pages, and search. Every page of a plan takes the
plan from its address (`/planer/<plan>/…`) or shows the plan in force (the short addresses).
Thin: read through the selectors, render."""

import functools

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikatorer.selectors.indikatorer import indikatorer_kopplade
from jamlik.exports import csv_response, xlsx_response
from jamlik.ops.fragments import lazy_context, plan_fragment
from jamlik.web import selectors
from plan.choices import AktivitetTyp, Roll
from plan.models import Malomrade, Organisation, Plan, Strategi
from plan.selectors import (
    plan_current,
    plan_for_page,
    planer,
    roller_grouped,
    roller_prefetch,
    sok,
)
from samverkan.models import Samverkansaktivitet
from samverkan.selectors import samverkansaktivitet_detail as samverkansaktivitet_selector
from uppfoljning.choices import Status
from uppfoljning.models import Styrningsaktivitet
from uppfoljning.selectors.publicering import publicerade_statusrapporter
from uppfoljning.selectors.rapportering import aktuell_status


def plan_i_fragan(view):
    """Wraps a page at its short address: `?plan=<slug>` (the API's parameter, a hand-made or old
    link) leads to that plan's own address with the other parameters kept, instead of silently
    showing the plan in force; an unknown plan is a 404, as at /planer/<slug>/."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if "plan" not in request.GET:
            return view(request, *args, **kwargs)
        plan = get_object_or_404(Plan, slug=request.GET["plan"][:100])
        fraga = request.GET.copy()
        del fraga["plan"]
        url = reverse(f"planer:{request.resolver_match.url_name}", kwargs={"plan": plan.slug, **kwargs})
        return HttpResponseRedirect(f"{url}?{fraga.urlencode()}" if fraga else url)

    return wrapper


def plan_list(request):
    return render(request, "web/plan_list.html", {"planer": plan_fragment("planer", render=lambda: list(planer()))})


def plan_valj(request):
    """The plan chooser (a plain GET form, works without JavaScript): to the chosen plan's start."""
    plan = Plan.objects.filter(slug=request.GET.get("plan", "")[:100]).first()
    if plan is None:
        return HttpResponseRedirect(reverse("web:planer"))
    if plan != plan_current():  # also an earlier plan still marked gällande: its own address
        return HttpResponseRedirect(reverse("planer:start", kwargs={"plan": plan.slug}))
    return HttpResponseRedirect(reverse("web:start"))


def start(request, plan=None):
    try:
        plan = plan_for_page(plan)
    except Http404:
        if plan is None:  # a fresh install: say how to load one
            return render(request, "web/start.html", {"plan": None})
        raise
    # Both parts are kept (the plan's under the plan-data version, the status parts under the
    # activities' follow-up versions): what they show is read only when one of them is rendered.
    startsida = functools.cache(lambda: selectors.startsida(plan=plan))

    def lage() -> dict:
        status = aktuell_status(plan=plan)
        aktiviteter = startsida().aktiviteter
        for aktivitet in aktiviteter:
            aktivitet.aktuell_status = status.get(aktivitet.pk)
        return {
            "statusoversikt": selectors.statusoversikt(startsida=startsida(), status=status),
            "samverkansaktiviteter": [a for a in aktiviteter if a.typ == AktivitetTyp.SAMVERKAN],
            "styrningsaktiviteter": [a for a in aktiviteter if a.typ == AktivitetTyp.STYRNING],
        }

    context = {
        "plan": plan,
        "aktivitet_ids": selectors.aktivitet_ids(plan=plan),
        "statusar": list(Status),
        **lazy_context(lambda: {"malomraden": startsida().malomraden}, "malomraden"),
        **lazy_context(lage, "statusoversikt", "samverkansaktiviteter", "styrningsaktiviteter"),
    }
    return render(request, "web/start.html", context)


def plan_detail(request, plan=None):
    """The plan's own page: decision, validity, revision, document owner, its sections of text, the
    förutsättningar, the related and supporting documents, and how it is followed up."""
    plan = plan_for_page(plan)
    detalj = lazy_context(
        lambda: selectors.plan_detail(plan=plan),
        *("program", "avsnitt", "forutsattningar", "malomraden", "angransande", "stodjande", "uppfoljningar"),
    )
    return render(request, "web/plan_detail.html", {"plan": plan, **detalj})


def _sida_med_uppfoljning(request, template_name, *, plan, model, slug, innehall, nycklar):
    """A page of one of the plan's målområden, strategies or organisations, its content one part
    kept under the plan's activities' follow-up versions ({% uppfoljningsfragment %}): its title
    and whether it exists (404) come from a small plan-data entry; `innehall()` (None: removed
    since its name was read) is computed only when the part is rendered, not when it is kept."""
    namn = selectors.namn(model, plan=plan, slug=slug)
    if namn is None:
        raise Http404

    def innehall_eller_404() -> dict:
        if (varden := innehall()) is None:
            raise Http404
        return varden

    return render(
        request,
        template_name,
        {
            "plan": plan,
            "namn": namn,
            "aktivitet_ids": selectors.aktivitet_ids(plan=plan),
            **lazy_context(innehall_eller_404, *nycklar),
        },
    )


def malomrade_detail(request, slug, plan=None):
    plan = plan_for_page(plan)

    def innehall() -> dict | None:
        sida = selectors.malomradessida(plan=plan, slug=slug)
        if sida is None:
            return None
        status = aktuell_status(plan=plan)
        for aktivitet, _placeringar in sida.rader:
            aktivitet.aktuell_status = status.get(aktivitet.pk)
        return {
            "malomrade": sida.malomrade,
            "rader": sida.rader,
            "indikatorer": indikatorer_kopplade(plan=plan, malomrade=sida.malomrade),
        }

    return _sida_med_uppfoljning(
        request,
        "web/malomrade_detail.html",
        plan=plan,
        model=Malomrade,
        slug=slug,
        innehall=innehall,
        nycklar=("malomrade", "rader", "indikatorer"),
    )


def strategi_detail(request, slug, plan=None):
    plan = plan_for_page(plan)

    def innehall() -> dict | None:
        sida = selectors.strategisida(plan=plan, slug=slug)
        if sida is None:
            return None
        status = aktuell_status(plan=plan)
        for placering in sida.placeringar:
            placering.samverkansaktivitet.aktuell_status = status.get(placering.samverkansaktivitet_id)
        return {
            "strategi": sida.strategi,
            "placeringar": sida.placeringar,
            "insatser": sida.insatser,
            "indikatorer": indikatorer_kopplade(plan=plan, strategi=sida.strategi),
        }

    return _sida_med_uppfoljning(
        request,
        "web/strategi_detail.html",
        plan=plan,
        model=Strategi,
        slug=slug,
        innehall=innehall,
        nycklar=("strategi", "placeringar", "insatser", "indikatorer"),
    )


RAPPORTRUBRIKER = [
    gettext_lazy("Period"),
    gettext_lazy("Aktivitet"),
    gettext_lazy("Organisation"),
    gettext_lazy("Status"),
    gettext_lazy("Vad har gjorts"),
    gettext_lazy("Hinder"),
    gettext_lazy("Nästa steg"),
    gettext_lazy("Strategier som arbetet bidragit till"),
    gettext_lazy("Godkänd"),
    gettext_lazy("Exempel"),
]

ROLLRUBRIKER = [
    (Roll.SAMORDNINGSANSVAR, _("Samordningsansvar för")),
    (Roll.ANSVAR, _("Ansvar för")),
    (Roll.CENTRAL_AKTOR, _("Central aktör i")),
    (Roll.PILOTVERKSAMHET, _("Pilotverksamhet i")),
]


def organisation_detail(request, slug, plan=None):
    plan = plan_for_page(plan)

    def innehall() -> dict | None:
        oversikt = selectors.organisation_detail(slug=slug, plan=plan)
        if oversikt is None:
            return None
        roller = [(str(rubrik), oversikt.roller[roll]) for roll, rubrik in ROLLRUBRIKER if oversikt.roller[roll]]
        return {"organisation": oversikt.organisation, "oversikt": oversikt, "roller": roller}

    return _sida_med_uppfoljning(
        request,
        "web/organisation_detail.html",
        plan=plan,
        model=Organisation,
        slug=slug,
        innehall=innehall,
        nycklar=("organisation", "oversikt", "roller"),
    )


def search(request, plan=None):
    plan = plan_for_page(plan)
    fraga = request.GET.get("q", "")[:200]
    # What the plan's own content answers is plan data: kept under the plan-data version per question.
    resultat = (
        plan_fragment("sok", plan.pk, fraga, render=lambda: sok(fraga=fraga, plan=plan)) if fraga.strip() else None
    )
    rapporter = selectors.sokta_rapporter(plan=plan, fraga=fraga)
    return render(request, "web/sok.html", {"plan": plan, "fraga": fraga, "resultat": resultat, "rapporter": rapporter})


def _aktivitet(model, *, plan, slug: str):
    """An activity of the plan by its slug (plan data: kept under the plan-data version), or 404."""
    aktivitet = plan_fragment(
        model.__name__,
        plan.pk,
        slug,
        render=lambda: model.objects.select_related("plan").filter(plan=plan, slug=slug).first(),
    )
    if aktivitet is None:
        raise Http404
    return aktivitet


def samverkansaktivitet_detail(request, slug, plan=None):
    plan = plan_for_page(plan)
    aktivitet = _aktivitet(Samverkansaktivitet, plan=plan, slug=slug)

    def planens_delar() -> dict:  # the plan-data fragment's: read only when it is rendered
        detalj = samverkansaktivitet_selector(aktivitet=aktivitet)
        roller = roller_grouped(aktivitet)
        return {
            "samordningsansvar": roller["samordningsansvar"],
            "centrala_aktorer": roller["central_aktor"],  # in the plan's order
            "strategier": detalj.strategier,
            "insatser": detalj.insatser,
        }

    return render(
        request,
        "web/samverkansaktivitet_detail.html",
        {
            "plan": plan,
            "aktivitet": aktivitet,
            **lazy_context(planens_delar, "samordningsansvar", "centrala_aktorer", "strategier", "insatser"),
            # Read only when a fragment showing it is rendered (aktivitetsfragment in the template).
            **lazy_context(
                lambda: {"uppfoljning": selectors.aktivitetsuppfoljning(aktivitet=aktivitet)}, "uppfoljning"
            ),
            "indikatorer": indikatorer_kopplade(plan=plan, aktivitet=aktivitet),
        },
    )


def styrningsaktivitet_detail(request, slug, plan=None):
    plan = plan_for_page(plan)
    aktivitet = _aktivitet(Styrningsaktivitet, plan=plan, slug=slug)

    def planens_delar() -> dict:  # the plan-data fragment's: read only when it is rendered
        prefetch_related_objects([aktivitet], roller_prefetch())
        roller = roller_grouped(aktivitet)
        return {"ansvar": roller["ansvar"], "pilotverksamheter": roller["pilotverksamhet"]}

    return render(
        request,
        "web/styrningsaktivitet_detail.html",
        {
            "plan": plan,
            "aktivitet": aktivitet,
            **lazy_context(planens_delar, "ansvar", "pilotverksamheter"),
            # Read only when a fragment showing it is rendered (aktivitetsfragment in the template).
            **lazy_context(
                lambda: {"uppfoljning": selectors.aktivitetsuppfoljning(aktivitet=aktivitet)}, "uppfoljning"
            ),
            "indikatorer": indikatorer_kopplade(plan=plan, aktivitet=aktivitet),
        },
    )


def uppfoljning(request, plan=None):
    """The public follow-up: status charts with their data tables, final evaluations, the latest
    approved reports, the feed and the downloads."""
    plan = plan_for_page(plan)
    return render(
        request, "web/uppfoljning.html", {"plan": plan, "oversikt": selectors.uppfoljningsoversikt(plan=plan)}
    )


def _rapportrader(plan):
    rubriker = [str(r) for r in RAPPORTRUBRIKER]
    rader = (
        [
            r.period.namn,
            r.aktivitet.titel,
            r.organisation.namn,
            r.get_status_display(),
            r.genomfort,
            r.hinder,
            r.nasta_steg,
            ", ".join(s.namn for s in r.strategier.all()),
            r.godkand,
            _("Ja") if r.exempel else "",
        ]
        for r in publicerade_statusrapporter(plan=plan).order_by(
            "-period__oppnar", "aktivitet__typ", "aktivitet__ordning", "organisation__namn"
        )
    )
    return rubriker, rader


def statusrapporter_csv(request, plan=None):
    """Every approved report of the plan, its published fields only."""
    rubriker, rader = _rapportrader(plan_for_page(plan))
    return csv_response(filnamn="statusrapporter", rubriker=rubriker, rader=rader)


def statusrapporter_xlsx(request, plan=None):
    rubriker, rader = _rapportrader(plan_for_page(plan))
    return xlsx_response(filnamn="statusrapporter", blad=_("Statusrapporter"), rubriker=rubriker, rader=rader)
