"""Who a user is in the plan's terms, as django-rules predicates. Object rules for reports and
evaluations (uppfoljning/rules.py) are built from these; views, API and templates all ask
`user.has_perm(...)`, never the predicates directly."""

import rules

from plan.choices import LEDANDE_ROLLER, PLANAGARE_GRUPP


def organisation_ids(user) -> set[int]:
    """The organisations the user acts for (cached on the user object for the request)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_jamlik_organisation_ids"):
        user._jamlik_organisation_ids = set(user.medlemskap.values_list("organisation_id", flat=True))
    return user._jamlik_organisation_ids


@rules.predicate
def is_planagare(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=PLANAGARE_GRUPP).exists())


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
    return aktivitet.roller.filter(organisation_id__in=organisation_ids(user), roll__in=LEDANDE_ROLLER).exists()


@rules.predicate
def takes_part_in(user, aktivitet) -> bool:
    """The user's organisation has any role in the activity."""
    if aktivitet is None:
        return False
    return aktivitet.roller.filter(organisation_id__in=organisation_ids(user)).exists()
