"""Public pages of the steering activities."""

from django.shortcuts import get_object_or_404, render

from plan.selectors import godkanda_rapporter, roller_grouped, roller_prefetch
from uppfoljning.models import Styrningsaktivitet


def styrningsaktivitet_detail(request, slug):
    aktivitet = get_object_or_404(Styrningsaktivitet.objects.prefetch_related(roller_prefetch()), slug=slug)
    roller = roller_grouped(aktivitet)
    return render(
        request,
        "uppfoljning/styrningsaktivitet_detail.html",
        {
            "aktivitet": aktivitet,
            "ansvar": roller["ansvar"],
            "pilotverksamheter": roller["pilotverksamhet"],
            "rapporter": godkanda_rapporter(aktivitet=aktivitet),
        },
    )
