"""Read-only API of the steering activities (public, like the plan)."""

from jamlik.api.viewsets import PublicReadOnlyViewSet
from plan.filters import AktivitetFilterSet
from plan.selectors import roller_prefetch
from uppfoljning.api.serializers.styrning import StyrningsaktivitetSerializer
from uppfoljning.models import Styrningsaktivitet


class StyrningsaktivitetViewSet(PublicReadOnlyViewSet):
    """The six activities for styrning, uppföljning och samordning; filter by organisation."""

    serializer_class = StyrningsaktivitetSerializer
    filterset_class = AktivitetFilterSet
    queryset = Styrningsaktivitet.objects.order_by("ordning").prefetch_related(roller_prefetch())
