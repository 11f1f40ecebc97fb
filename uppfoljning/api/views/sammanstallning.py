"""API of compiled follow-up reports. Same services, rules and selectors as the web pages: POST
starts a compilation (202 + a job to poll), GET lists versions with links."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, negotiation, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from jamlik.rules import may
from plan.api.scoping import plan_from_slug
from plan.models import Malomrade, Organisation
from uppfoljning.api.serializers.sammanstallning import (
    StartSerializer,
    StartSvarSerializer,
    UppfoljningsrapportSerializer,
)
from uppfoljning.choices import Omfattning
from uppfoljning.filters.sammanstallning import UppfoljningsrapportFilterSet
from uppfoljning.sammanstallning.filer import FORMAT, download_response
from uppfoljning.selectors.sammanstallning import uppfoljningsrapporter_for_user
from uppfoljning.services.sammanstallning import Utfall, uppfoljningsrapport_enqueue, uppfoljningsrapport_start


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


@extend_schema_view(
    create=extend_schema(
        summary=gettext_lazy("Starta en sammanställning (hela planen, ett målområde eller en organisation)."),
        request=StartSerializer,
        responses={
            202: OpenApiResponse(
                StartSvarSerializer, description=gettext_lazy("Ny version, eller samma urval pågår redan.")
            ),
            200: OpenApiResponse(
                StartSvarSerializer, description=gettext_lazy("Underlaget har inte ändrats: den senaste versionen.")
            ),
            400: OpenApiResponse(description=gettext_lazy("Ogiltig indata (skäl i svaret).")),
            403: OpenApiResponse(description=gettext_lazy("Saknar behörighet.")),
            404: OpenApiResponse(description=gettext_lazy("Planen finns inte.")),
        },
    )
)
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
        data = start.validated_data
        plan = plan_from_slug(data.get("plan"))
        malomrade = organisation = None
        if data["omfattning"] == Omfattning.MALOMRADE:
            malomrade = Malomrade.objects.filter(plan=plan, slug=data.get("malomrade") or "").first()
            if malomrade is None:
                raise ValidationError({"malomrade": [_("Ange kortnamnet på ett av planens målområden.")]})
        elif data["omfattning"] == Omfattning.ORGANISATION:
            organisation = Organisation.objects.filter(
                kommun_id=plan.program.kommun_id, slug=data.get("organisation") or ""
            ).first()
            if organisation is None:
                raise ValidationError({"organisation": [_("Ange kortnamnet på en organisation i planens kommun.")]})
        resultat = uppfoljningsrapport_start(
            user=request.user,
            plan=plan,
            ar=data["ar"],
            omfattning=data["omfattning"],
            malomrade=malomrade,
            organisation=organisation,
            tvinga=data["tvinga"],
        )
        resultat.rapport.utfall = resultat.utfall
        body = StartSvarSerializer(resultat.rapport, context=self.get_serializer_context()).data
        if resultat.utfall == Utfall.OFORANDRAD:
            # Nothing changed since this version: no job, the existing version is the answer.
            return Response(body, status=status.HTTP_200_OK, headers={"Location": body["poll_url"]})
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["poll_url"]})

    @extend_schema(
        summary=gettext_lazy("Ladda ned en färdig rapport som PDF, DOCX, XLSX eller HTML."),
        parameters=[OpenApiParameter("filformat", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMAT))],
        responses=FILE_RESPONSES,
    )
    @action(
        detail=True,
        url_path=r"filer/(?P<filformat>pdf|docx|xlsx|html)",
        url_name="fil",
        renderer_classes=[renderers.JSONRenderer],
        content_negotiation_class=FileOrJson,
    )
    def fil(self, request, pk=None, filformat=None):
        return download_response(self.get_object(), filformat)
