"""Serializer of the steering activities (public, like the plan)."""

from plan.api.scoping import PlanScopedUrlField
from plan.api.serializers import AktivitetSerializer
from uppfoljning.models import Styrningsaktivitet


class StyrningsaktivitetSerializer(AktivitetSerializer):
    url = PlanScopedUrlField(view_name="styrningsaktivitet-detail")

    class Meta(AktivitetSerializer.Meta):
        model = Styrningsaktivitet
        fields = ["url", "plan", "slug", "titel", "ordning", "syfte", "beskrivning", "roller"]
