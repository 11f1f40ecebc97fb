"""Read-only representations of the plan for the open API. Stable identifiers are slugs."""

from rest_framework import serializers

from plan.models import Aktivitet, Aktivitetsroll, Forutsattning, Malomrade, Organisation, Strategi, StyrandeDokument


class StrategiKortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Strategi
        fields = ["slug", "namn", "ordning"]


class MalomradeSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="malomrade-detail", lookup_field="slug")
    strategier = StrategiKortSerializer(many=True, read_only=True)

    class Meta:
        model = Malomrade
        fields = ["url", "slug", "namn", "kortnamn", "ordning", "beskrivning", "strategier"]


class StrategiSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="strategi-detail", lookup_field="slug")
    malomrade = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Strategi
        fields = ["url", "slug", "namn", "ordning", "malomrade"]


class ForutsattningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Forutsattning
        fields = ["slug", "namn", "ordning", "beskrivning"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="organisation-detail", lookup_field="slug")
    tillhor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    alias = serializers.SlugRelatedField(slug_field="namn", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["url", "slug", "namn", "typ", "tillhor", "samlingsbegrepp", "alias", "beskrivning"]


class RollSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisationsnamn = serializers.CharField(source="organisation.namn", read_only=True)

    class Meta:
        model = Aktivitetsroll
        fields = ["organisation", "organisationsnamn", "roll"]


class AktivitetSerializer(serializers.ModelSerializer):
    roller = RollSerializer(many=True, read_only=True)

    class Meta:
        model = Aktivitet
        fields = ["slug", "titel", "ordning", "syfte", "beskrivning", "roller"]


class StyrandeDokumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = StyrandeDokument
        fields = [
            "slug",
            "namn",
            "kategori",
            "dokumentsort",
            "diarienummer",
            "beslutad_av",
            "beslutsdatum",
            "giltighet",
            "koppling",
            "ordning",
        ]
