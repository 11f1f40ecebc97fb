"""Pages where officials report, samordnare review and planägare follow completeness.

Thin: each view checks the permission (uppfoljning/rules.py), reads through the selectors, writes
through the services and turns domain errors into messages next to the field. Every form works
without JavaScript."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jamlik.errors import Domanfel, Versionskonflikt
from jamlik.exports import csv_response, xlsx_response
from jamlik.filters import filter_fields_html
from jamlik.rules import check_who, hinder, may, require
from plan.models import Aktivitet, Aktivitetsroll, Organisation, Plan, Strategi
from plan.rules import organisation_ids
from plan.selectors import kontaktpersoner, plan_current_cached
from uppfoljning.choices import Rapporthandling, Rapporttillstand
from uppfoljning.filters.rapportering import KompletthetFilterSet, StatusrapportFilterSet
from uppfoljning.forms.rapportering import (
    AktivitetsstatusForm,
    AteroppnaForm,
    GodkannForm,
    NyStatusrapportForm,
    ReturForm,
    StatusrapportForm,
    UppfoljningsperiodForm,
    VersionForm,
    add_service_error,
)
from uppfoljning.models import Aktivitetsstatus, Bilaga, Statusrapport, Uppfoljningsperiod
from uppfoljning.rules.rapportering import ledda_aktivitet_ids
from uppfoljning.selectors import rapportering as selectors
from uppfoljning.selectors.publicering import statusrapport_historik
from uppfoljning.services import rapportering as services

SIDSTORLEK = 50
LISTANS_FALT = (
    "status",
    "tillstand",
    "exempel",
    "version",
    "uppdaterad",
    "period__namn",
    "period__sista_dag",
    "period__oppnar",
    "aktivitet__titel",
    "organisation__namn",
)


def _plan_from(request) -> Plan | None:
    """The plan of an official's page: `?plan=<slug>`, else the plan in force."""
    slug = request.GET.get("plan")
    return get_object_or_404(Plan, slug=slug) if slug else plan_current_cached()


def _period_from(request, plan: Plan | None) -> Uppfoljningsperiod | None:
    """`?period=<slug>` of the plan (period slugs are unique per plan), else the current period."""
    slug = request.GET.get("period")
    if slug:
        return get_object_or_404(Uppfoljningsperiod.objects.select_related("plan"), plan=plan, slug=slug)
    return selectors.period_current(plan=plan)


@login_required
def mina_rapporter(request):
    """What the user's organisations must do in the period, each section paged on its own
    (`?utkast=2`): an official of many organisations can have a thousand drafts."""
    plan = _plan_from(request)
    period = _period_from(request, plan)
    mina = selectors.mina_rapporter(user=request.user, period=period, sidor=request.GET)
    for namn in selectors.MINA_AVSNITT:  # a section's page links keep the other sections' pages
        query = request.GET.copy()
        query.pop(namn, None)
        getattr(mina, namn).query = query.urlencode()
    return render(
        request,
        "uppfoljning/rapportering/mina_rapporter.html",
        {
            "plan": plan,
            "period": period,
            "perioder": selectors.perioder(plan=plan),
            "mina": mina,
            "kan_se_kompletthet": may(request.user, "uppfoljning.view_kompletthet"),
            "kan_hantera_perioder": may(request.user, "uppfoljning.manage_uppfoljningsperiod"),
            "kan_kalkylblad": may(request.user, "uppfoljning.use_kalkylblad"),
        },
    )


