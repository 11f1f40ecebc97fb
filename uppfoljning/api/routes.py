"""API endpoints of this app, collected by jamlik/api.py."""

ROUTES: list = []  # (prefix, viewset, basename) registered on the /api/v1/ router

from uppfoljning.api.rapporter import ProcessutvarderingViewSet, UppfoljningsrapportViewSet  # noqa: E402

ROUTES += [
    ("uppfoljningsrapporter", UppfoljningsrapportViewSet, "uppfoljningsrapport"),
    ("processutvarderingar", ProcessutvarderingViewSet, "processutvardering"),
]
