"""Base viewsets of the open API: anonymous read, throttled, paginated strictly, looked up by slug."""

from django.http import HttpResponse
from rest_framework import viewsets
from rest_framework.response import Response

from jamlik.api.pagination import StrictLimitOffsetPagination
from jamlik.ops.fragments import aktiviteter_fragment, plan_fragment


class PlanDataListMixin:
    """A list of plan data only (no follow-up data, nothing that depends on who asks): its page is
    kept under the plan-data version (jamlik/ops/fragments.py), so a miss of the response cache after
    an approval does not query, serialize and render the plan again — as rendered JSON (bytes and
    content type), or as data for another format (the browsable API). Keyed by the absolute address
    (links in the page hold host and query) and the format; bad parameters raise before anything is
    stored."""

    def list(self, request, *args, **kwargs):
        name = f"api:{type(self).__name__}"
        uri = request.build_absolute_uri()
        if request.accepted_renderer.format != "json":
            return Response(self._kept(name, uri, render=lambda: self._page(request, *args, **kwargs).data))
        body, content_type = self._kept(name, uri, "json", render=lambda: self._json(request, *args, **kwargs))
        return HttpResponse(body, content_type=content_type)

    def _kept(self, name: str, *vary, render):
        return plan_fragment(name, *vary, render=render)

    def _page(self, request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    def _json(self, request, *args, **kwargs) -> tuple[bytes, str]:
        response = self._page(request, *args, **kwargs)
        response.accepted_renderer = request.accepted_renderer
        response.accepted_media_type = request.accepted_media_type
        response.renderer_context = self.get_renderer_context()
        return response.rendered_content, response["Content-Type"]


class FollowUpListMixin(PlanDataListMixin):
    """A list of follow-up data as the public sees it (approved reports, final evaluations, periods):
    for a reader who is not signed in its page is kept as PlanDataListMixin keeps plan data, under the
    plan-data version, the version of follow-up rows of no one activity and the follow-up version of
    every activity it may show (`aktivitet_ids()`, jamlik/ops/fragments.py): any write to what it
    lists renders it again. A signed-in reader may see more (drafts, their own organisation's
    reports): their list is always read afresh."""

    def aktivitet_ids(self) -> list[int]:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return self._page(request, *args, **kwargs)
        return super().list(request, *args, **kwargs)

    def _kept(self, name: str, *vary, render):
        return aktiviteter_fragment(self.aktivitet_ids(), name, *vary, render=render)


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    pagination_class = StrictLimitOffsetPagination
