"""The reporting API: periods and status reports with their workflow actions.

Same permissions (uppfoljning/rules/), same selectors, same services as the web pages.
A version conflict is 409 with the current version; a domain error is 400 with a reason
(both turned into responses in one place, jamlik/api/errors.py)."""

from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jamlik.api.viewsets import FollowUpListMixin
from jamlik.rules import require
from plan.api.scoping import plan_from_slug
from plan.selectors import aktivitet_ids
from uppfoljning.api.serializers.rapportering import (
    AteroppnaSerializer,
    GodkannSerializer,
    KonfliktSerializer,
    ReturSerializer,
    StatusrapportCreateSerializer,
    StatusrapportSerializer,
    StatusrapportUpdateSerializer,
    UppfoljningsperiodSerializer,
    VersionSerializer,
)
from uppfoljning.filters.rapportering import StatusrapportFilterSet, UppfoljningsperiodFilterSet
from uppfoljning.selectors import rapportering as selectors
from uppfoljning.services import rapportering as services

FEL = {
    400: OpenApiResponse(description=gettext_lazy("Ogiltig indata eller otillåten ändring (skäl i svaret).")),
    403: OpenApiResponse(description=gettext_lazy("Saknar behörighet.")),
    404: OpenApiResponse(description=gettext_lazy("Finns inte eller får inte läsas.")),
}
KONFLIKT = {409: OpenApiResponse(KonfliktSerializer, description=gettext_lazy("Någon annan har ändrat rapporten."))}


class UppfoljningsperiodViewSet(
    FollowUpListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reporting periods. Everyone reads; planägare create and change."""

    serializer_class = UppfoljningsperiodSerializer
    filterset_class = UppfoljningsperiodFilterSet
    filter_backends = [DjangoFilterBackend]
    http_method_names = ["get", "post", "put", "head", "options"]

    def aktivitet_ids(self) -> list[int]:
        return []  # periods belong to no one activity: the follow-up version of such rows keeps them

    def get_queryset(self):
        return selectors.perioder()

    def perform_create(self, serializer):
        require(self.request.user, "uppfoljning.manage_uppfoljningsperiod")
        plan = plan_from_slug(self.request.data.get("plan") if hasattr(self.request.data, "get") else None)
        serializer.instance = services.uppfoljningsperiod_create(
            user=self.request.user, plan=plan, **serializer.validated_data
        )

    def perform_update(self, serializer):
        require(self.request.user, "uppfoljning.manage_uppfoljningsperiod")
        serializer.instance = services.uppfoljningsperiod_update(
            user=self.request.user, period_id=serializer.instance.pk, **serializer.validated_data
        )

    def get_serializer(self, *args, **kwargs):
        # Uniqueness is checked by the service (full_clean); avoid DRF's duplicate validators.
        serializer = super().get_serializer(*args, **kwargs)
        if hasattr(serializer, "validators"):
            serializer.validators = []
        return serializer


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Statusrapporter du får läsa (allmänheten: bara godkända).")),
    retrieve=extend_schema(summary=gettext_lazy("En statusrapport."), responses={200: StatusrapportSerializer, **FEL}),
    create=extend_schema(
        summary=gettext_lazy("Skapa ett utkast för din organisation."),
        request=StatusrapportCreateSerializer,
        responses={201: StatusrapportSerializer, **FEL},
    ),
    update=extend_schema(
        summary=gettext_lazy("Ändra ett utkast eller en returnerad rapport (kräver version)."),
        request=StatusrapportUpdateSerializer,
        responses={200: StatusrapportSerializer, **FEL, **KONFLIKT},
    ),
)
class StatusrapportViewSet(
    FollowUpListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Status reports (activity × organisation × period) and their workflow."""

    serializer_class = StatusrapportSerializer
    filterset_class = StatusrapportFilterSet
    filter_backends = [DjangoFilterBackend]
    http_method_names = ["get", "post", "put", "head", "options"]

    def aktivitet_ids(self) -> list[int]:
        return aktivitet_ids(plan=None)

    def get_queryset(self):
        return selectors.statusrapporter_for_user(self.request.user).prefetch_related("strategier", "bilagor")

    def _present(self, rapport, code=status.HTTP_200_OK):
        rapport = self.get_queryset().get(pk=rapport.pk)
        return Response(self.get_serializer(rapport).data, status=code)

    def create(self, request, *args, **kwargs):
        plan = plan_from_slug(request.data.get("plan") if hasattr(request.data, "get") else None)
        data = StatusrapportCreateSerializer(data=request.data, context={"plan": plan})
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "plan"}
        rapport = services.statusrapport_create(user=request.user, **values)
        return self._present(rapport, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        rapport = self.get_object()
        data = StatusrapportUpdateSerializer(data=request.data, context={"plan": rapport.aktivitet.plan})
        data.is_valid(raise_exception=True)
        rapport = services.statusrapport_update(user=request.user, rapport_id=rapport.pk, **data.validated_data)
        return self._present(rapport)

    def _act(self, request, serializer_class, service):
        # The service asks the permission: who (403), version (409), state and deadline (400).
        rapport = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        rapport = service(user=request.user, rapport_id=rapport.pk, **data.validated_data)
        return self._present(rapport)

    @extend_schema(
        summary=gettext_lazy("Skicka in rapporten."),
        request=VersionSerializer,
        responses={200: StatusrapportSerializer, **FEL, **KONFLIKT},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, VersionSerializer, services.statusrapport_submit)

    @extend_schema(
        summary=gettext_lazy("Returnera för komplettering (samordnare)."),
        request=ReturSerializer,
        responses={200: StatusrapportSerializer, **FEL, **KONFLIKT},
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._act(request, ReturSerializer, services.statusrapport_return)

    @extend_schema(
        summary=gettext_lazy(
            "Godkänn och publicera (samordnare från en annan organisation än rapportens, eller planägaren "
            "för en samordnande organisations rapport). Valfri kommentar."
        ),
        request=GodkannSerializer,
        responses={200: StatusrapportSerializer, **FEL, **KONFLIKT},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._act(request, GodkannSerializer, services.statusrapport_approve)

    @extend_schema(
        summary=gettext_lazy("Öppna igen, även efter sista dag (planägare). Loggas."),
        request=AteroppnaSerializer,
        responses={200: StatusrapportSerializer, **FEL, **KONFLIKT},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._act(request, AteroppnaSerializer, services.statusrapport_reopen)