@login_required
def statusrapport_list(request):
    """The reports the user may read, filtered by the same FilterSet as the API and paged: an
    invalid filter is a 400 with the message next to the field, never silently ignored."""
    filterset = StatusrapportFilterSet(request.GET, queryset=Statusrapport.objects.none())
    valid = filterset.is_valid()

    def las() -> Page:
        # Only what the table shows: the full rows of five joined tables (plans and activities with
        # their long texts) were most of the page's time.
        filterset.queryset = selectors.statusrapporter_for_user(request.user)
        rader = filterset.qs.select_related(None).select_related("period", "aktivitet", "organisation")
        return selectors.sida_med_antal(rader.only(*LISTANS_FALT), request.GET.get("sida"), SIDSTORLEK)

    if valid:  # the list of every plan's reports
        sida = selectors.kept_for_reader(
            "statusrapporter", request.GET.urlencode(), user=request.user, plan=None, render=las
        )
    else:
        sida = selectors.sida_med_antal(Statusrapport.objects.none(), 1, SIDSTORLEK)
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "uppfoljning/rapportering/statusrapport_list.html",
        {
            "filter": filterset,
            "filterfalt": filter_fields_html(filterset),
            "sida": sida,
            "rapporter": sida.object_list,
            "query": query.urlencode(),
        },
        status=200 if valid else 400,
    )


@login_required
def statusrapport_export(request, format):
    """The filtered list (same FilterSet, same visibility, same order) as CSV or XLSX, every row,
    not just one page. Text a user wrote never becomes a formula (jamlik.exports)."""
    filterset = StatusrapportFilterSet(request.GET, queryset=selectors.statusrapporter_for_user(request.user))
    if not filterset.is_valid():
        skal = " ".join(f"{falt}: {' '.join(fel)}" for falt, fel in filterset.errors.items())
        return HttpResponseBadRequest(f"{_('Ogiltigt filter.')} {skal}", content_type="text/plain; charset=utf-8")
    rubriker = [
        _("Period"),
        _("Aktivitet"),
        _("Organisation"),
        _("Status"),
        _("Tillstånd"),
        _("Sista dag"),
        _("Senast ändrad"),
        _("Vad har gjorts"),
        _("Hinder"),
        _("Nästa steg"),
        _("Exempel"),
    ]
    rader = (
        [
            r.period.namn,
            r.aktivitet.titel,
            r.organisation.namn,
            r.get_status_display(),
            r.get_tillstand_display(),
            r.period.sista_dag,
            r.uppdaterad,
            r.genomfort,
            r.hinder,
            r.nasta_steg,
            _("Exempel") if r.exempel else "",
        ]
        for r in filterset.qs.iterator(chunk_size=500)
    )
    if format == "csv":
        return csv_response(filnamn="statusrapporter", rubriker=rubriker, rader=rader)
    return xlsx_response(filnamn="statusrapporter", blad=_("Statusrapporter"), rubriker=rubriker, rader=rader)


def _visible_report(request, pk) -> Statusrapport:
    """The report, if the user may read it; else "not found", as the list (whose query is the same
    rule, selectors.statusrapporter_for_user) hides it. Decided by the rules on the one row: the
    user's organisations and roles are at hand (plan.behorighet), so no query over every report."""
    rapport = selectors.statusrapport(pk)
    if rapport is None or not may(request.user, "uppfoljning.view_statusrapport", rapport):
        raise Http404
    rapport.internt_synlig = may(request.user, "uppfoljning.view_internt_statusrapport", rapport)
    return rapport


@login_required
def statusrapport_detail(request, pk):
    rapport = _visible_report(request, pk)
    return _render_detail(request, rapport)


def _render_detail(request, rapport, *, bunden=None, status=200):
    """The report page; `bunden` is a workflow form that came back with errors (shown in place with
    its error summary, the typed comment kept)."""
    user = request.user
    context = {
        "rapport": rapport,
        "strategier": rapport.strategier.select_related("malomrade").order_by("malomrade__ordning", "ordning"),
        "bilagor": rapport.bilagor.all(),
        # Names and return/reopen comments only for those who may change, return or reopen it.
        "internt": rapport.internt_synlig,
        "historik": statusrapport_historik(rapport=rapport, internt=rapport.internt_synlig),
        # Exactly what the services would accept now (who, state and deadline: one has_perm).
        "kan_andra": may(user, "uppfoljning.change_statusrapport", rapport),
        "kan_skicka_in": may(user, "uppfoljning.submit_statusrapport", rapport),
        "kan_returnera": may(user, "uppfoljning.return_statusrapport", rapport),
        "kan_godkanna": may(user, "uppfoljning.approve_statusrapport", rapport),
        "kan_ateroppna": may(user, "uppfoljning.reopen_statusrapport", rapport),
        "version_form": VersionForm(initial={"version": rapport.version}),
        "retur_form": ReturForm(initial={"version": rapport.version}, prefix="retur"),
        "godkann_form": GodkannForm(initial={"version": rapport.version}, prefix="godkann"),
        "ser_granskning": may(user, "uppfoljning.view_statusrapport_granskning", rapport),
        "ateroppna_form": AteroppnaForm(initial={"version": rapport.version}, prefix="ateroppna"),
    }
    if bunden is not None:
        context[f"{bunden.prefix}_form"] = bunden
    return render(request, "uppfoljning/rapportering/statusrapport_detail.html", context, status=status)


