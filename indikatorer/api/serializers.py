"""Serializers of the open indicator API. Every indicator and value says its source (`kallhanvisning`:
"Källa: Kolada (N00914)" as Kolada's terms require) and whether it is example data (`exempel`)."""

from rest_framework import serializers

from indikatorer.models import Indikator, Malvarde, Omrade, Varde


class MalvardeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Malvarde
        fields = ["ar", "kon", "varde", "beskrivning"]


class IndikatorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="indikator-detail", lookup_field="slug")
    planer = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    agare = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    strategier = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    malomraden = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    aktiviteter = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    malvarden = MalvardeSerializer(many=True, read_only=True)
    kallhanvisning = serializers.CharField(read_only=True)

    class Meta:
        model = Indikator
        fields = [
            "url",
            "slug",
            "namn",
            "definition",
            "enhet",
            "kalla",
            "kolada_kpi",
            "kolada_per_enhet",
            "kallhanvisning",
            "hogre_ar_battre",
            "konsuppdelad",
            "omradesniva",
            "agare",
            "planer",
            "strategier",
            "malomraden",
            "aktiviteter",
            "malvarden",
            "exempel",
        ]


class OmradeSerializer(serializers.ModelSerializer):
    forelder = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Omrade
        fields = ["slug", "namn", "niva", "forelder", "kod", "kolada_id", "giltig_fran", "giltig_till", "exempel"]


class VardeSerializer(serializers.ModelSerializer):
    indikator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    omrade = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kallhanvisning = serializers.CharField(source="indikator.kallhanvisning", read_only=True)
    exempel = serializers.SerializerMethodField()

    class Meta:
        model = Varde
        fields = [
            "indikator",
            "omrade",
            "ar",
            "kon",
            "grupp",
            "varde",
            "status",
            "kalla",
            "kallhanvisning",
            "hamtad",
            "exempel",
        ]

    def get_exempel(self, obj) -> bool:
        return obj.exempel or obj.indikator.exempel
