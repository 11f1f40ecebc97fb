"""Read-only representations of the collaboration activities and the strategy matrix."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from plan.api.serializers import AktivitetSerializer
from samverkan.models import Matrisplacering, Samverkansaktivitet


class SamverkansaktivitetSerializer(AktivitetSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="samverkansaktivitet-detail", lookup_field="slug")
    strategier = serializers.SerializerMethodField(help_text=_("Strategierna i aktivitetens rad i strategimatrisen."))

    class Meta(AktivitetSerializer.Meta):
        model = Samverkansaktivitet
        fields = ["url", "slug", "titel", "matrisrubrik", "ordning", "syfte", "beskrivning", "roller", "strategier"]

    def get_strategier(self, obj) -> list[str]:
        return [placering.strategi.slug for placering in obj.matrisplaceringar.all()]


class MatrisplaceringSerializer(serializers.ModelSerializer):
    samverkansaktivitet = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    malomrade = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    strategi = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    strateginamn = serializers.CharField(source="strategi.namn", read_only=True)
    utanfor_eget_malomrade = serializers.BooleanField(
        read_only=True, help_text=_("Sant där planen visar strategin i ett annat målområdes kolumn.")
    )

    class Meta:
        model = Matrisplacering
        fields = ["samverkansaktivitet", "malomrade", "ordning", "strategi", "strateginamn", "utanfor_eget_malomrade"]
