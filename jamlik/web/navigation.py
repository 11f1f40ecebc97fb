"""Where a page sits in the portal: its main-menu section (the active navigation item) and its
breadcrumb trail, both looked up by the URL name of the view that answered."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The main menu's sections (base.html) and the URL names that belong to each.
SECTIONS = {
    "start": {"web:start", "web:malomrade", "web:strategi", "web:planer"},
    "plan": {"web:plan"},
    "matris": {"web:matris"},
    "aktiviteter": {"web:aktiviteter", "web:samverkansaktivitet", "web:styrningsaktivitet"},
    "organisationer": {"web:organisationer", "web:organisation"},
    "sok": {"web:sok"},
    "indikatorer": {"web:indikatorer", "web:indikator"},
    "uppfoljning_publik": {"web:uppfoljning", "uppfoljning:processutvarderingar", "uppfoljning:processutvardering"},
    "rapporter": {
        "uppfoljning:mina_rapporter",
        "uppfoljning:statusrapporter",
        "uppfoljning:statusrapport",
        "uppfoljning:statusrapport_ny",
        "uppfoljning:statusrapport_andra",
        "uppfoljning:kompletthet",
        "uppfoljning:perioder",
        "uppfoljning:period_ny",
        "uppfoljning:period_andra",
        "uppfoljning:aktivitetsstatus",
    },
    "planagare": {
        "uppfoljning:planagare",
        "uppfoljning:sammanstallningar",
        "uppfoljning:sammanstallning",
        "uppfoljning:processutvardering_edit",
        "indikatorer:import",
    },
    "aviseringar": {"aviseringar:lista", "aviseringar:installningar"},
}
SECTION_OF = {name: section for section, names in SECTIONS.items() for name in names}

START = ("web:start", _("Planen"))
AKTIVITETER = ("web:aktiviteter", _("Aktiviteter"))
ORGANISATIONER = ("web:organisationer", _("Organisationer"))
MATRIS = ("web:matris", _("Strategimatrisen"))
MINA = ("uppfoljning:mina_rapporter", _("Mina rapporter"))
RAPPORTER = ("uppfoljning:statusrapporter", _("Statusrapporter"))
PERIODER = ("uppfoljning:perioder", _("Uppföljningsperioder"))
KOMPLETTHET = ("uppfoljning:kompletthet", _("Kompletthet"))
UTVARDERINGAR = ("uppfoljning:processutvarderingar", _("Processutvärderingar"))
SAMMANSTALLNINGAR = ("uppfoljning:sammanstallningar", _("Uppföljningsrapporter"))
PLANAGARE = ("uppfoljning:planagare", _("Planägarens översikt"))
UPPFOLJNING = ("web:uppfoljning", _("Uppföljning"))
SKILLNADER = ("web:indikatorer", _("Skillnader i livsvillkor"))

# The pages above a page (not the page itself: its own title is the h1 right below).
TRAILS = {
    "web:samverkansaktivitet": [START, AKTIVITETER],
    "web:styrningsaktivitet": [START, AKTIVITETER],
    "web:organisation": [START, ORGANISATIONER],
    "web:strategi": [START, MATRIS],
    "web:indikator": [START, SKILLNADER],
    "uppfoljning:statusrapporter": [START, MINA],
    "uppfoljning:statusrapport": [START, MINA, RAPPORTER],
    "uppfoljning:statusrapport_ny": [START, MINA],
    "uppfoljning:statusrapport_andra": [START, MINA, RAPPORTER],
    "uppfoljning:kompletthet": [START, MINA],
    "uppfoljning:aktivitetsstatus": [START, MINA, KOMPLETTHET],
    "uppfoljning:perioder": [START, MINA],
    "uppfoljning:period_ny": [START, MINA, PERIODER],
    "uppfoljning:period_andra": [START, MINA, PERIODER],
    "uppfoljning:processutvarderingar": [START, UPPFOLJNING],
    "uppfoljning:processutvardering": [START, UPPFOLJNING, UTVARDERINGAR],
    "uppfoljning:processutvardering_edit": [START, PLANAGARE, UTVARDERINGAR],
    "uppfoljning:sammanstallningar": [START, PLANAGARE],
    "indikatorer:import": [START, PLANAGARE],
    "uppfoljning:sammanstallning": [START, PLANAGARE, SAMMANSTALLNINGAR],
    "aviseringar:installningar": [START, ("aviseringar:lista", _("Aviseringar"))],
}


def view_name(request) -> str:
    """The view's URL name; a page of a plan under /planer/<plan>/ counts as its short-address twin."""
    match = getattr(request, "resolver_match", None)
    if not match:
        return ""
    return "web:" + match.url_name if match.namespace == "planer" else match.view_name


def section(request) -> str:
    return SECTION_OF.get(view_name(request), "")


def trail(request) -> list[tuple[str, str]]:
    """(url, label) of the pages above this one: Start for every page but the start page itself.
    A link whose URL cannot be built (it needs arguments this page does not have) is left out."""
    name = view_name(request)
    if not name or name == "web:start":
        return []
    match = request.resolver_match
    plan = match.kwargs.get("plan") if match.namespace == "planer" else None
    crumbs = []
    for url_name, label in TRAILS.get(name, [START]):
        try:
            if plan and url_name.startswith("web:"):  # stay within the plan the page belongs to
                url = reverse("planer:" + url_name.removeprefix("web:"), kwargs={"plan": plan})
            else:
                url = reverse(url_name)
        except NoReverseMatch:
            continue
        crumbs.append((url, label))
    return crumbs
