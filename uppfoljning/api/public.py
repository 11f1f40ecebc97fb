"""Read-only API of the steering activities (public, like the plan)."""

from rest_framework import serializers

from plan.api.serializers import AktivitetSerializer
from plan.api.views import PublicReadOnlyViewSet
from plan.filters import AktivitetFilterSet
from plan.selectors import roller_prefetch
from uppfoljning.models import Styrningsaktivitet


class StyrningsaktivitetSerializer(AktivitetSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="styrningsaktivitet-detail", lookup_field="slug")

    class Meta(AktivitetSerializer.Meta):
        model = Styrningsaktivitet
        fields = ["url", "slug", "titel", "ordning", "syfte", "beskrivning", "roller"]


class StyrningsaktivitetViewSet(PublicReadOnlyViewSet):
    """The six activities for styrning, uppföljning och samordning; filter by organisation."""

    serializer_class = StyrningsaktivitetSerializer
    filterset_class = AktivitetFilterSet
    queryset = Styrningsaktivitet.objects.order_by("ordning").prefetch_related(roller_prefetch())
