"""Who may do what with process evaluations and compiled follow-up reports (django-rules).
Views, API and templates ask `user.has_perm(...)`; lists go through the selectors in
uppfoljning/utvardering_selectors.py, which apply the same rule to querysets."""

import rules

from plan.rules import is_planagare
from uppfoljning.choices import Utvarderingstillstand


@rules.predicate
def is_slutlig(user, utvardering) -> bool:
    return utvardering is not None and utvardering.tillstand == Utvarderingstillstand.SLUTLIG


# Everyone may read a final evaluation; drafts and evaluations under review only the planägare.
rules.add_perm("uppfoljning.view_processutvardering", is_planagare | is_slutlig)
rules.add_perm("uppfoljning.change_processutvardering", is_planagare)
# Compiled reports: stadsledningskontoret (planägare) starts, follows and downloads them.
rules.add_perm("uppfoljning.view_uppfoljningsrapport", is_planagare)
rules.add_perm("uppfoljning.add_uppfoljningsrapport", is_planagare)
