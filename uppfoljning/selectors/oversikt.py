"""Reads for the planägare's landing page: what in the follow-up needs them now."""

from dataclasses import dataclass, field

from django.db.models import Count

from plan.models import Plan
from uppfoljning.choices import Jobbstatus, Rapporttillstand, Utvarderingstillstand
from uppfoljning.models import Processutvardering, Statusrapport, Uppfoljningsperiod, Uppfoljningsrapport
from uppfoljning.selectors.rapportering import kompletthet, kompletthet_roller, period_current


@dataclass
class Planagaroversikt:
    plan: Plan | None
    period: Uppfoljningsperiod | None
    kompletthet: dict = field(default_factory=dict)  # tillstand (or "saknas") → count in the period
    totalt: int = 0
    inskickade: list = field(default_factory=list)  # waiting for the samordnare's review
    ateroppnade: list = field(default_factory=list)  # reopened and not yet sent in again
    utvarderingar: list = field(default_factory=list)  # not final yet
    senaste_sammanstallning: Uppfoljningsrapport | None = None
    perioder: list = field(default_factory=list)


def planagaroversikt(*, user, plan: Plan | None) -> Planagaroversikt:
    """A fixed number of queries whatever the amount of data."""
    period = period_current(plan=plan)
    oversikt = Planagaroversikt(plan=plan, period=period)
    if plan is None:
        return oversikt
    oversikt.perioder = list(Uppfoljningsperiod.objects.filter(plan=plan).order_by("-oppnar")[:3])
    if period is not None:
        resultat = kompletthet(period=period, roller=kompletthet_roller(user=user, period=period))
        oversikt.kompletthet, oversikt.totalt = resultat.antal, resultat.totalt
        oversikt.inskickade = list(
            Statusrapport.objects.filter(period=period, tillstand=Rapporttillstand.INSKICKAD)
            .select_related("aktivitet__plan", "organisation", "period")
            .order_by("inskickad", "pk")[:20]
        )
    oversikt.ateroppnade = list(
        Statusrapport.objects.filter(
            aktivitet__plan=plan, ateroppnad=True, tillstand__in=[Rapporttillstand.RETURNERAD, Rapporttillstand.UTKAST]
        )
        .select_related("aktivitet__plan", "organisation", "period")
        .order_by("-uppdaterad")[:20]
    )
    oversikt.utvarderingar = list(
        Processutvardering.objects.filter(aktivitet__plan=plan)
        .exclude(tillstand=Utvarderingstillstand.SLUTLIG)
        .select_related("aktivitet", "planerad__uppfoljning")
        .annotate(antal_delar=Count("delar"))
        .order_by("planerad__uppfoljning__ar", "planerad__ordning")
    )
    oversikt.senaste_sammanstallning = (
        Uppfoljningsrapport.objects.filter(plan=plan, status=Jobbstatus.DONE).order_by("-skapad", "-pk").first()
    )
    return oversikt
