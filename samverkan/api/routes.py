"""API endpoints of this app, collected by jamlik/api.py."""

from samverkan.api.views import MatrisViewSet, SamverkansaktivitetViewSet

ROUTES: list = [  # (prefix, viewset, basename) registered on the /api/v1/ router
    ("samverkansaktiviteter", SamverkansaktivitetViewSet, "samverkansaktivitet"),
    ("matris", MatrisViewSet, "matris"),
]
