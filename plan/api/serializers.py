"""Read-only representations of the plan for the open API. Stable identifiers are slugs, unique
within a plan; every plan-scoped row carries its plan."""

from rest_framework import serializers

from plan.api.scoping import PlanScopedUrlField
from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Malomrade,
    Organisation,
    Plan,
    Strategi,
    StyrandeDokument,
)


class PlanSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="plan-detail", lookup_field="slug")
    kommun = serializers.CharField(source="program.kommun.namn", read_only=True)
    program = serializers.CharField(source="program.namn", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "url",
            "slug",
            "namn",
            "status",
            "kommun",
            "program",
            "dokumentsort",
            "beslutad_av",
            "galler_for",
            "diarienummer",
            "beslutsdatum",
            "paragraf",
            "giltig_fran",
            "giltig_till",
            "senast_reviderad",
            "dokumentansvarig",
        ]


class StrategiKortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Strategi
        fields = ["slug", "namn", "ordning"]


PLAN = serializers.SlugRelatedField(slug_field="slug", read_only=True, help_text="Planen raden hör till.")


class MalomradeSerializer(serializers.ModelSerializer):
    url = PlanScopedUrlField(view_name="malomrade-detail")
    plan = PLAN
    strategier = StrategiKortSerializer(many=True, read_only=True)

    class Meta:
        model = Malomrade
        fields = [
            "url",
            "plan",
            "slug",
            "namn",
            "kortnamn",
            "ordning",
            "beskrivning",
            "genomsyrar_samverkan",
            "strategier",
        ]


class StrategiSerializer(serializers.ModelSerializer):
    url = PlanScopedUrlField(view_name="strategi-detail")
    plan = PLAN
    malomrade = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Strategi
        fields = ["url", "plan", "slug", "namn", "ordning", "malomrade"]


class ForutsattningSerializer(serializers.ModelSerializer):
    plan = PLAN

    class Meta:
        model = Forutsattning
        fields = ["plan", "slug", "namn", "ordning", "beskrivning"]


class AliasSerializer(serializers.Serializer):
    namn = serializers.CharField()
    i_planen = serializers.BooleanField(help_text="Falskt: tillagd kunskap, namnet står inte i planen.")


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="organisation-detail", lookup_field="slug")
    kommun = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tillhor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    rapporterar_for = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    alias = AliasSerializer(many=True, read_only=True)
    ersatter = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    ersatt_av = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    rapporteringsskyldig = serializers.BooleanField(
        read_only=True, help_text="Stadens egna organisationer rapporterar; externa aktörer är samverkanspartner."
    )

    class Meta:
        model = Organisation
        fields = [
            "url",
            "kommun",
            "slug",
            "namn",
            "typ",
            "tillhor",
            "rapporterar_for",
            "samlingsbegrepp",
            "rapporteringsskyldig",
            "alias",
            "giltig_fran",
            "giltig_till",
            "ersatter",
            "ersatt_av",
            "beskrivning",
            "anmarkning",
        ]


class RollSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisationsnamn = serializers.CharField(source="organisation.namn", read_only=True)

    class Meta:
        model = Aktivitetsroll
        fields = ["organisation", "organisationsnamn", "roll", "ordning"]


class AktivitetSerializer(serializers.ModelSerializer):
    plan = PLAN
    roller = RollSerializer(many=True, read_only=True)

    class Meta:
        model = Aktivitet
        fields = ["plan", "slug", "titel", "ordning", "syfte", "beskrivning", "roller"]


class StyrandeDokumentSerializer(serializers.ModelSerializer):
    plan = PLAN

    class Meta:
        model = StyrandeDokument
        fields = [
            "plan",
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
            "anmarkning",
        ]
