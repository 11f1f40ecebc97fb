"""The one DRF router of /api/v1/. Each app lists its endpoints in <app>/api/routes.py."""

from importlib import import_module

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
for app_label in ("plan", "samverkan", "uppfoljning"):
    for prefix, viewset, basename in import_module(f"{app_label}.api.routes").ROUTES:
        router.register(prefix, viewset, basename=basename)
