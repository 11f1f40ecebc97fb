"""Template filters of the indicator pages: values as the charts write them."""

from django import template

from indikatorer.diagram import tal as _tal

register = template.Library()


@register.filter
def tal(varde, decimaler=1):
    """{{ value|tal }} → "81,5" (the locale's decimal sign), "–" when missing."""
    return _tal(varde, int(decimaler))
