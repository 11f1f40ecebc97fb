"""Render the plan's texts: paragraphs separated by blank lines, lists as lines starting "- "."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


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
    return mark_safe("".join(blocks))
