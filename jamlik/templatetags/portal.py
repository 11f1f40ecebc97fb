"""The portal's components as template tags: active navigation item, breadcrumbs and status tags.

{% load portal %}
<a href="…" {% nav_current "matris" %}>…</a>          → aria-current="page" on the active section
{% breadcrumbs %}                                     → komponenter/brodsmulor.html
{% status_tag rapport.status %}                       → komponenter/statustagg.html (Status)
{% status_tag rapport.tillstand "tillstand" %}        → the same for Rapporttillstand
{% status_tag u.tillstand "utvardering" %}            → Utvarderingstillstand
{% plan_url plan "matris" %}                          → the page of a plan (short address for the plan in force)
{% planfragment "namn" [extra …] %}…{% endplanfragment %} → a part showing only plan data, cached under
                                                        the plan-data version (jamlik/ops/fragments.py)
{% aktivitetsfragment "namn" aktivitet %}…{% endaktivitetsfragment %} → a part showing plan data and
                                                        that activity's follow-up (the same module)
{% uppfoljningsfragment "namn" aktivitet_ids %}…{% enduppfoljningsfragment %} → the same for the
                                                        follow-up of several activities
{% raderfragment "namn" rader %}…{% endraderfragment %} → table rows of reports, kept by each row's own
                                                        state (pk, version, uppdaterad)
{% ramfragment "namn" [inloggad …] %}…{% endramfragment %} → a part of every page's frame, kept per plan,
                                                        page kind and language (not per address)
"""

import functools

from django import template
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.autoreload import file_changed
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jamlik.ops.fragments import aktivitet_fragment, aktiviteter_fragment, plan_fragment
from jamlik.web import navigation
from plan.models import plan_reverse
from uppfoljning.choices import Rapporttillstand, Status, Utvarderingstillstand

register = template.Library()

# value → (Designsystemet colour, icon shape). Colour never carries the meaning alone: the text
# names the state and each colour comes with its own shape.
TAGS = {
    "status": (
        Status,
        {
            Status.EJ_PABORJAD: ("neutral", "cirkel"),
            Status.PAGAR_ENLIGT_PLAN: ("info", "pil"),
            Status.PAGAR_MED_AVVIKELSE: ("warning", "triangel"),
            Status.FORSENAD: ("danger", "klocka"),
            Status.GENOMFORD: ("success", "bock"),
            Status.AVBRUTEN: ("neutral", "kryss"),
        },
    ),
    "tillstand": (
        Rapporttillstand,
        {
            Rapporttillstand.UTKAST: ("neutral", "penna"),
            Rapporttillstand.INSKICKAD: ("info", "pil"),
            Rapporttillstand.RETURNERAD: ("warning", "retur"),
            Rapporttillstand.GODKAND: ("success", "bock"),
        },
    ),
    "utvardering": (
        Utvarderingstillstand,
        {
            Utvarderingstillstand.UTKAST: ("neutral", "penna"),
            Utvarderingstillstand.UNDER_GRANSKNING: ("info", "pil"),
            Utvarderingstillstand.SLUTLIG: ("success", "bock"),
        },
    ),
}
SAKNAS = ("danger", "saknas")


@register.simple_tag(takes_context=True)
def nav_current(context, section: str) -> str:
    request = context.get("request")
    return mark_safe(' aria-current="page"') if request and navigation.section(request) == section else ""


