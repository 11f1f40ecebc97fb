"""Components that wrap content (templates/komponenter/).

{% load komponenter %}
{% tabellbehallare "min-tabell" %}<table><caption id="min-tabell">…</caption>…</table>{% endtabellbehallare %}
    → a data table in its own scroll container: at narrow widths the table scrolls inside it, the
      page does not (WCAG 1.4.10); the container is focusable (keyboard scrolling) and named by the
      table's caption (komponenter/tabell.html).
{% sidnumrering sida query %}                         → links to the previous and next page of a Django
{% sidnumrering avsnitt parameter="utkast" ankare="utkast" rubrik=rubrik %}   Page, or of one paged list
                                                        of several on a page (komponenter/sidnumrering.html)
"""

from django import template
from django.template.loader import render_to_string

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
