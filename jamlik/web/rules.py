"""Who may open the portal's own staff pages (django-rules, declared like every other permission)."""

import rules

from jamlik.rules import add_perm
from plan.rules import is_planagare

# The pattern library (/monster/): staff and planägare (superusers are planägare).
add_perm("jamlik.view_monster", rules.is_staff | is_planagare)
