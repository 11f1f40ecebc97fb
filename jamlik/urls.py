"""URLs of the portal: public pages, reporting, admin, the API and its documentation."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from konto import views as konto_views

from .api.docs import ApiDocsView
from .api.router import router
from .ops.health import health
from .web import konto
from .web import urls as web_urls

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", konto_views.LogoutView.as_view(), name="logout"),
    # The language switch is on every page, also the cached public ones, which must carry no CSRF
    # token: a forged switch can only change the visitor's language (and `next` is checked).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("konto/forlang/", konto.forlang, name="forlang"),
    path("konto/", include("konto.urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI only: ReDoc needs inline styles (refused by the CSP) and a third-party font.
    path("api/docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("uppfoljning.urls")),
    path("", include("synpunkter.urls")),
    path("", include("aviseringar.urls")),
    path("", include("indikatorer.urls")),
    path("planer/<slug:plan>/", include((web_urls.planvyer, "planer"))),
    path("", include("jamlik.web.urls")),
]

handler404 = "jamlik.api.errors.not_found"
handler500 = "jamlik.web.fel.server_error"
