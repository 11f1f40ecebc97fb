"""Render the plan's texts: paragraphs separated by blank lines, lists as lines starting "- ".

Plan content is Swedish whatever the interface language (WCAG 3.1.2): in another interface
language it is marked `lang="sv"`.

{{ strategi.namn|sv }}        → the name, in <span lang="sv"> when the interface is not Swedish
<td{% lang_sv %}>…</td>        → lang="sv" on an element that holds only plan content
{{ plan.syfte|plantext }}      → paragraphs and lists, in <div lang="sv"> likewise
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

PLAN_LANGUAGE = "sv"


def _foreign_interface() -> bool:
    return (get_language() or PLAN_LANGUAGE).split("-")[0] != PLAN_LANGUAGE


@register.filter(is_safe=True)
def sv(value) -> str:
    """Plan content inline: marked Swedish when the interface is in another language."""
    if value in (None, ""):
        return ""
    if not _foreign_interface():
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', PLAN_LANGUAGE, value)


@register.simple_tag
def lang_sv() -> str:
    """` lang="sv"` for an element holding plan content, when the interface is in another language."""
    return mark_safe(f' lang="{PLAN_LANGUAGE}"') if _foreign_interface() else ""


@register.filter
def plantext(value: str) -> str:
    if not value:
        return ""
    blocks = []
    for block in value.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            blocks.append(format_html("<ul>{}</ul>", items))
        elif lines:
            blocks.append(format_html("<p>{}</p>", " ".join(lines)))
    html = mark_safe("".join(blocks))
    return format_html('<div lang="{}">{}</div>', PLAN_LANGUAGE, html) if html and _foreign_interface() else html