def _attach(request, form, rapport) -> bool:
    fil = form.cleaned_data.get("bilaga")
    if not fil:
        return True
    try:
        services.bilaga_add(user=request.user, rapport_id=rapport.pk, fil=fil)
    except Domanfel as exc:
        form.add_error("bilaga", exc.messages)
        return False
    return True


def _choose_file_again(request, form) -> None:
    """A browser never sends a chosen file back with a re-shown form: say so next to the field,
    naming the file, instead of letting it vanish unnoticed."""
    fil = request.FILES.get("bilaga")
    if request.method == "POST" and fil and "bilaga" in form.fields:
        notis = _("Du hade valt filen ”%(namn)s”. Den är inte sparad: välj den igen innan du sparar.") % {
            "namn": fil.name
        }
        form.fields["bilaga"].help_text = notis
        form["bilaga"].help_text = notis  # the bound field copied the help text when the form was validated


@login_required
def statusrapport_create(request):
    plan = _plan_from(request)
    aktivitet = get_object_or_404(
        Aktivitet.objects.select_related("plan"), plan=plan, slug=request.GET.get("aktivitet", "")
    )
    period = _period_from(request, plan)
    if period is None:
        raise Http404
    require(request.user, "uppfoljning.add_statusrapport", aktivitet)
    organisationer = Organisation.objects.filter(
        pk__in=organisation_ids(request.user), roller__aktivitet=aktivitet
    ).distinct()
    initial = {}
    if request.GET.get("organisation"):
        initial["organisation"] = organisationer.filter(slug=request.GET["organisation"]).first()
    elif len(organisationer) == 1:
        initial["organisation"] = organisationer[0]
    # Copy forward: the organisation's last report on the activity is the starting point (texts
    # and strategies, not the status), marked as such until saved; `?tom=1` starts empty.
    utgar_fran = None
    if request.method != "POST" and initial.get("organisation") and not request.GET.get("tom"):
        utgar_fran = selectors.forra_rapporten(aktivitet=aktivitet, organisation=initial["organisation"], fore=period)
        if utgar_fran is not None:
            initial |= {name: getattr(utgar_fran, name) for name in services.TEXTFALT}
            initial["strategier"] = list(utgar_fran.strategier.values_list("pk", flat=True))
    form = NyStatusrapportForm(
        request.POST or None, request.FILES or None, aktivitet=aktivitet, organisationer=organisationer, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rapport = services.statusrapport_create(
                user=request.user,
                period=period,
                aktivitet=aktivitet,
                organisation=data["organisation"],
                status=data["status"],
                genomfort=data["genomfort"],
                hinder=data["hinder"],
                nasta_steg=data["nasta_steg"],
                strategier=data["strategier"],
            )
        except Domanfel as exc:
            add_service_error(form, exc)
        else:
            if _attach(request, form, rapport):
                messages.success(request, _("Utkastet är sparat. Skicka in det när det är klart."))
                return redirect("uppfoljning:statusrapport", pk=rapport.pk)
            messages.error(
                request,
                _("Utkastet är sparat men bilagan inte: %(fel)s Välj filen igen.")
                % {"fel": " ".join(form.errors.get("bilaga", []))},
            )
            return redirect("uppfoljning:statusrapport_andra", pk=rapport.pk)
    _choose_file_again(request, form)
    return render(
        request,
        "uppfoljning/rapportering/statusrapport_form.html",
        {"form": form, "aktivitet": aktivitet, "period": period, "rapport": None, "utgar_fran": utgar_fran},
    )


@login_required
def statusrapport_update(request, pk):
    rapport = _visible_report(request, pk)
    check_who(request.user, "uppfoljning.change_statusrapport", rapport)
    if request.method != "POST" and (fel := hinder(request.user, "uppfoljning.change_statusrapport", rapport)):
        # Not editable now (state or deadline): say why on the report instead of a form that would fail.
        messages.error(request, " ".join(fel.messages))
        return redirect("uppfoljning:statusrapport", pk=rapport.pk)
    form = StatusrapportForm(
        request.POST or None,
        request.FILES or None,
        instance=rapport if request.method != "POST" else None,
        initial={"version": rapport.version},
        aktivitet=rapport.aktivitet,
    )
    senast_sparad, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sparad = services.statusrapport_update(
                user=request.user,
                rapport_id=rapport.pk,
                version=data["version"] or 0,
                status=data["status"],
                genomfort=data["genomfort"],
                hinder=data["hinder"],
                nasta_steg=data["nasta_steg"],
                strategier=data["strategier"],
            )
        except Versionskonflikt as exc:
            status = 409  # as in the API: a stale version is a conflict, whatever the channel
            form.add_error(None, exc.messages)
            # Show what is saved now; the user's own text stays in the form. Saving again is then
            # a deliberate choice to replace the other person's change.
            senast_sparad = rapport
            form.data = form.data.copy()
            form.data["version"] = str(exc.aktuell_version)
        except Domanfel as exc:
            add_service_error(form, exc)
        else:
            if _attach(request, form, sparad):
                messages.success(request, _("Ändringarna är sparade."))
                return redirect("uppfoljning:statusrapport", pk=rapport.pk)
            # The text is saved; only the file was refused. Continue from the saved version.
            messages.success(request, _("Ändringarna är sparade, men inte bilagan."))
            form.data = form.data.copy()
            form.data["version"] = str(sparad.version)
    _choose_file_again(request, form)
    return render(
        request,
        "uppfoljning/rapportering/statusrapport_form.html",
        {
            "form": form,
            "aktivitet": rapport.aktivitet,
            "period": rapport.period,
            "rapport": rapport,
            "senast_sparad": senast_sparad,
            "bilagor": rapport.bilagor.all(),
        },
        status=status,
    )


ACTIONS = {
    # url segment: (action of the transition table, form class, prefix, service, success message)
    "skicka-in": (
        Rapporthandling.SUBMIT,
        VersionForm,
        None,
        services.statusrapport_submit,
        gettext_lazy("Rapporten är inskickad."),
    ),
    "returnera": (
        Rapporthandling.RETURN,
        ReturForm,
        "retur",
        services.statusrapport_return,
        gettext_lazy("Rapporten är returnerad för komplettering."),
    ),
    "godkann": (
        Rapporthandling.APPROVE,
        GodkannForm,
        "godkann",
        services.statusrapport_approve,
        gettext_lazy("Rapporten är godkänd och publicerad."),
    ),
    "ateroppna": (
        Rapporthandling.REOPEN,
        AteroppnaForm,
        "ateroppna",
        services.statusrapport_reopen,
        gettext_lazy("Rapporten är öppnad igen."),
    ),
}


@login_required
@require_POST
def statusrapport_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    rapport = _visible_report(request, pk)
    _handling, form_class, prefix, service, success = ACTIONS[action]
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(user=request.user, rapport_id=rapport.pk, **form.cleaned_data)
        except Versionskonflikt as exc:
            # Someone changed the report since the page was loaded: say so above the report as it is
            # saved now (409, as in the API). A typed comment stays in its form, whose hidden version
            # is now the saved one, so pressing the button again is a deliberate choice.
            messages.error(request, " ".join(exc.messages))
            rapport.refresh_from_db()
            return _render_detail(request, rapport, bunden=form if prefix else None, status=409)
        except Domanfel as exc:
            if prefix and hasattr(exc, "error_dict") and set(exc.error_dict) & set(form.fields):
                add_service_error(form, exc)
                return _render_detail(request, rapport, bunden=form, status=400)
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, success)
    elif prefix and set(form.errors) - {"version"}:
        # A comment that is missing or too long: the form again, its error summary on top, the text kept.
        return _render_detail(request, rapport, bunden=form, status=400)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("uppfoljning:statusrapport", pk=rapport.pk)


