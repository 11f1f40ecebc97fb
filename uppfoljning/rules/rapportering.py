"""Who may do what with status reports, and when (django-rules, `app.action_model`).

Each permission is *who* (the user's organisation, role or group) and *when* (workflow state from
the transition table, the period's deadline), declared once with `jamlik.rules.add_perm`. Views,
templates, the API and the services all ask `has_perm` and get the same answer; a service that is
refused for a *when* reason says why (`check_perm`). Lists are narrowed by
`uppfoljning.selectors.rapportering.statusrapporter_for_user`, the read rule as a query."""

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel
from jamlik.rules import Villkor, add_perm
from plan.behorighet import behorighet
from plan.choices import LEDANDE_ROLLER
from plan.rules import is_planagare, is_samordnare_for, is_tjansteperson, organisation_ids, takes_part_in
from uppfoljning.choices import RAPPORT_OVERGANGAR, REDIGERBARA_TILLSTAND, Rapporthandling, Rapporttillstand

# --- who ----------------------------------------------------------------------------------------


@rules.predicate
def is_published(user, rapport) -> bool:
    return rapport is not None and rapport.tillstand == Rapporttillstand.GODKAND


@rules.predicate
def reports_for_own_organisation(user, rapport) -> bool:
    """The report is the user's own organisation's, and that organisation has a role in the activity."""
    return rapport is not None and (rapport.aktivitet_id, rapport.organisation_id) in behorighet(user).roller


@rules.predicate
def leads_reported_activity(user, rapport) -> bool:
    return rapport is not None and is_samordnare_for(user, rapport.aktivitet)


@rules.predicate
def report_of_leading_organisation(user, rapport) -> bool:
    """The report's own organisation leads the activity: its review goes to another leading
    organisation or to the planägare (four eyes)."""
    return (
        rapport is not None
        and rapport.aktivitet.roller.filter(organisation_id=rapport.organisation_id, roll__in=LEDANDE_ROLLER).exists()
    )


@rules.predicate
def has_review_insight(user, rapport) -> bool:
    """Sees the review's notes (the approval comment): the report's organisation, the activity's
    samordnare and the planägare, not the public. Cheap enough for a list: the user's
    organisations and led activities are read once per request."""
    if rapport is None or not user.is_authenticated:
        return False
    if rapport.organisation_id in organisation_ids(user) or rapport.aktivitet_id in ledda_aktivitet_ids(user):
        return True
    return is_planagare(user)


def ledda_aktivitet_ids(user) -> frozenset[int]:
    """Activities the user's organisations lead (plan.behorighet)."""
    return behorighet(user).ledda


@rules.predicate
def leads_any_activity(user) -> bool:
    return bool(ledda_aktivitet_ids(user))


# --- when ---------------------------------------------------------------------------------------


@rules.predicate
def is_editable(user, rapport) -> bool:
    return rapport is not None and rapport.tillstand in REDIGERBARA_TILLSTAND


@rules.predicate
def is_open_for_officials(user, rapport) -> bool:
    """Officials write until the period's deadline; after it a reopened report can change, and so can
    a returned one: the return asks for completion, so it opens the report until it is submitted
    again (no second reopen by the planägare)."""
    return rapport is not None and (
        timezone.localdate() <= rapport.period.sista_dag
        or rapport.ateroppnad
        or rapport.tillstand == Rapporttillstand.RETURNERAD
    )


@rules.predicate
def is_independent_of(user, rapport) -> bool:
    """Four eyes: the reviewer acts for none of the report's organisations and did not submit it."""
    return (
        rapport is not None
        and rapport.organisation_id not in organisation_ids(user)
        and (rapport.inskickad_av_id is None or rapport.inskickad_av_id != user.pk)
    )


def allows(handling: Rapporthandling) -> rules.Predicate:
    """The transition table says the report's state allows this action."""
    fran, _till = RAPPORT_OVERGANGAR[handling]

    def test(user, rapport) -> bool:
        return rapport is not None and rapport.tillstand in fran

    return rules.Predicate(test, name=f"allows_{handling}")


def _ej_redigerbar(rapport) -> Domanfel:
    return Domanfel(
        _("Rapporten är ”%(tillstand)s” och kan inte ändras.") % {"tillstand": rapport.get_tillstand_display()},
        code="ej_redigerbar",
    )


