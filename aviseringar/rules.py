"""Who may do what with notifications (django-rules, `app.action_model`)."""

import rules

from jamlik.rules import add_perm
from plan.rules import is_planagare

# Everyone logged in has their own notices and settings; nobody sees another's.
add_perm("aviseringar.view_avisering", rules.is_authenticated)
# Stadsledningskontoret (planägare) reminds those missing from the completeness page.
add_perm("aviseringar.send_paminnelse", is_planagare)
