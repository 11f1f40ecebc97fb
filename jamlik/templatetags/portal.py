"""Template tags of the public pages."""

from django import template
from django.urls import reverse

from plan.models import plan_reverse

register = template.Library()


@register.simple_tag
def plan_url(plan, name: str, **kwargs) -> str:
    """The address of a page of `plan`: the short one for the plan in force (or when there is no
    plan in the context), `/planer/<plan>/…` otherwise (e.g. `{% plan_url plan "matris" %}`)."""
    if not plan:
        return reverse(f"web:{name}", kwargs=kwargs)
    return plan_reverse(plan, name, **kwargs)
