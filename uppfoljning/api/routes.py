"""API endpoints of this app, collected by jamlik/api/router.py."""

from uppfoljning.api.views.rapportering import StatusrapportViewSet, UppfoljningsperiodViewSet
from uppfoljning.api.views.sammanstallning import UppfoljningsrapportViewSet
from uppfoljning.api.views.styrning import StyrningsaktivitetViewSet
from uppfoljning.api.views.utvardering import ProcessutvarderingViewSet

ROUTES: list = [  # (prefix, viewset, basename) registered on the /api/v1/ router
    ("styrningsaktiviteter", StyrningsaktivitetViewSet, "styrningsaktivitet"),
    ("uppfoljningsperioder", UppfoljningsperiodViewSet, "uppfoljningsperiod"),
    ("statusrapporter", StatusrapportViewSet, "statusrapport"),
    ("uppfoljningsrapporter", UppfoljningsrapportViewSet, "uppfoljningsrapport"),
    ("processutvarderingar", ProcessutvarderingViewSet, "processutvardering"),
]
