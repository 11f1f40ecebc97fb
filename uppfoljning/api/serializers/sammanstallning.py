"""Serializers of compiled follow-up reports."""

from django.urls import reverse
from django.utils.translation import gettext
from rest_framework import serializers

from plan.api.fields import StrictIntegerField, StrictSlugField
from uppfoljning.choices import Omfattning
from uppfoljning.models import Uppfoljningsrapport
from uppfoljning.sammanstallning.filer import FORMAT


class UppfoljningsrapportSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    malomrade = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    poll_url = serializers.SerializerMethodField()
    filer = serializers.SerializerMethodField()

    class Meta:
        model = Uppfoljningsrapport
        fields = [
            "id",
            "plan",
            "ar",
            "version",
            "omfattning",
            "malomrade",
            "organisation",
            "status",
            "status_display",
            "progress",
            "steg",
            "underlag_tidpunkt",
            "skapad",
            "startad",
            "klar",
            "felmeddelande",
            "fingeravtryck",
            "andringar",
            "poll_url",
            "filer",
        ]
        read_only_fields = [f for f in fields if f != "ar"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if data.get("steg"):
            data["steg"] = gettext(data["steg"])  # stored in Swedish (the source text), shown translated
        return data

    def get_poll_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("uppfoljningsrapport-detail", args=[obj.pk]))

    def get_filer(self, obj) -> dict:
        """Download links with checksums, only once the artefact is complete."""
        if not obj.ar_klar:
            return {}
        request = self.context["request"]
        return {
            fmt: {
                "url": request.build_absolute_uri(reverse("uppfoljningsrapport-fil", args=[obj.pk, fmt])),
                "sha256": summa,
            }
            for fmt, _namn, summa in obj.filer()
            if fmt in FORMAT
        }


class StartSerializer(serializers.Serializer):
    plan = StrictSlugField(required=False, help_text="Planens kortnamn; utelämnad: den gällande planen.")
    ar = StrictIntegerField(min_value=2000, max_value=2100)
    omfattning = serializers.ChoiceField(choices=Omfattning.choices, default=Omfattning.PLAN)
    malomrade = StrictSlugField(required=False, help_text="Målområdets kortnamn (omfattning malomrade).")
    organisation = StrictSlugField(required=False, help_text="Organisationens kortnamn (omfattning organisation).")
    tvinga = serializers.BooleanField(
        default=False, help_text="Skapa en ny version även om underlaget inte har ändrats sedan den senaste."
    )


class StartSvarSerializer(UppfoljningsrapportSerializer):
    """The answer to a start: the version (new, joined or unchanged) and what the start did."""

    utfall = serializers.ChoiceField(
        choices=[("ny", "ny"), ("pagaende", "pagaende"), ("oforandrad", "oforandrad")],
        read_only=True,
        help_text="ny: en ny version sammanställs; pagaende: samma urval sammanställs redan, det jobbet "
        "returneras; oforandrad: underlaget har inte ändrats sedan den returnerade versionen.",
    )

    class Meta(UppfoljningsrapportSerializer.Meta):
        fields = [*UppfoljningsrapportSerializer.Meta.fields, "utfall"]
        read_only_fields = fields
