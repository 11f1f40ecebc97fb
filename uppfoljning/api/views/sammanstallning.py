"""API of compiled follow-up reports. Same services, rules and selectors as the web pages: POST
starts a compilation (202 + a job to poll), GET lists versions with links."""

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, negotiation, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jamlik.rules import may
from plan.api.scoping import plan_from_slug
from uppfoljning.api.serializers.sammanstallning import StartSerializer, UppfoljningsrapportSerializer
from uppfoljning.filters.sammanstallning import UppfoljningsrapportFilterSet
from uppfoljning.sammanstallning.filer import FORMAT, download_response
from uppfoljning.selectors.sammanstallning import uppfoljningsrapporter_for_user
from uppfoljning.services.sammanstallning import uppfoljningsrapport_enqueue, uppfoljningsrapport_start


class IsPlanagare(permissions.BasePermission):
    """Compiled reports are for stadsledningskontoret (planägare) only, reading as well as starting."""

    def has_permission(self, request, view):
        perm = (
            "uppfoljning.add_uppfoljningsrapport"
            if request.method == "POST"
            else "uppfoljning.view_uppfoljningsrapport"
        )
        return may(request.user, perm)


class FileOrJson(negotiation.BaseContentNegotiation):
    """The download answers with the stored file whatever the client accepts (Accept:
    application/pdf is no 406); everything else it answers, an error, is JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


FILE_RESPONSES = {
    (200, media_type.split(";")[0]): OpenApiResponse(
        OpenApiTypes.STR if format == "html" else OpenApiTypes.BINARY,
        description=gettext_lazy("Filen (bilaga); rubriken X-Content-SHA256 bär dess kontrollsumma."),
    )
    for format, media_type in FORMAT.items()
}


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

    @extend_schema(
        summary=gettext_lazy("Starta en sammanställning; följ den med poll_url."),
        request=StartSerializer,
        responses={202: UppfoljningsrapportSerializer},
    )
    def create(self, request, *args, **kwargs):
        start = StartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        plan = plan_from_slug(start.validated_data.get("plan"))
        rapport = uppfoljningsrapport_start(user=request.user, plan=plan, ar=start.validated_data["ar"])
        body = self.get_serializer(rapport).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["poll_url"]})

    @extend_schema(
        summary=gettext_lazy("Ladda ned en färdig rapport som PDF, XLSX eller HTML."),
        parameters=[OpenApiParameter("filformat", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMAT))],
        responses=FILE_RESPONSES,
    )
    @action(
        detail=True,
        url_path=r"filer/(?P<filformat>pdf|xlsx|html)",
        url_name="fil",
        renderer_classes=[renderers.JSONRenderer],
        content_negotiation_class=FileOrJson,
    )
    def fil(self, request, pk=None, filformat=None):
        return download_response(self.get_object(), filformat)
