"""Reads of compiled follow-up reports, narrowed to what the user may see (planägare only)."""

from django.db.models import QuerySet

from plan.rules import is_planagare
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Uppfoljningsrapport


def uppfoljningsrapporter_for_user(*, user) -> QuerySet[Uppfoljningsrapport]:
    if not is_planagare(user):
        return Uppfoljningsrapport.objects.none()
    return Uppfoljningsrapport.objects.select_related("startad_av", "plan").order_by("plan__namn", "-ar", "-version")


def uppfoljningsrapporter_klara(*, user) -> QuerySet[Uppfoljningsrapport]:
    """Only complete artefacts are ever listed as versions."""
    return uppfoljningsrapporter_for_user(user=user).filter(status=Jobbstatus.DONE)
