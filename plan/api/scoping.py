"""What every plan-scoped API resource shares: a `plan` field, a `plan` filter, and detail lookup by
slug within one plan (`?plan=<slug>`, the plan in force when omitted), since slugs are unique per
plan, not across plans. Lists show every plan unless filtered; each row says which plan it is."""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.relations import MANY_RELATION_KWARGS

from jamlik.api.viewsets import PublicReadOnlyViewSet
from plan.api.fields import StrictManyRelatedField
from plan.models import Plan
from plan.selectors import plan_current

PLAN_PARAMETER = OpenApiParameter(
    "plan",
    OpenApiTypes.STR,
    description="Planens kortnamn (slug). Utelämnad: den gällande planen.",
    required=False,
)


def plan_from_query(request) -> Plan | None:
    return plan_from_slug(request.query_params.get("plan"))


class PlanScopedUrlField(serializers.HyperlinkedIdentityField):
    """The detail address of a plan-scoped row: its slug and its plan."""

    def __init__(self, view_name: str, plan_path: str = "plan", **kwargs):
        self.plan_path = plan_path
        kwargs.setdefault("lookup_field", "slug")
        super().__init__(view_name=view_name, **kwargs)

    def get_url(self, obj, view_name, request, format):
        url = super().get_url(obj, view_name, request, format)
        plan = obj
        for part in self.plan_path.split("."):
            plan = getattr(plan, part)
        return f"{url}?{urlencode({'plan': plan.slug})}"


class PlanScopedReadOnlyViewSet(PublicReadOnlyViewSet):
    """Detail by slug within `?plan=` (default: the plan in force); lists filter by `plan`."""

    plan_lookup = "plan"

    def get_object(self):
        queryset = self.filter_queryset(self.get_queryset()) if self.action != "retrieve" else self.get_queryset()
        plan = plan_from_query(self.request)
        obj = get_object_or_404(queryset, **{self.plan_lookup: plan, "slug": self.kwargs["slug"]})
        self.check_object_permissions(self.request, obj)
        return obj

    @extend_schema(parameters=[PLAN_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class PlanSlugRelatedField(serializers.SlugRelatedField):
    """A slug of plan content, resolved within the serializer's `plan` (from its context)."""

    def __init__(self, *, plan_lookup: str = "plan", **kwargs):
        self.plan_lookup = plan_lookup
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        # DRF's own many_init, with a list that must be a list (not an object or a string).
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs |= {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return StrictManyRelatedField(**list_kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        plan = self.context.get("plan")
        return queryset.filter(**{self.plan_lookup: plan}).distinct() if plan is not None else queryset.none()


def plan_from_slug(slug) -> Plan | None:
    """The plan a write names (`"plan": "<slug>"`), else the plan in force; a 400 for an unknown one."""
    if not slug:
        return plan_current()
    plan = Plan.objects.select_related("program").filter(slug=str(slug)[:100]).first()
    if plan is None:
        raise ValidationError({"plan": [_("Okänd plan ”%(slug)s”.") % {"slug": str(slug)[:60]}]})
    return plan
