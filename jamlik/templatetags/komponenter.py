"""Components that wrap content (templates/komponenter/).

{% load komponenter %}
{% tabellbehallare "min-tabell" %}<table><caption id="min-tabell">…</caption>…</table>{% endtabellbehallare %}
    → a data table in its own scroll container: at narrow widths the table scrolls inside it, the
      page does not (WCAG 1.4.10); the container is focusable (keyboard scrolling) and named by the
      table's caption (komponenter/tabell.html).
{% sidnumrering sida query %}                         → links to the previous and next page of a Django
{% sidnumrering avsnitt parameter="utkast" ankare="utkast" rubrik=rubrik %}   Page, or of one paged list
                                                        of several on a page (komponenter/sidnumrering.html)
{% alternativ option %}                               → one option of a choice widget as its <input>
"""

from django import template
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html

register = template.Library()


class TabellbehallareNode(template.Node):
    def __init__(self, nodelist, etikett):
        self.nodelist = nodelist
        self.etikett = etikett

    def render(self, context):
        return render_to_string(
            "komponenter/tabell.html",
            {"etikett": self.etikett.resolve(context), "innehall": self.nodelist.render(context)},
        )


@register.tag
def tabellbehallare(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% tabellbehallare %} takes the id of the table's caption")
    nodelist = parser.parse(("endtabellbehallare",))
    parser.delete_first_token()
    return TabellbehallareNode(nodelist, parser.compile_filter(bits[1]))


@register.inclusion_tag("komponenter/sidnumrering.html")
def sidnumrering(sida, query: str = "", *, parameter: str = "sida", ankare: str = "", rubrik: str = "") -> dict:
    """Pagination for a Django Page (with `query`, the other query parameters) or for a list that
    pages itself (`sida`, `sidor`, `foregaende`, `nasta` and its own `query`, as Mina rapporter's
    sections): one markup for both."""
    if hasattr(sida, "paginator"):
        nu, antal = sida.number, sida.paginator.num_pages
        foregaende = sida.previous_page_number() if sida.has_previous() else None
        nasta = sida.next_page_number() if sida.has_next() else None
    else:
        nu, antal, foregaende, nasta = sida.sida, sida.sidor, sida.foregaende, sida.nasta
        query = getattr(sida, "query", query)
    return {
        "nu": nu,
        "antal": antal,
        "foregaende": foregaende,
        "nasta": nasta,
        "query": query,
        "parameter": parameter,
        "ankare": ankare,
        "rubrik": rubrik,
    }


@register.simple_tag
def alternativ(option: dict) -> str:
    """One option of a choice widget (a checkbox or radio button of a list) as its <input>: what
    django/forms/widgets/input.html and attrs.html render, Designsystemet's ds-input class first,
    without two template includes per option (a report's strategy checklist has some thirty)."""
    attrs = option["attrs"]
    klass = f"ds-input {attrs['class']}" if attrs.get("class") else "ds-input"
    rest = flatatt({name: value for name, value in attrs.items() if name != "class"})
    if option["value"] is None:
        return format_html('<input type="{}" name="{}" class="{}"{}>', option["type"], option["name"], klass, rest)
    return format_html(
        '<input type="{}" name="{}" value="{}" class="{}"{}>',
        option["type"],
        option["name"],
        option["value"],
        klass,
        rest,
    )
