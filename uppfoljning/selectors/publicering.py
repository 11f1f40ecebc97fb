"""What the portal publishes: one definition, used by every public channel.

The public pages, the open API (for callers who may not see a report's internals), search, the
public downloads, the Atom feed and the compiled follow-up report all read published rows through
the querysets below and show only the fields listed here. Nothing else leaves the people who may
change, return or reopen a report: the return comment, reopen reasons (in the history), who did
what, versions and draft timestamps are internal.

- a status report is published once approved (`Rapporttillstand.GODKAND`); its published fields
  are the official's full account as approved (status, what was done, obstacles, next steps,
  strategies, attachments);
- a samordnare's overall status of an activity (Aktivitetsstatus) is published as set;
- a process evaluation is published once final; its evidence (underlag) is approved reports only,
  and a final evaluation shows them as they were when it was finalised (`faststalld_underlag`)."""

from collections import OrderedDict

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from plan.models import Aktivitet, Plan, Strategi
from uppfoljning.choices import Rapporttillstand, Utvarderingstillstand
from uppfoljning.models import (
    Aktivitetsstatus,
    Bilaga,
    Processutvardering,
    ProcessutvarderingDel,
    Statusrapport,
)
from uppfoljning.models.utvardering import DEL_FALT, UTVARDERING_FALT

# --- Field lists ------------------------------------------------------------------------------------

# The account an official writes and the samordnare approves: all of it is published.
STATUSRAPPORT_TEXTFALT = ("genomfort", "hinder", "nasta_steg")
# A published report as every public channel shows it (API field names; relations as slugs).
STATUSRAPPORT_PUBLIKA_FALT = (
    "id",
    "plan",
    "period",
    "aktivitet",
    "organisation",
    "status",
    "tillstand",
    *STATUSRAPPORT_TEXTFALT,
    "strategier",
    "godkand",
    "bilagor",
    "exempel",
)
# Only for those who may change, return or reopen the report (uppfoljning.view_internt_statusrapport).
STATUSRAPPORT_INTERNA_FALT = ("returkommentar", "ateroppnad", "version", "skapad", "uppdaterad", "inskickad")

AKTIVITETSSTATUS_PUBLIKA_FALT = ("aktivitet", "period", "status", "sammanfattning", "uppdaterad", "exempel")

PROCESSUTVARDERING_PUBLIKA_FALT = ("id", "ar", "aktivitet", "tillstand", *UTVARDERING_FALT, "faststalld", "exempel")
PROCESSUTVARDERINGSDEL_PUBLIKA_FALT = ("organisation", *DEL_FALT)
# What a piece of evidence shows: the approved report's identity and status, nothing internal.
UNDERLAG_FALT = ("id", "period", "period_namn", "organisation", "organisation_namn", "status")


# --- Published rows ------------------------------------------------------------------------------


def publicerade_statusrapporter(*, plan: Plan | None = None, bilagor: bool = True) -> QuerySet[Statusrapport]:
    """Approved reports with what the public channels show (organisation, period, activity,
    strategies and, unless `bilagor=False` for a page that lists none, attachments prefetched)."""
    prefetch = [Prefetch("strategier", queryset=Strategi.objects.select_related("malomrade").order_by("ordning"))]
    if bilagor:
        prefetch.append(Prefetch("bilagor", queryset=Bilaga.objects.order_by("uppladdad", "pk")))
    qs = (
        Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND)
        .select_related("period__plan", "aktivitet__plan", "organisation")
        .prefetch_related(*prefetch)
    )
    if plan is not None:
        qs = qs.filter(aktivitet__plan=plan)
    return qs


def publicerade_aktivitetsstatusar(*, plan: Plan | None = None) -> QuerySet[Aktivitetsstatus]:
    qs = Aktivitetsstatus.objects.select_related("period", "aktivitet__plan")
    return qs.filter(aktivitet__plan=plan) if plan is not None else qs


def godkant_underlag_prefetch() -> Prefetch:
    """An evaluation's evidence as published: approved reports only (to_attr `godkant_underlag`)."""
    return Prefetch(
        "underlag",
        queryset=Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND)
        .select_related("period", "organisation")
        .order_by("-period__oppnar", "organisation__namn"),
        to_attr="godkant_underlag",
    )


