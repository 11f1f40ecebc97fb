"""Reads of process evaluations and compiled follow-up reports, narrowed to what the user may see."""

from django.db.models import Prefetch, QuerySet

from plan.rules import is_planagare
from uppfoljning.choices import Jobbstatus, Utvarderingstillstand
from uppfoljning.models import Processutvardering, ProcessutvarderingDel, Uppfoljningsrapport


def processutvarderingar_for_user(*, user, ar: int | None = None) -> QuerySet[Processutvardering]:
    """Planägare see every evaluation; everyone else only final ones (same rule as the detail pages)."""
    qs = Processutvardering.objects.select_related("aktivitet", "planerad__uppfoljning").prefetch_related(
        Prefetch("delar", queryset=ProcessutvarderingDel.objects.select_related("organisation"))
    )
    if ar is not None:
        qs = qs.filter(planerad__uppfoljning__ar=ar)
    if not is_planagare(user):
        qs = qs.filter(tillstand=Utvarderingstillstand.SLUTLIG)
    return qs.order_by("planerad__uppfoljning__ar", "planerad__ordning")


def uppfoljningsrapporter_for_user(*, user) -> QuerySet[Uppfoljningsrapport]:
    if not is_planagare(user):
        return Uppfoljningsrapport.objects.none()
    return Uppfoljningsrapport.objects.select_related("startad_av").order_by("-ar", "-version")


def uppfoljningsrapporter_klara(*, user) -> QuerySet[Uppfoljningsrapport]:
    """Only complete artefacts are ever listed as versions."""
    return uppfoljningsrapporter_for_user(user=user).filter(status=Jobbstatus.DONE)
