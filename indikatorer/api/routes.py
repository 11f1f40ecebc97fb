"""API endpoints of this app, collected by jamlik/api/router.py."""

from indikatorer.api.views import IndikatorViewSet, OmradeViewSet, VardeViewSet

ROUTES: list = [  # (prefix, viewset, basename) registered on the /api/v1/ router
    ("indikatorer", IndikatorViewSet, "indikator"),
    ("omraden", OmradeViewSet, "omrade"),
    ("varden", VardeViewSet, "varde"),
]