def publicerade_processutvarderingar(*, plan: Plan | None = None) -> QuerySet[Processutvardering]:
    qs = (
        Processutvardering.objects.filter(tillstand=Utvarderingstillstand.SLUTLIG)
        .select_related("aktivitet__plan", "planerad__uppfoljning")
        .prefetch_related(
            Prefetch("delar", queryset=ProcessutvarderingDel.objects.select_related("organisation")),
            godkant_underlag_prefetch(),
        )
        .order_by("planerad__uppfoljning__ar", "planerad__ordning")
    )
    return qs.filter(aktivitet__plan=plan) if plan is not None else qs


def underlag_rad(rapport: Statusrapport) -> dict:
    """One piece of evidence as published (and as kept in a final evaluation's snapshot)."""
    return {
        "id": rapport.pk,
        "period": rapport.period.slug,
        "period_namn": rapport.period.namn,
        "organisation": rapport.organisation.slug,
        "organisation_namn": rapport.organisation.namn,
        "status": rapport.status,
    }


def utvardering_underlag(utvardering: Processutvardering) -> list[dict]:
    """The evidence to show: a final evaluation's snapshot (the status as it was when it was
    finalised); otherwise the linked reports that are approved now. Needs `godkant_underlag_prefetch`
    (or reads the relation once)."""
    if utvardering.tillstand == Utvarderingstillstand.SLUTLIG and utvardering.faststalld_underlag is not None:
        return [{k: rad.get(k) for k in UNDERLAG_FALT} for rad in utvardering.faststalld_underlag]
    rapporter = getattr(utvardering, "godkant_underlag", None)
    if rapporter is None:
        rapporter = (
            utvardering.underlag.filter(tillstand=Rapporttillstand.GODKAND)
            .select_related("period", "organisation")
            .order_by("-period__oppnar", "organisation__namn")
        )
    return [underlag_rad(r) for r in rapporter]


# --- Public reads for the pages ------------------------------------------------------------------


def godkanda_rapporter_per_period(*, aktivitet: Aktivitet) -> "OrderedDict":
    """An activity's approved reports with their full account, newest period first (the page lists
    no attachments: they are not read)."""
    perioder: OrderedDict = OrderedDict()
    for rapport in (
        publicerade_statusrapporter(bilagor=False)
        .filter(aktivitet=aktivitet)
        .select_related(None)  # the activity is the caller's: only period and organisation are joined
        .select_related("period", "organisation")
        .order_by("-period__oppnar", "organisation__namn")
    ):
        perioder.setdefault(rapport.period, []).append(rapport)
    return perioder


def sok_rapporter(*, fraga: str, plan: Plan, antal: int = 50) -> list[Statusrapport]:
    """Search the published text of approved reports (never internal fields). The hits are listed
    by activity, organisation and period: strategies and attachments are not read."""
    fraga = fraga.strip()
    if not fraga:
        return []
    qs = publicerade_statusrapporter(plan=plan).prefetch_related(None)
    villkor = Q()
    for falt in STATUSRAPPORT_TEXTFALT:
        villkor |= Q(**{f"{falt}__icontains": fraga})
    if connection.vendor == "postgresql":
        vektor = SearchVector(*STATUSRAPPORT_TEXTFALT, config="swedish")
        traffar = qs.annotate(sokvektor=vektor).filter(
            sokvektor=SearchQuery(fraga, config="swedish", search_type="websearch")
        )
        villkor |= Q(pk__in=traffar.values("pk"))
    return list(qs.filter(villkor).order_by("-period__oppnar", "aktivitet__typ", "aktivitet__ordning")[:antal])


def statusrapport_historik(*, rapport: Statusrapport, internt: bool, antal: int = 50) -> list[dict]:
    """A report's history as the reader may see it. Those who may change, return or reopen it see
    who did what and the comment given; everyone else sees when and what happened ("Returnerad",
    "Återöppnad"), never names or the free-text reason (one query)."""
    rader = []
    for rad in rapport.history.select_related("history_user").order_by("-history_date", "-history_id")[:antal]:
        vad = rad.history_change_reason or ""
        rader.append(
            {
                "datum": rad.history_date,
                "vem": (rad.history_user.get_full_name() or rad.history_user.get_username())
                if internt and rad.history_user
                else "",
                "vad": vad if internt else vad.split(":", 1)[0],
                "tillstand": rad.tillstand,
                "version": rad.version,
                "godkannandekommentar": rad.godkannandekommentar if vad.startswith("Godkänd") else "",
            }
        )
    return rader
