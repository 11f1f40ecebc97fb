"""API endpoints of this app, collected by jamlik/api.py."""

from uppfoljning.api.rapportering import StatusrapportViewSet, UppfoljningsperiodViewSet

ROUTES: list = [  # (prefix, viewset, basename) registered on the /api/v1/ router
    ("uppfoljningsperioder", UppfoljningsperiodViewSet, "uppfoljningsperiod"),
    ("statusrapporter", StatusrapportViewSet, "statusrapport"),
]
