"""Serializers of reporting. They parse and present; the rules are the services'."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from plan.models import Aktivitet, Organisation, Strategi
from uppfoljning.choices import Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod

TEXT_MAX = {name: Statusrapport._meta.get_field(name).max_length for name in ("genomfort", "hinder", "nasta_steg")}


class UppfoljningsperiodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Uppfoljningsperiod
        fields = ["id", "namn", "slug", "oppnar", "sista_dag"]


class BilagaSerializer(serializers.Serializer):
    filnamn = serializers.CharField()
    innehallstyp = serializers.CharField()
    storlek = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = reverse("uppfoljning:bilaga", args=[obj.pk])
        return request.build_absolute_uri(url) if request else url


class StatusrapportSerializer(serializers.ModelSerializer):
    period = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    aktivitet = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    strategier = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    bilagor = BilagaSerializer(many=True, read_only=True)

    class Meta:
        model = Statusrapport
        fields = [
            "id",
            "period",
            "aktivitet",
            "organisation",
            "status",
            "tillstand",
            "genomfort",
            "hinder",
            "nasta_steg",
            "strategier",
            "returkommentar",
            "ateroppnad",
            "version",
            "skapad",
            "uppdaterad",
            "inskickad",
            "godkand",
            "bilagor",
        ]
        read_only_fields = fields


class _RapportInnehall(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Status.choices, error_messages={"invalid_choice": _("Välj en status ur listan.")}
    )
    genomfort = serializers.CharField(max_length=TEXT_MAX["genomfort"], allow_blank=True, required=False, default="")
    hinder = serializers.CharField(max_length=TEXT_MAX["hinder"], allow_blank=True, required=False, default="")
    nasta_steg = serializers.CharField(max_length=TEXT_MAX["nasta_steg"], allow_blank=True, required=False, default="")
    strategier = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Strategi.objects.all(), required=False, default=list
    )


class StatusrapportCreateSerializer(_RapportInnehall):
    period = serializers.SlugRelatedField(slug_field="slug", queryset=Uppfoljningsperiod.objects.all())
    aktivitet = serializers.SlugRelatedField(slug_field="slug", queryset=Aktivitet.objects.select_related("plan"))
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())


class StatusrapportUpdateSerializer(_RapportInnehall):
    version = serializers.IntegerField(min_value=1, help_text=_("Versionen du utgick från (optimistisk låsning)."))


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=_("Versionen du utgick från (optimistisk låsning)."))


class ReturSerializer(VersionSerializer):
    kommentar = serializers.CharField(max_length=2000)


class AteroppnaSerializer(VersionSerializer):
    motivering = serializers.CharField(max_length=2000)


class KonfliktSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.IntegerField(help_text=_("Den version som är sparad nu."))
