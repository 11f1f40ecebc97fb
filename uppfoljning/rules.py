"""Who may do what with reporting, as django-rules permissions (`app.action_model`).

Web views, API viewsets, services and templates all ask `user.has_perm(...)`. The permissions say
*who* may act on an object; *when* (workflow state, deadline) is the services' business and comes
back as a domain error. Lists are narrowed by `uppfoljning.selectors.statusrapporter_for_user`,
which expresses the same read rule as a query.
"""

import rules

from plan.choices import LEDANDE_ROLLER
from plan.rules import is_planagare, is_samordnare_for, organisation_ids, takes_part_in
from uppfoljning.choices import Rapporttillstand


@rules.predicate
def is_published(user, rapport) -> bool:
    return rapport is not None and rapport.tillstand == Rapporttillstand.GODKAND


@rules.predicate
def reports_for_own_organisation(user, rapport) -> bool:
    """The report is the user's own organisation's, and that organisation has a role in the activity."""
    if rapport is None or rapport.organisation_id not in organisation_ids(user):
        return False
    return rapport.aktivitet.roller.filter(organisation_id=rapport.organisation_id).exists()


@rules.predicate
def leads_reported_activity(user, rapport) -> bool:
    return rapport is not None and is_samordnare_for(user, rapport.aktivitet)


@rules.predicate
def leads_any_activity(user) -> bool:
    from plan.models import Aktivitetsroll

    ids = organisation_ids(user)
    return bool(ids) and Aktivitetsroll.objects.filter(organisation_id__in=ids, roll__in=LEDANDE_ROLLER).exists()


can_read_report = is_published | is_planagare | reports_for_own_organisation | leads_reported_activity

rules.add_perm("uppfoljning.view_statusrapport", can_read_report)
rules.add_perm("uppfoljning.add_statusrapport", takes_part_in)  # object: the activity
rules.add_perm("uppfoljning.change_statusrapport", reports_for_own_organisation)
rules.add_perm("uppfoljning.submit_statusrapport", reports_for_own_organisation)
rules.add_perm("uppfoljning.return_statusrapport", leads_reported_activity)
rules.add_perm("uppfoljning.approve_statusrapport", leads_reported_activity)
rules.add_perm("uppfoljning.reopen_statusrapport", is_planagare)
rules.add_perm("uppfoljning.view_statusrapport_history", can_read_report)
rules.add_perm("uppfoljning.change_aktivitetsstatus", is_samordnare_for)  # object: the activity
rules.add_perm("uppfoljning.manage_uppfoljningsperiod", is_planagare)
rules.add_perm("uppfoljning.view_kompletthet", is_planagare | leads_any_activity)
rules.add_perm("uppfoljning.view_mina_rapporter", rules.is_authenticated)
