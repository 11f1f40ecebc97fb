"""Components that wrap content (templates/komponenter/).

{% load komponenter %}
{% tabellbehallare "min-tabell" %}<table><caption id="min-tabell">…</caption>…</table>{% endtabellbehallare %}
    → a data table in its own scroll container: at narrow widths the table scrolls inside it, the
      page does not (WCAG 1.4.10); the container is focusable (keyboard scrolling) and named by the
      table's caption (komponenter/tabell.html).
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
