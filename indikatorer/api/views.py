"""Read-only viewsets of the indicators: anonymous read, throttled, paginated, filtered with the
FilterSets of indikatorer/filters.py (a bad value is a 400 with the reason)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from indikatorer.api.serializers import IndikatorSerializer, OmradeSerializer, VardeSerializer
from indikatorer.filters import IndikatorFilterSet, OmradeFilterSet, VardeFilterSet
from indikatorer.models import Indikator, Omrade, Varde
from jamlik.api.pagination import StrictLimitOffsetPagination
from jamlik.api.viewsets import PublicReadOnlyViewSet
from plan.api.scoping import PLAN_PARAMETER, plan_from_query
from plan.models import Aktivitet, Malomrade, Strategi


class KommunensSlug:
    """Detail by slug: slugs are unique per municipality, so the one of the plan asked for (or in force)."""

    def get_object(self):
        plan = plan_from_query(self.request)
        kommun_id = plan.program.kommun_id if plan else None
        obj = get_object_or_404(self.get_queryset(), kommun_id=kommun_id, slug=self.kwargs["slug"])
        self.check_object_permissions(self.request, obj)
        return obj

    @extend_schema(parameters=[PLAN_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class IndikatorViewSet(KommunensSlug, PublicReadOnlyViewSet):
    """Indicators (nyckeltal) with their source, direction, links to the plan and target values;
    filter by plan, strategi, målområde and source."""

    serializer_class = IndikatorSerializer
    filterset_class = IndikatorFilterSet
    queryset = (
        Indikator.objects.select_related("agare")
        .prefetch_related(
            "planer",
            Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")),
            Prefetch("malomraden", queryset=Malomrade.objects.order_by("ordning")),
            Prefetch("aktiviteter", queryset=Aktivitet.objects.order_by("ordning")),
            "malvarden",
        )
        .order_by("kommun__namn", "ordning", "namn")
    )


class OmradeViewSet(KommunensSlug, PublicReadOnlyViewSet):
    """Areas: the municipality, stadsområden, stadsdelar, primärområden, DeSO and Kolada's
    organisational units, with validity years; filter by plan, level and year."""

    serializer_class = OmradeSerializer
    filterset_class = OmradeFilterSet
    queryset = Omrade.objects.select_related("forelder").order_by("kommun__namn", "ordning", "namn")


class VardeViewSet(viewsets.ReadOnlyModelViewSet):
    """Values per indicator × area × year × gender (T/K/M) × group; filter by plan, indicator,
    strategi, area, year (or a range), gender and area level. A missing value is null with the
    source's status."""

    serializer_class = VardeSerializer
    filterset_class = VardeFilterSet
    pagination_class = StrictLimitOffsetPagination
    queryset = Varde.objects.select_related("indikator", "omrade").order_by(
        "indikator_id", "ar", "omrade_id", "kon", "grupp", "pk"
    )
