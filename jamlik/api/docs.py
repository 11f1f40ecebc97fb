"""The API documentation page: Swagger UI (self-hosted from drf-spectacular-sidecar, no CDN) inside
the portal's own frame, so it has the page language, a main landmark, an h1 and the portal's
header and footer. The initialising script is a separate file (the split view), within the CSP."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
