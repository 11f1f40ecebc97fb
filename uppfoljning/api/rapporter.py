"""API of compiled follow-up reports and process evaluations. Same services, rules and selectors
as the web pages: POST starts a compilation (202 + a job to poll), GET lists versions with links."""

from django.urls import reverse
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from uppfoljning.filters import UppfoljningsrapportFilterSet
from uppfoljning.models import Processutvardering, ProcessutvarderingDel, Uppfoljningsrapport
from uppfoljning.utvardering_selectors import processutvarderingar_for_user, uppfoljningsrapporter_for_user
from uppfoljning.utvardering_services import uppfoljningsrapport_enqueue, uppfoljningsrapport_start
from uppfoljning.views.rapporter import FORMAT, download_response


class UppfoljningsrapportSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    poll_url = serializers.SerializerMethodField()
    filer = serializers.SerializerMethodField()

    class Meta:
        model = Uppfoljningsrapport
        fields = [
            "id",
            "ar",
            "version",
            "status",
            "status_display",
            "progress",
            "steg",
            "underlag_tidpunkt",
            "skapad",
            "startad",
            "klar",
            "felmeddelande",
            "poll_url",
            "filer",
        ]
        read_only_fields = [f for f in fields if f != "ar"]

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
                "sha256": obj.fil(fmt)[1],
            }
            for fmt in FORMAT
        }


class StartSerializer(serializers.Serializer):
    ar = serializers.IntegerField(min_value=2000, max_value=2100)


class IsPlanagare(permissions.BasePermission):
    """Compiled reports are for stadsledningskontoret (planägare) only, reading as well as starting."""

    def has_permission(self, request, view):
        perm = (
            "uppfoljning.add_uppfoljningsrapport"
            if request.method == "POST"
            else "uppfoljning.view_uppfoljningsrapport"
        )
        return request.user.has_perm(perm)


class UppfoljningsrapportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = UppfoljningsrapportSerializer
    permission_classes = [permissions.IsAuthenticated, IsPlanagare]
    filterset_class = UppfoljningsrapportFilterSet

    def get_queryset(self):
        return uppfoljningsrapporter_for_user(user=self.request.user)

    def retrieve(self, request, *args, **kwargs):
        rapport = self.get_object()
        if rapport.vantar_pa_ko and uppfoljningsrapport_enqueue(rapport_id=rapport.pk):
            rapport.refresh_from_db()  # polling a job that waited for the queue hands it over again
        return Response(self.get_serializer(rapport).data)

    def create(self, request, *args, **kwargs):
        start = StartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        rapport = uppfoljningsrapport_start(ar=start.validated_data["ar"], user=request.user)
        body = self.get_serializer(rapport).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["poll_url"]})

    @action(detail=True, url_path=r"filer/(?P<filformat>pdf|xlsx|html)", url_name="fil")
    def fil(self, request, pk=None, filformat=None):
        return download_response(self.get_object(), filformat)


class ProcessutvarderingDelSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.namn")

    class Meta:
        model = ProcessutvarderingDel
        fields = ["organisation", "genomforande", "hinder", "framgangsfaktorer", "lardomar", "samlad_bedomning"]


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
            "samlad_bedomning",
            "genomforande",
            "strukturer",
            "delaktighet_aktorer",
            "hinder",
            "framgangsfaktorer",
            "delaktighet_malgrupper",
            "lardomar",
            "rekommendationer",
            "underlag",
            "delar",
            "version",
            "uppdaterad",
        ]


class ProcessutvarderingViewSet(viewsets.ReadOnlyModelViewSet):
    """Process evaluations: the public sees final ones; planägare also drafts and those under review."""

    serializer_class = ProcessutvarderingSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return processutvarderingar_for_user(user=self.request.user).prefetch_related("underlag")
