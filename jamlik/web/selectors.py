"""Reads that combine the apps for the public pages. Each runs a fixed number of queries whatever
the amount of data (prefetches, no per-row queries)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from plan.choices import Roll
from plan.models import Aktivitet, Aktivitetsroll, Organisation
from uppfoljning.selectors.rapportering import godkanda_rapporter_for_organisation


@dataclass
class Organisationsoversikt:
    organisation: Organisation
    roller: dict[str, list[Aktivitet]] = field(default_factory=dict)
    insatser: list = field(default_factory=list)
    godkanda_rapporter: list = field(default_factory=list)


def organisation_detail(*, slug: str) -> Organisationsoversikt | None:
    """Everything one organisation coordinates, is responsible for, takes part in or pilots."""
    organisation = (
        Organisation.objects.select_related("tillhor")
        .prefetch_related("alias", Prefetch("underordnade", queryset=Organisation.objects.order_by("namn")))
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        return None
    oversikt = Organisationsoversikt(organisation=organisation, roller={roll.value: [] for roll in Roll})
    roller = (
        Aktivitetsroll.objects.filter(organisation=organisation)
        .select_related("aktivitet")
        .order_by("aktivitet__typ", "aktivitet__ordning")
    )
    for roll in roller:
        oversikt.roller[roll.roll].append(roll.aktivitet)
    oversikt.insatser = list(
        organisation.insatser.select_related("samverkansaktivitet").order_by("samverkansaktivitet__ordning", "titel")
    )
    oversikt.godkanda_rapporter = list(godkanda_rapporter_for_organisation(organisation=organisation))
    return oversikt
