"""URLs of the portal: public pages, reporting, admin, the API and its documentation."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from .api.router import router
from .ops.health import health
from .web import konto
from .web import urls as web_urls

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/forlang/", konto.forlang, name="forlang"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include("uppfoljning.urls")),
    path("", include("aviseringar.urls")),
    path("planer/<slug:plan>/", include((web_urls.planvyer, "planer"))),
    path("", include("jamlik.web.urls")),
]

handler404 = "jamlik.api.errors.not_found"
