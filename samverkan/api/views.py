"""Read-only viewsets of the collaboration activities and the strategy matrix."""

from django.db.models import Prefetch
from rest_framework import mixins, viewsets

from jamlik.api.pagination import StrictLimitOffsetPagination
from jamlik.api.viewsets import PlanDataListMixin
from plan.api.scoping import PlanScopedReadOnlyViewSet
from plan.filters import AktivitetFilterSet
from plan.selectors import roller_prefetch
from samverkan.api.serializers import MatrisplaceringSerializer, SamverkansaktivitetSerializer
from samverkan.filters import MatrisplaceringFilterSet
from samverkan.models import Matrisplacering, Samverkansaktivitet
from samverkan.selectors import matrisplaceringar


class SamverkansaktivitetViewSet(PlanDataListMixin, PlanScopedReadOnlyViewSet):
    """Each plan's samverkansaktiviteter; filter by plan, organisation (any role) or strategy."""

    serializer_class = SamverkansaktivitetSerializer
    filterset_class = AktivitetFilterSet
    queryset = (
        Samverkansaktivitet.objects.select_related("plan")
        .order_by("plan__giltig_fran", "ordning")
        .prefetch_related(
            roller_prefetch(),
            Prefetch(
                "matrisplaceringar",
                queryset=Matrisplacering.objects.select_related("strategi").order_by("malomrade__ordning", "ordning"),
            ),
        )
    )


class MatrisViewSet(PlanDataListMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The cells of each plan's strategy matrix, one entry per strategy in a cell, in reading
    order. Filter by plan, row (samverkansaktivitet), column (malomrade), strategy or organisation;
    slugs are resolved within the plan (the plan in force when `plan` is not given)."""

    serializer_class = MatrisplaceringSerializer
    filterset_class = MatrisplaceringFilterSet
    pagination_class = StrictLimitOffsetPagination
    queryset = matrisplaceringar()