@register.inclusion_tag("komponenter/brodsmulor.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    return {"crumbs": navigation.trail(request) if request else []}


def _status_tag_context(value, kind: str, id: str) -> dict:
    choices, styles = TAGS[kind]
    if not value:
        label = _("Saknas") if kind == "tillstand" else _("Ingen status rapporterad")
        colour, icon = SAKNAS if kind == "tillstand" else ("neutral", "streck")
        return {"label": label, "colour": colour, "icon": icon, "value": "ingen", "id": id}
    colour, icon = styles.get(value, ("neutral", "cirkel"))
    try:
        label = choices(value).label
    except ValueError:
        label = value
    return {"label": label, "colour": colour, "icon": icon, "value": value, "id": id}


@functools.lru_cache(maxsize=2048)
def _status_tag_html(value: str, kind: str, id: str, language: str | None) -> str:
    return mark_safe(render_to_string("komponenter/statustagg.html", _status_tag_context(value, kind, id)))


@receiver(file_changed)
def _forget_status_tags(sender, **kwargs) -> None:
    _status_tag_html.cache_clear()  # runserver: a changed template shows at once (returns None: no restart)


@register.simple_tag
def status_tag(value, kind: str = "status", id: str = ""):
    """A status as text + icon shape + colour. An empty value reads "Saknas" for a report state
    and "Ingen status rapporterad" for a status. The same few tags fill every row of a list, so each
    is rendered once per process and language (komponenter/statustagg.html)."""
    return _status_tag_html(str(value or ""), kind, str(id or ""), get_language())


@register.simple_tag
def plan_url(plan, name: str, **kwargs) -> str:
    """The address of a page of `plan`: the short one for the plan in force (or when there is no
    plan in the context), `/planer/<plan>/…` otherwise (e.g. `{% plan_url plan "matris" %}`)."""
    if not plan:
        return reverse(f"web:{name}", kwargs=kwargs)
    return plan_reverse(plan, name, **kwargs)


@register.inclusion_tag("komponenter/sorterbar_rubrik.html", takes_context=True)
def sort_header(context, falt: str, rubrik: str, parameter: str = "ordning") -> dict:
    """A sortable column header: a link that sorts by the column (again: the other way) and
    aria-sort saying how the table is sorted now. The other query parameters are kept; paging restarts."""
    request = context["request"]
    nu = request.GET.get(parameter, "")
    riktning = "ascending" if nu == falt else "descending" if nu == f"-{falt}" else "none"
    query = request.GET.copy()
    query.pop("sida", None)
    query[parameter] = f"-{falt}" if nu == falt else falt
    return {"rubrik": rubrik, "riktning": riktning, "url": "?" + query.urlencode()}


def _fragment_tag(parser, token, *, needs: str = ""):
    """Parses {% <tag> "name" [needs] [vary …] %} … {% end<tag> %}: the name, the argument the tag
    needs after it (if any), the rest as vary, and what is inside."""
    bits = token.split_contents()
    fixed = 3 if needs else 2
    if len(bits) < fixed:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name" + (f" and {needs}" if needs else ""))
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    argument = parser.compile_filter(bits[2]) if needs else None
    return nodelist, parser.compile_filter(bits[1]), argument, [parser.compile_filter(b) for b in bits[fixed:]]


@register.tag
def planfragment(parser, token):
    """{% planfragment "name" [vary …] %} … {% endplanfragment %}: what is inside shows only plan
    data and nothing that depends on who is asking (see jamlik/ops/fragments.py)."""
    nodelist, name, _none, vary = _fragment_tag(parser, token)
    return FragmentNode(nodelist, name, vary)


@register.tag
def aktivitetsfragment(parser, token):
    """{% aktivitetsfragment "name" aktivitet [vary …] %} … {% endaktivitetsfragment %}: what is inside
    shows plan data and the follow-up of that one activity, nothing that depends on who is asking."""
    nodelist, name, aktivitet, vary = _fragment_tag(parser, token, needs="an activity")
    return FragmentNode(nodelist, name, vary, aktivitet=aktivitet)


@register.tag
def uppfoljningsfragment(parser, token):
    """{% uppfoljningsfragment "name" aktivitet_ids [vary …] %} … {% enduppfoljningsfragment %}: what
    is inside shows plan data and the follow-up of these activities (ids), nothing that depends on
    who is asking: kept until the follow-up of one of them changes."""
    nodelist, name, aktivitet_ids, vary = _fragment_tag(parser, token, needs="activity ids")
    return FragmentNode(nodelist, name, vary, aktiviteter=aktivitet_ids)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, aktivitet=None, aktiviteter=None):
        self.nodelist, self.name, self.vary = nodelist, name, vary
        self.aktivitet, self.aktiviteter = aktivitet, aktiviteter

    def render(self, context):
        # The address with its query string always varies the part (plan, filters); a hit renders
        # nothing inside, so the lazy values a view passes for it are never computed.
        request = context.get("request")
        vary = [request.get_full_path() if request is not None else "", *(v.resolve(context) for v in self.vary)]
        name = self.name.resolve(context)

        def render():
            return self.nodelist.render(context)

        if self.aktiviteter is not None:
            return aktiviteter_fragment(self.aktiviteter.resolve(context), name, *vary, render=render)
        if self.aktivitet is not None:
            return aktivitet_fragment(self.aktivitet.resolve(context).pk, name, *vary, render=render)
        return plan_fragment(name, *vary, render=render)


