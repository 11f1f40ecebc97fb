"""API endpoints of this app, collected by jamlik/api.py."""

from uppfoljning.api.public import StyrningsaktivitetViewSet
from uppfoljning.api.rapporter import ProcessutvarderingViewSet, UppfoljningsrapportViewSet
from uppfoljning.api.rapportering import StatusrapportViewSet, UppfoljningsperiodViewSet

ROUTES: list = [  # (prefix, viewset, basename) registered on the /api/v1/ router
    ("styrningsaktiviteter", StyrningsaktivitetViewSet, "styrningsaktivitet"),
    ("uppfoljningsperioder", UppfoljningsperiodViewSet, "uppfoljningsperiod"),
    ("statusrapporter", StatusrapportViewSet, "statusrapport"),
    ("uppfoljningsrapporter", UppfoljningsrapportViewSet, "uppfoljningsrapport"),
    ("processutvarderingar", ProcessutvarderingViewSet, "processutvardering"),
]
