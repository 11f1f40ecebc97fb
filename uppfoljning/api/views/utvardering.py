"""API of process evaluations: read-only; the public sees final ones."""

from rest_framework import permissions, viewsets

from jamlik.api.viewsets import FollowUpListMixin
from plan.selectors import aktivitet_ids
from uppfoljning.api.serializers.utvardering import ProcessutvarderingSerializer
from uppfoljning.selectors.publicering import godkant_underlag_prefetch
from uppfoljning.selectors.utvardering import processutvarderingar_for_user


class ProcessutvarderingViewSet(FollowUpListMixin, viewsets.ReadOnlyModelViewSet):
    """Process evaluations: the public sees final ones; planägare also drafts and those under review."""

    serializer_class = ProcessutvarderingSerializer
    permission_classes = [permissions.AllowAny]

    def aktivitet_ids(self) -> list[int]:
        return aktivitet_ids(plan=None)

    def get_queryset(self):
        return processutvarderingar_for_user(user=self.request.user).prefetch_related(godkant_underlag_prefetch())
