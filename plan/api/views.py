"""Read-only viewsets of the plan: anonymous read, throttled, paginated, filtered with the
same FilterSets as the web pages."""

from django.db.models import Prefetch

from jamlik.api.viewsets import PublicReadOnlyViewSet
from plan.api.serializers import (
    ForutsattningSerializer,
    MalomradeSerializer,
    OrganisationSerializer,
    StrategiSerializer,
    StyrandeDokumentSerializer,
)
from plan.filters import OrganisationFilterSet, StrategiFilterSet
from plan.models import Forutsattning, Malomrade, Organisation, Strategi, StyrandeDokument


class MalomradeViewSet(PublicReadOnlyViewSet):
    """The four målområden of the program, each with its strategies in order."""

    serializer_class = MalomradeSerializer
    queryset = Malomrade.objects.order_by("program__giltig_fran", "ordning").prefetch_related(
        Prefetch("strategier", queryset=Strategi.objects.order_by("ordning"))
    )


class StrategiViewSet(PublicReadOnlyViewSet):
    """Strategies; filter by målområde."""

    serializer_class = StrategiSerializer
    filterset_class = StrategiFilterSet
    queryset = Strategi.objects.select_related("malomrade").order_by("malomrade__ordning", "ordning")


class ForutsattningViewSet(PublicReadOnlyViewSet):
    """The program's förutsättningar (prerequisites)."""

    serializer_class = ForutsattningSerializer
    queryset = Forutsattning.objects.order_by("ordning")


class OrganisationViewSet(PublicReadOnlyViewSet):
    """Every organisation the plan names, with aliases; filter by type."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    queryset = Organisation.objects.select_related("tillhor").prefetch_related("alias").order_by("namn")


class StyrandeDokumentViewSet(PublicReadOnlyViewSet):
    """Governing and supporting documents related to the plan."""

    serializer_class = StyrandeDokumentSerializer
    queryset = StyrandeDokument.objects.order_by("kategori", "ordning")