@register.tag
def ramfragment(parser, token):
    """{% ramfragment "name" [inloggad vary …] %} … {% endramfragment %}: a part of the frame every page
    shares (head, menu, breadcrumbs, plan chooser, footer) that shows only plan data and depends on
    nothing but the page's plan, its kind (the view's URL name, with the plan of a /planer/<plan>/
    address), the language and whether someone is signed in — not on the address or its query
    string, so a handful of entries serve every page. After `inloggad` come what a signed-in
    visitor's part depends on besides (their permissions, their unread count), read only for them:
    nothing of who they are is kept, only those values. Without a request (the 500 page) it is
    rendered."""
    bits = token.split_contents()
    if len(bits) < 2 or (len(bits) > 2 and bits[2] != "inloggad"):
        raise template.TemplateSyntaxError('ramfragment takes a name, then optionally "inloggad" and what varies')
    nodelist = parser.parse(("endramfragment",))
    parser.delete_first_token()
    return RamFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[3:]])


class RamFragmentNode(template.Node):
    def __init__(self, nodelist, name, inloggad: list):
        self.nodelist, self.name, self.inloggad = nodelist, name, inloggad

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if request is None or user is None:
            return self.nodelist.render(context)
        match = getattr(request, "resolver_match", None)
        plan = context.get("plan")
        signed_in = [str(v.resolve(context)) for v in self.inloggad] if user.is_authenticated else []
        return plan_fragment(
            "ram:" + self.name.resolve(context),
            getattr(plan, "pk", ""),
            navigation.view_name(request),
            match.kwargs.get("plan", "") if match else "",
            user.is_authenticated,
            *signed_in,
            render=lambda: self.nodelist.render(context),
        )


@register.tag
def raderfragment(parser, token):
    """{% raderfragment "name" rows [vary …] %} … {% endraderfragment %}: rows of follow-up records,
    kept by each row's own state and by the plan data and follow-up rows of no one activity (periods)
    shown beside them, whoever asks and whatever the address. A report row is known by `pk`,
    `version` and `uppdaterad` (every save changes them); a row that is a dict by each value (a
    model instance by its pk: plan data, under the plan-data version). Nothing inside may depend on
    who is asking beyond what `vary` names (which rows someone may see is decided before)."""
    return RaderFragmentNode(*_fragment_tag(parser, token, needs="the rows"))


def radidentitet(rad) -> tuple:
    if isinstance(rad, dict):
        return tuple((k, getattr(v, "pk", v)) for k, v in rad.items())
    return (rad.pk, rad.version, rad.uppdaterad.isoformat())


class RaderFragmentNode(template.Node):
    def __init__(self, nodelist, name, rows, vary):
        self.nodelist, self.name, self.rows, self.vary = nodelist, name, rows, vary

    def render(self, context):
        identity = tuple(radidentitet(rad) for rad in self.rows.resolve(context))
        vary = [v.resolve(context) for v in self.vary]
        vary = [tuple(sorted(v)) if isinstance(v, set | frozenset) else v for v in vary]
        return aktiviteter_fragment(
            (), "rader:" + self.name.resolve(context), identity, *vary, render=lambda: self.nodelist.render(context)
        )
