"""The one DRF router of /api/v1/. Each app lists its endpoints in <app>/api/routes.py."""

from rest_framework.routers import DefaultRouter

from indikatorer.api.routes import ROUTES as INDIKATORER_ROUTES
from plan.api.routes import ROUTES as PLAN_ROUTES
from samverkan.api.routes import ROUTES as SAMVERKAN_ROUTES
from uppfoljning.api.routes import ROUTES as UPPFOLJNING_ROUTES

router = DefaultRouter()
for prefix, viewset, basename in [*PLAN_ROUTES, *SAMVERKAN_ROUTES, *UPPFOLJNING_ROUTES, *INDIKATORER_ROUTES]:
    router.register(prefix, viewset, basename=basename)