@login_required
@require_POST
def bilaga_delete(request, pk):
    bilaga = get_object_or_404(Bilaga, pk=pk)
    rapport = _visible_report(request, bilaga.statusrapport_id)
    try:
        services.bilaga_delete(user=request.user, bilaga_id=bilaga.pk)
    except Domanfel as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Bilagan är borttagen."))
    return redirect("uppfoljning:statusrapport", pk=rapport.pk)


@login_required
def bilaga_download(request, pk):
    bilaga = get_object_or_404(Bilaga, pk=pk)
    _visible_report(request, bilaga.statusrapport_id)
    response = FileResponse(bilaga.fil.open("rb"), as_attachment=True, filename=bilaga.filnamn)
    response["Content-Type"] = bilaga.innehallstyp
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Periods (planägare) ---------------------------------------------------------------------------


@login_required
def period_list(request):
    require(request.user, "uppfoljning.manage_uppfoljningsperiod")
    return render(request, "uppfoljning/rapportering/period_list.html", {"perioder": selectors.perioder()})


@login_required
def period_form(request, pk=None):
    require(request.user, "uppfoljning.manage_uppfoljningsperiod")
    period = get_object_or_404(Uppfoljningsperiod, pk=pk) if pk else None
    form = UppfoljningsperiodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("namn", "slug", "oppnar", "sista_dag")}
        try:
            if period:
                services.uppfoljningsperiod_update(user=request.user, period_id=period.pk, **data)
            else:
                services.uppfoljningsperiod_create(user=request.user, plan=_plan_from(request), **data)
        except Domanfel as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Perioden är sparad."))
            return redirect("uppfoljning:perioder")
    return render(request, "uppfoljning/rapportering/period_form.html", {"form": form, "period": period})


