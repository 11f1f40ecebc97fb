"""API endpoints of this app, collected by jamlik/api.py."""

from plan.api.views import (
    ForutsattningViewSet,
    MalomradeViewSet,
    OrganisationViewSet,
    PlanViewSet,
    StrategiViewSet,
    StyrandeDokumentViewSet,
)

ROUTES: list = [  # (prefix, viewset, basename) registered on the /api/v1/ router
    ("planer", PlanViewSet, "plan"),
    ("malomraden", MalomradeViewSet, "malomrade"),
    ("strategier", StrategiViewSet, "strategi"),
    ("forutsattningar", ForutsattningViewSet, "forutsattning"),
    ("organisationer", OrganisationViewSet, "organisation"),
    ("styrande-dokument", StyrandeDokumentViewSet, "styrandedokument"),
]