def _stangd(rapport) -> Domanfel:
    return Domanfel(
        {
            "period": _("Perioden %(period)s stängde %(dag)s. Be planägaren att öppna rapporten igen.")
            % {"period": rapport.period.namn, "dag": rapport.period.sista_dag.isoformat()}
        },
        code="period_stangd",
    )


def _overgang(handling: Rapporthandling):
    till = RAPPORT_OVERGANGAR[handling][1]

    def fel(rapport) -> Domanfel:
        return Domanfel(
            _("En rapport som är ”%(fran)s” kan inte bli ”%(till)s”.")
            % {"fran": rapport.get_tillstand_display(), "till": Rapporttillstand(till).label},
            code="overgang",
        )

    return fel


def _ej_inskickad(rapport) -> Domanfel:
    return Domanfel(
        _("Bara en inskickad rapport kan returneras (nu: ”%(tillstand)s”).")
        % {"tillstand": rapport.get_tillstand_display()},
        code="overgang",
    )


def _ej_oberoende(rapport) -> Domanfel:
    return Domanfel(
        _(
            "Du kan inte granska en rapport från din egen organisation eller som du själv har skickat in. "
            "Den granskas av en annan organisation med samordningsansvar eller av planägaren."
        ),
        code="fyra_ogon",
    )


def _redan_oppen(rapport) -> Domanfel:
    return Domanfel(_("Ett utkast är redan öppet."), code="overgang")


REDIGERBAR = Villkor(is_editable, _ej_redigerbar)
OPPEN = Villkor(is_open_for_officials, _stangd)

can_read_report = is_published | is_planagare | reports_for_own_organisation | leads_reported_activity

add_perm("uppfoljning.view_statusrapport", can_read_report)
add_perm("uppfoljning.view_statusrapport_history", can_read_report)
# The internals of a report (the return comment, reopen reasons and who did what in its history):
# only the people who may change, return or reopen it. Everyone else sees the published fields
# (uppfoljning/selectors/publicering.py). The same rule as a query: `statusrapporter_for_user`'s
# `internt_synlig`.
can_read_internals = is_planagare | reports_for_own_organisation | leads_reported_activity
add_perm("uppfoljning.view_internt_statusrapport", can_read_internals)
add_perm("uppfoljning.add_statusrapport", takes_part_in)  # object: the activity
add_perm("uppfoljning.change_statusrapport", reports_for_own_organisation, REDIGERBAR, OPPEN)
add_perm(
    "uppfoljning.submit_statusrapport",
    reports_for_own_organisation,
    Villkor(allows(Rapporthandling.SUBMIT), _overgang(Rapporthandling.SUBMIT)),
    OPPEN,
)
# Four eyes: the samordnare of the activity review, but never their own organisation's report or one
# they submitted; a report of a leading organisation also goes to the planägare (and to any other
# leading organisation). An administrator is a planägare here, never an official.
granskare = leads_reported_activity | (is_planagare & report_of_leading_organisation)
OBEROENDE = Villkor(is_independent_of, _ej_oberoende)
add_perm(
    "uppfoljning.return_statusrapport",
    granskare,
    Villkor(allows(Rapporthandling.RETURN), _ej_inskickad),
    OBEROENDE,
)
add_perm(
    "uppfoljning.approve_statusrapport",
    granskare,
    Villkor(allows(Rapporthandling.APPROVE), _overgang(Rapporthandling.APPROVE)),
    OBEROENDE,
)
add_perm("uppfoljning.view_statusrapport_granskning", has_review_insight)
add_perm(
    "uppfoljning.reopen_statusrapport",
    is_planagare,
    Villkor(allows(Rapporthandling.REOPEN), _redan_oppen),
)
add_perm("uppfoljning.change_aktivitetsstatus", is_samordnare_for)  # object: the activity
add_perm("uppfoljning.manage_uppfoljningsperiod", is_planagare)
add_perm("uppfoljning.view_kompletthet", is_planagare | leads_any_activity)
add_perm("uppfoljning.view_mina_rapporter", rules.is_authenticated)
# The spreadsheet round-trip: officials, for their own organisations (each row through the services).
add_perm("uppfoljning.use_kalkylblad", is_tjansteperson)
# The review sheet: whoever may review (samordnare; planägare for leading organisations' reports).
add_perm("uppfoljning.use_granskningsblad", leads_any_activity | is_planagare)
