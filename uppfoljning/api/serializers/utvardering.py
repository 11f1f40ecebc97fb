"""Serializers of process evaluations."""

from rest_framework import serializers

from uppfoljning.models import Processutvardering, ProcessutvarderingDel
from uppfoljning.models.utvardering import DEL_FALT, UTVARDERING_FALT


class ProcessutvarderingDelSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.namn")

    class Meta:
        model = ProcessutvarderingDel
        fields = ["organisation", *DEL_FALT]


class ProcessutvarderingSerializer(serializers.ModelSerializer):
    ar = serializers.IntegerField(source="planerad.uppfoljning.ar")
    aktivitet = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    delar = ProcessutvarderingDelSerializer(many=True)
    underlag = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Processutvardering
        fields = [
            "id",
            "ar",
            "aktivitet",
            "tillstand",
            *UTVARDERING_FALT,
            "underlag",
            "delar",
            "version",
            "exempel",
            "uppdaterad",
        ]
