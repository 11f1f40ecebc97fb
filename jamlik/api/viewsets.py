"""Base viewsets of the open API: anonymous read, throttled, paginated strictly, looked up by slug."""

from rest_framework import viewsets
from rest_framework.response import Response

from jamlik.api.pagination import StrictLimitOffsetPagination
from jamlik.ops.fragments import plan_fragment


class PlanDataListMixin:
    """A list of plan data only (no follow-up data, nothing that depends on who asks): its
    serialized page is kept under the plan-data version (jamlik/ops/fragments.py), so a miss of the
    response cache after an approval does not query and serialize the plan again. Keyed by the
    absolute address (links in the page hold host and query); bad parameters raise before anything
    is stored."""

    def list(self, request, *args, **kwargs):
        data = plan_fragment(
            f"api:{type(self).__name__}",
            request.build_absolute_uri(),
            render=lambda: super(PlanDataListMixin, self).list(request, *args, **kwargs).data,
        )
        return Response(data)


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    pagination_class = StrictLimitOffsetPagination