# --- Completeness (planägare, samordnare) -------------------------------------------------------------


def _kompletthet_roller(request):
    """Completeness through KompletthetFilterSet: the period picks the expected reports (one
    definition: selectors.forvantade_roller), the filters narrow them; an invalid filter is a 400."""
    require(request.user, "uppfoljning.view_kompletthet")
    plan = _plan_from(request)
    filterset = KompletthetFilterSet(request.GET or None, queryset=Aktivitetsroll.objects.none(), plan=plan)
    valid = not filterset.is_bound or filterset.is_valid()
    period = (filterset.form.cleaned_data.get("period") if filterset.is_bound and valid else None) or (
        selectors.period_current(plan=plan)
    )
    if period is None:
        raise Http404
    filterset.form.fields["period"].initial = period
    filterset.queryset = selectors.kompletthet_roller(user=request.user, period=period)
    roller = filterset.qs if valid else filterset.queryset.none()
    return filterset, period, roller, valid


@login_required
def kompletthet(request):
    """The counts per state of everything the filters select, and the rows a page at a time
    (`?sida=`): at a city's size the planägare's table has thousands of rows."""
    filterset, period, roller, valid = _kompletthet_roller(request)

    def las():
        return selectors.kompletthet_sida(period=period, roller=roller, sida=request.GET.get("sida"))

    resultat, sida = (
        selectors.kept_for_reader(
            "kompletthet", period.pk, request.GET.urlencode(), user=request.user, plan=period.plan, render=las
        )
        if valid
        else las()
    )
    query = request.GET.copy()
    query.pop("sida", None)
    tillstand_labels = {"saknas": _("Saknas"), **dict(Rapporttillstand.choices)}
    staplar = [
        {
            "nyckel": key,
            "namn": tillstand_labels[key],
            "antal": n,
            "procent": round(100 * n / resultat.totalt) if resultat.totalt else 0,
        }
        for key, n in resultat.antal.items()
    ]
    return render(
        request,
        "uppfoljning/rapportering/kompletthet.html",
        {
            "form": filterset.form,
            "filterfalt": filter_fields_html(filterset, extra_key=f"period {period.pk}"),
            "resultat": resultat,
            "staplar": staplar,
            "sida": sida,
            "query": query.urlencode(),
            "ledda": ledda_aktivitet_ids(request.user),
        },
        status=200 if valid else 400,
    )


