"""Read-only viewsets of the plan: anonymous read, throttled, paginated, filtered with the
same FilterSets as the web pages."""

from django.db.models import Prefetch
from django.http import Http404

from jamlik.api.viewsets import PlanDataListMixin, PublicReadOnlyViewSet
from plan.api.scoping import PlanScopedReadOnlyViewSet
from plan.api.serializers import (
    ForutsattningSerializer,
    MalomradeSerializer,
    OrganisationSerializer,
    PlanSerializer,
    StrategiSerializer,
    StyrandeDokumentSerializer,
)
from plan.filters import (
    ForutsattningFilterSet,
    MalomradeFilterSet,
    OrganisationFilterSet,
    StrategiFilterSet,
    StyrandeDokumentFilterSet,
)
from plan.models import Forutsattning, Malomrade, Organisation, Plan, Strategi, StyrandeDokument
from plan.selectors import organisation_by_slug


class PlanViewSet(PlanDataListMixin, PublicReadOnlyViewSet):
    """The plans, current and historical, with their decision and validity."""

    serializer_class = PlanSerializer
    queryset = Plan.objects.select_related("program__kommun").order_by("program__kommun__namn", "-giltig_fran")


class MalomradeViewSet(PlanDataListMixin, PlanScopedReadOnlyViewSet):
    """Each plan's målområden, each with its strategies in order; filter by plan."""

    serializer_class = MalomradeSerializer
    filterset_class = MalomradeFilterSet
    queryset = (
        Malomrade.objects.select_related("plan")
        .order_by("plan__giltig_fran", "ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )


class StrategiViewSet(PlanDataListMixin, PlanScopedReadOnlyViewSet):
    """Strategies; filter by plan and målområde."""

    serializer_class = StrategiSerializer
    filterset_class = StrategiFilterSet
    queryset = Strategi.objects.select_related("malomrade", "plan").order_by(
        "plan__giltig_fran", "malomrade__ordning", "ordning"
    )


class ForutsattningViewSet(PlanDataListMixin, PlanScopedReadOnlyViewSet):
    """Each plan's förutsättningar (prerequisites); filter by plan."""

    serializer_class = ForutsattningSerializer
    filterset_class = ForutsattningFilterSet
    queryset = Forutsattning.objects.select_related("plan").order_by("plan__giltig_fran", "ordning")


class OrganisationViewSet(PlanDataListMixin, PublicReadOnlyViewSet):
    """Every organisation the plans name, with aliases, validity and successors; filter by type."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    queryset = (
        Organisation.objects.select_related("tillhor", "kommun", "rapporterar_for")
        .prefetch_related("alias", "ersatter", "ersatt_av")
        .order_by("kommun__namn", "namn")
    )

    def get_object(self):
        # Slugs are unique per municipality: the plan in force's municipality first.
        organisation = organisation_by_slug(self.kwargs["slug"], queryset=self.get_queryset())
        if organisation is None:
            raise Http404
        return organisation


class StyrandeDokumentViewSet(PlanDataListMixin, PlanScopedReadOnlyViewSet):
    """Governing and supporting documents related to each plan; filter by plan."""

    serializer_class = StyrandeDokumentSerializer
    filterset_class = StyrandeDokumentFilterSet
    queryset = StyrandeDokument.objects.select_related("plan").order_by("plan__giltig_fran", "kategori", "ordning")
