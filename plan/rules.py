"""Who a user is in the plan's terms, as django-rules predicates. Object rules for reports and
evaluations (uppfoljning/rules.py) are built from these; views, API and templates all ask
`user.has_perm(...)`, never the predicates directly."""

import rules

from plan.behorighet import behorighet


def organisation_ids(user) -> frozenset[int]:
    """The organisations the user acts for: those they are a member of, and those their
    organisations report for (a förvaltning's officials for its nämnd, a bolag's for its styrelse,
    where the plan names the nämnd). Read with the rest of the user's profile (plan.behorighet)."""
    return behorighet(user).organisation_ids


@rules.predicate
def is_planagare(user) -> bool:
    """A superuser or in the group Planägare (plan.behorighet: a page asks it for the menu, the
    subnavigation, each permission and each list)."""
    return behorighet(user).planagare


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_tjansteperson(user) -> bool:
    return bool(organisation_ids(user))


@rules.predicate
def is_samordnare_for(user, aktivitet) -> bool:
    """The user's organisation leads the activity (samordningsansvar, or ansvar for styrning)."""
    if aktivitet is None:
        return False
    return aktivitet.pk in behorighet(user).ledda


@rules.predicate
def takes_part_in(user, aktivitet) -> bool:
    """The user's organisation has any role in the activity."""
    if aktivitet is None:
        return False
    return aktivitet.pk in behorighet(user).deltar