@login_required
def kompletthet_xlsx(request):
    _filterset, period, roller, valid = _kompletthet_roller(request)
    resultat = selectors.kompletthet(period=period, roller=roller)
    if not valid:
        return HttpResponseBadRequest(_("Ogiltigt filter."))
    labels = {"saknas": _("Saknas"), **dict(Rapporttillstand.choices)}
    kontakter = kontaktpersoner(rad["organisation"].pk for rad in resultat.rader)
    rader = (
        [
            resultat.period.namn,
            rad["aktivitet"].titel,
            rad["organisation"].namn,
            rad["roll"].get_roll_display(),
            labels[rad["tillstand"]],
            rad["rapport"].get_status_display() if rad["rapport"] else "",
            rad["rapport"].uppdaterad if rad["rapport"] else None,
            ", ".join(u.get_full_name() or u.get_username() for u in kontakter.get(rad["organisation"].pk, [])),
            ", ".join(u.email for u in kontakter.get(rad["organisation"].pk, []) if u.email),
        ]
        for rad in resultat.rader
    )
    rubriker = [
        _("Period"),
        _("Aktivitet"),
        _("Organisation"),
        _("Roll"),
        _("Tillstånd"),
        _("Status"),
        _("Senast ändrad"),
        _("Kontaktperson"),
        _("E-post"),
    ]
    return xlsx_response(
        filnamn=f"kompletthet-{resultat.period.slug}", blad=_("Kompletthet"), rubriker=rubriker, rader=rader
    )


# --- Overall status of an activity (samordnare) -------------------------------------------------------


@login_required
def aktivitetsstatus_form(request, period, aktivitet):
    aktivitet_slug = aktivitet
    period = get_object_or_404(
        Uppfoljningsperiod.objects.select_related("plan"), slug=period, plan__aktiviteter__slug=aktivitet_slug
    )
    aktivitet = get_object_or_404(Aktivitet.objects.select_related("plan"), plan=period.plan, slug=aktivitet_slug)
    require(request.user, "uppfoljning.change_aktivitetsstatus", aktivitet)
    rad = Aktivitetsstatus.objects.filter(period=period, aktivitet=aktivitet).first()
    form = AktivitetsstatusForm(request.POST or None, instance=rad, initial={"version": rad.version if rad else 0})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.aktivitetsstatus_save(
                user=request.user,
                period=period,
                aktivitet=aktivitet,
                status=form.cleaned_data["status"],
                sammanfattning=form.cleaned_data["sammanfattning"],
                version=form.cleaned_data["version"],
            )
        except Versionskonflikt as exc:
            # Someone saved since the page was loaded (409, as in the API): the text stays, and the
            # form now carries the saved version, so saving again deliberately replaces theirs.
            form.add_error(None, exc.messages)
            form.data = form.data.copy()
            form.data["version"] = str(exc.aktuell_version)
            status = 409
        except Domanfel as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Aktivitetens samlade status är sparad."))
            query = urlencode({"plan": period.plan.slug, "period": period.slug, "aktivitet": aktivitet.slug})
            return redirect(reverse("uppfoljning:kompletthet") + "?" + query)
    rapporter = (
        Statusrapport.objects.filter(period=period, aktivitet=aktivitet)
        .select_related("organisation")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )
    return render(
        request,
        "uppfoljning/rapportering/aktivitetsstatus_form.html",
        {"form": form, "period": period, "aktivitet": aktivitet, "rapporter": rapporter},
        status=status,
    )
