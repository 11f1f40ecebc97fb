"""Limit/offset pagination that refuses garbage instead of silently ignoring it."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class StrictLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500

    def _parse(self, request, name: str, default):
        if name not in request.query_params:
            return default
        raw = request.query_params[name]
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value < 0 or (name == self.limit_query_param and value == 0):
            raise ValidationError(
                {name: [_("Ogiltigt värde ”%(varde)s”: ange ett positivt heltal.") % {"varde": raw[:40]}]}
            )
        return value

    def get_limit(self, request):
        limit = self._parse(request, self.limit_query_param, self.default_limit)
        return min(limit, self.max_limit) if limit is not None else None

    def get_offset(self, request):
        return self._parse(request, self.offset_query_param, 0)
