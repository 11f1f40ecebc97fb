"""API of compiled follow-up reports. Same services, rules and selectors as the web pages: POST
starts a compilation (202 + a job to poll), GET lists versions with links."""

from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jamlik.rules import may
from plan.api.scoping import plan_from_slug
from uppfoljning.api.serializers.sammanstallning import StartSerializer, UppfoljningsrapportSerializer
from uppfoljning.filters.sammanstallning import UppfoljningsrapportFilterSet
from uppfoljning.sammanstallning.filer import download_response
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
        plan = plan_from_slug(start.validated_data.get("plan"))
        rapport = uppfoljningsrapport_start(user=request.user, plan=plan, ar=start.validated_data["ar"])
        body = self.get_serializer(rapport).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["poll_url"]})

    @action(detail=True, url_path=r"filer/(?P<filformat>pdf|xlsx|html)", url_name="fil")
    def fil(self, request, pk=None, filformat=None):
        return download_response(self.get_object(), filformat)
