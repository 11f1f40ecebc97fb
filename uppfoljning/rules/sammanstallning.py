"""Who may start, follow and download compiled follow-up reports: stadsledningskontoret (planägare)."""

from jamlik.rules import add_perm
from plan.rules import is_planagare

add_perm("uppfoljning.view_uppfoljningsrapport", is_planagare)
add_perm("uppfoljning.add_uppfoljningsrapport", is_planagare)
