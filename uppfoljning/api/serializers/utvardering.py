"""Serializers of process evaluations: the published fields (uppfoljning/selectors/publicering.py)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from uppfoljning.models import Processutvardering, ProcessutvarderingDel
from uppfoljning.selectors.publicering import (
    PROCESSUTVARDERING_PUBLIKA_FALT,
    PROCESSUTVARDERINGSDEL_PUBLIKA_FALT,
    utvardering_underlag,
)


class ProcessutvarderingDelSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.namn")

    class Meta:
        model = ProcessutvarderingDel
        fields = list(PROCESSUTVARDERINGSDEL_PUBLIKA_FALT)


class UnderlagSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField()
    period_namn = serializers.CharField()
    organisation = serializers.CharField()
    organisation_namn = serializers.CharField()
    status = serializers.CharField()


class ProcessutvarderingSerializer(serializers.ModelSerializer):
    ar = serializers.IntegerField(source="planerad.uppfoljning.ar")
    aktivitet = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    delar = ProcessutvarderingDelSerializer(many=True)
    underlag = serializers.SerializerMethodField()

    class Meta:
        model = Processutvardering
        fields = [*PROCESSUTVARDERING_PUBLIKA_FALT, "underlag", "delar"]

    @extend_schema_field(UnderlagSerializer(many=True))
    def get_underlag(self, obj) -> list[dict]:
        """Approved reports only; for a final evaluation as they were when it was finalised."""
        return utvardering_underlag(obj)
