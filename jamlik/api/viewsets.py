"""Base viewsets of the open API: anonymous read, throttled, paginated strictly, looked up by slug."""

from rest_framework import viewsets

from jamlik.api.pagination import StrictLimitOffsetPagination


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    pagination_class = StrictLimitOffsetPagination
