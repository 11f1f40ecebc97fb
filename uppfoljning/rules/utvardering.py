"""Who may do what with process evaluations, and when (django-rules)."""

import rules
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel
from jamlik.rules import Villkor, add_perm
from plan.rules import is_planagare
from uppfoljning.choices import UTVARDERING_OVERGANGAR, Utvarderingshandling, Utvarderingstillstand


@rules.predicate
def is_slutlig(user, utvardering) -> bool:
    return utvardering is not None and utvardering.tillstand == Utvarderingstillstand.SLUTLIG


@rules.predicate
def is_not_slutlig(user, utvardering) -> bool:
    return utvardering is not None and utvardering.tillstand != Utvarderingstillstand.SLUTLIG


def allows(handling: Utvarderingshandling) -> rules.Predicate:
    fran, _till = UTVARDERING_OVERGANGAR[handling]

    def test(user, utvardering) -> bool:
        return utvardering is not None and utvardering.tillstand in fran

    return rules.Predicate(test, name=f"allows_{handling}")


def _slutlig(utvardering) -> Domanfel:
    return Domanfel(
        {"tillstand": _("En slutlig utvärdering kan inte ändras. Öppna den för granskning först.")},
        code="slutlig",
    )


def _overgang(handling: Utvarderingshandling):
    till = UTVARDERING_OVERGANGAR[handling][1]

    def fel(utvardering) -> Domanfel:
        return Domanfel(
            {
                "tillstand": _("Det går inte att gå från ”%(fran)s” till ”%(till)s”.")
                % {"fran": utvardering.get_tillstand_display(), "till": Utvarderingstillstand(till).label}
            },
            code="overgang",
        )

    return fel


# Everyone may read a final evaluation; drafts and evaluations under review only the planägare.
add_perm("uppfoljning.view_processutvardering", is_planagare | is_slutlig)
add_perm("uppfoljning.add_processutvardering", is_planagare)
add_perm("uppfoljning.change_processutvardering", is_planagare, Villkor(is_not_slutlig, _slutlig))
for _handling in Utvarderingshandling:
    add_perm(
        f"uppfoljning.{_handling}_processutvardering",
        is_planagare,
        Villkor(allows(_handling), _overgang(_handling)),
    )
