"""Serializers of reporting. They parse and present; the rules are the services'."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from jamlik.rules import may
from plan.api.fields import STRICT_FIELD_MAPPING, StrictCharField, StrictIntegerField, StrictSlugField
from plan.api.scoping import PlanSlugRelatedField
from plan.models import Aktivitet, Organisation, Strategi
from uppfoljning.choices import Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.publicering import STATUSRAPPORT_INTERNA_FALT, STATUSRAPPORT_PUBLIKA_FALT

TEXT_MAX = {name: Statusrapport._meta.get_field(name).max_length for name in ("genomfort", "hinder", "nasta_steg")}


class UppfoljningsperiodSerializer(serializers.ModelSerializer):
    serializer_field_mapping = STRICT_FIELD_MAPPING
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Uppfoljningsperiod
        fields = ["id", "plan", "namn", "slug", "oppnar", "sista_dag", "exempel"]
        read_only_fields = ["exempel"]


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
    """A report as the caller may read it: the published fields (uppfoljning/selectors/publicering.py)
    for everyone; the internals (return comment, versions, draft times) only for those who may
    change, return or reopen it (`internt_synlig` from `statusrapporter_for_user`)."""

    plan = serializers.SlugRelatedField(source="period.plan", slug_field="slug", read_only=True)
    period = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    aktivitet = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    strategier = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    bilagor = BilagaSerializer(many=True, read_only=True)
    # Internal fields: absent from the answer to callers who may not read them (so not required in
    # the schema). Output only: the serializer never parses input.
    returkommentar = serializers.CharField(
        required=False, help_text=_("Bara för den som får ändra, returnera eller öppna rapporten igen.")
    )
    ateroppnad = serializers.BooleanField(required=False)
    version = serializers.IntegerField(required=False)
    skapad = serializers.DateTimeField(required=False)
    uppdaterad = serializers.DateTimeField(required=False)
    inskickad = serializers.DateTimeField(required=False, allow_null=True)
    godkannandekommentar = serializers.SerializerMethodField(
        help_text=_("Samordnarens kommentar vid godkännandet; bara för organisationen, samordnarna och planägaren.")
    )

    class Meta:
        model = Statusrapport
        fields = [*STATUSRAPPORT_PUBLIKA_FALT, *STATUSRAPPORT_INTERNA_FALT, "godkannandekommentar"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not getattr(instance, "internt_synlig", False):
            for falt in STATUSRAPPORT_INTERNA_FALT:
                data.pop(falt, None)
        return data

    def get_godkannandekommentar(self, obj) -> str | None:
        request = self.context.get("request")
        if request is None or not may(request.user, "uppfoljning.view_statusrapport_granskning", obj):
            return None
        return obj.godkannandekommentar


class _RapportInnehall(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Status.choices, error_messages={"invalid_choice": _("Välj en status ur listan.")}
    )
    genomfort = StrictCharField(max_length=TEXT_MAX["genomfort"], allow_blank=True, required=False, default="")
    hinder = StrictCharField(max_length=TEXT_MAX["hinder"], allow_blank=True, required=False, default="")
    nasta_steg = StrictCharField(max_length=TEXT_MAX["nasta_steg"], allow_blank=True, required=False, default="")
    strategier = PlanSlugRelatedField(many=True, queryset=Strategi.objects.all(), required=False, default=list)


class StatusrapportCreateSerializer(_RapportInnehall):
    plan = StrictSlugField(required=False, help_text="Planens kortnamn; utelämnad: den gällande planen.")
    period = PlanSlugRelatedField(queryset=Uppfoljningsperiod.objects.all())
    aktivitet = PlanSlugRelatedField(queryset=Aktivitet.objects.select_related("plan"))
    organisation = PlanSlugRelatedField(queryset=Organisation.objects.all(), plan_lookup="kommun__program__planer")


class StatusrapportUpdateSerializer(_RapportInnehall):
    version = StrictIntegerField(min_value=1, help_text=_("Versionen du utgick från (optimistisk låsning)."))


class VersionSerializer(serializers.Serializer):
    version = StrictIntegerField(min_value=1, help_text=_("Versionen du utgick från (optimistisk låsning)."))


class GodkannSerializer(VersionSerializer):
    kommentar = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class ReturSerializer(VersionSerializer):
    kommentar = StrictCharField(max_length=2000)


class AteroppnaSerializer(VersionSerializer):
    motivering = StrictCharField(max_length=2000)


class KonfliktSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.IntegerField(help_text=_("Den version som är sparad nu."))
