"""/tema.css: the city's colours from settings.PORTAL_THEME as Designsystemet's custom properties.

A same-origin stylesheet (the strict CSP allows no inline style), loaded after the design system's
default theme so these values win. Only plain colour values pass; anything else is left out."""

import hashlib
import re

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$")
# PORTAL_THEME key → the custom properties it sets.
PROPERTIES = {
    "accent": ["--ds-color-accent-base-default", "--ds-color-accent-border-strong", "--ds-color-accent-text-subtle"],
    "accent_hover": ["--ds-color-accent-base-hover"],
    "accent_active": ["--ds-color-accent-base-active"],
    "accent_text": ["--ds-color-accent-text-default"],
    "accent_tinted": ["--ds-color-accent-background-tinted", "--ds-color-accent-surface-tinted"],
    "accent_surface_hover": ["--ds-color-accent-surface-hover", "--ds-color-accent-surface-active"],
    "accent_border_subtle": ["--ds-color-accent-border-subtle"],
    "header": ["--portal-header-background"],
    "focus": ["--portal-focus"],
}


def theme_css() -> str:
    theme = getattr(settings, "PORTAL_THEME", {})
    lines = [
        f"  {prop}: {value};"
        for key, props in PROPERTIES.items()
        if (value := str(theme.get(key, "")).strip()) and COLOUR.match(value)
        for prop in props
    ]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


@require_safe
def tema_css(request):
    css = theme_css()
    etag = '"' + hashlib.sha256(css.encode()).hexdigest()[:16] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=3600"
    return response
