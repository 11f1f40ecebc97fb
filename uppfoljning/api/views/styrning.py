"""Read-only API of the steering activities (public, like the plan)."""

from jamlik.api.viewsets import PlanDataListMixin
from plan.api.scoping import PlanScopedReadOnlyViewSet
from plan.filters import AktivitetFilterSet
from plan.selectors import roller_prefetch
from uppfoljning.api.serializers.styrning import StyrningsaktivitetSerializer
from uppfoljning.models import Styrningsaktivitet


class StyrningsaktivitetViewSet(PlanDataListMixin, PlanScopedReadOnlyViewSet):
    """The six activities for styrning, uppföljning och samordning; filter by organisation."""

    serializer_class = StyrningsaktivitetSerializer
    filterset_class = AktivitetFilterSet
    queryset = (
        Styrningsaktivitet.objects.select_related("plan")
        .order_by("plan__giltig_fran", "ordning")
        .prefetch_related(roller_prefetch())
    )
