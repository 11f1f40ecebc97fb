"""Reads of process evaluations, narrowed to what the user may see."""

from django.db.models import Prefetch, QuerySet

from plan.rules import is_planagare
from uppfoljning.choices import Utvarderingstillstand
from uppfoljning.models import Processutvardering, ProcessutvarderingDel


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
