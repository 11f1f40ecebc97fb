"""Read-only viewsets of the collaboration activities and the strategy matrix."""

from django.db.models import Prefetch
from rest_framework import mixins, viewsets

from jamlik.api.pagination import StrictLimitOffsetPagination
from jamlik.api.viewsets import PublicReadOnlyViewSet
from plan.filters import AktivitetFilterSet
from plan.selectors import roller_prefetch
from samverkan.api.serializers import MatrisplaceringSerializer, SamverkansaktivitetSerializer
from samverkan.filters import MatrisplaceringFilterSet
from samverkan.models import Matrisplacering, Samverkansaktivitet
from samverkan.selectors import matrisplaceringar


class SamverkansaktivitetViewSet(PublicReadOnlyViewSet):
    """The four samverkansaktiviteter; filter by organisation (any role) or by strategy."""

    serializer_class = SamverkansaktivitetSerializer
    filterset_class = AktivitetFilterSet
    queryset = Samverkansaktivitet.objects.order_by("ordning").prefetch_related(
        roller_prefetch(),
        Prefetch(
            "matrisplaceringar",
            queryset=Matrisplacering.objects.select_related("strategi").order_by("malomrade__ordning", "ordning"),
        ),
    )


class MatrisViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The cells of the strategy matrix (Figur 4), one entry per strategy in a cell, in reading
    order. Filter by row (samverkansaktivitet), column (malomrade), strategy or organisation."""

    serializer_class = MatrisplaceringSerializer
    filterset_class = MatrisplaceringFilterSet
    pagination_class = StrictLimitOffsetPagination
    queryset = matrisplaceringar()
