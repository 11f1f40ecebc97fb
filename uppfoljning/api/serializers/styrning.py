"""Serializer of the steering activities (public, like the plan)."""

from rest_framework import serializers

from plan.api.serializers import AktivitetSerializer
from uppfoljning.models import Styrningsaktivitet


class StyrningsaktivitetSerializer(AktivitetSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="styrningsaktivitet-detail", lookup_field="slug")

    class Meta(AktivitetSerializer.Meta):
        model = Styrningsaktivitet
        fields = ["url", "slug", "titel", "ordning", "syfte", "beskrivning", "roller"]
