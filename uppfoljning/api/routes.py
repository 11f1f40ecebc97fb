"""API endpoints of this app, collected by jamlik/api.py."""

ROUTES: list = []  # (prefix, viewset, basename) registered on the /api/v1/ router
