"""Who a user is in the plan's terms, as django-rules predicates. Object rules for reports and
evaluations (uppfoljning/rules.py) are built from these; views, API and templates all ask
`user.has_perm(...)`, never the predicates directly."""

import rules

from plan.choices import LEDANDE_ROLLER, PLANAGARE_GRUPP


def organisation_ids(user) -> set[int]:
    """The organisations the user acts for: those they are a member of, and those their
    organisations report for (a förvaltning's officials for its nämnd, a bolag's for its styrelse,
    where the plan names the nämnd). One query, cached on the user object for the request."""
    if not user.is_authenticated or getattr(user, "is_system", False):
        return set()
    if not hasattr(user, "_jamlik_organisation_ids"):
        ids: set[int] = set()
        for organisation_id, rapporterar_for_id in user.medlemskap.values_list(
            "organisation_id", "organisation__rapporterar_for_id"
        ):
            ids.add(organisation_id)
            if rapporterar_for_id:
                ids.add(rapporterar_for_id)
        user._jamlik_organisation_ids = ids
    return user._jamlik_organisation_ids


@rules.predicate
def is_planagare(user) -> bool:
    """A superuser or in the group Planägare. One query, cached on the user object for the request
    (a page asks it for the menu, the subnavigation, each permission and each list)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_jamlik_planagare"):
        user._jamlik_planagare = user.is_superuser or user.groups.filter(name=PLANAGARE_GRUPP).exists()
    return user._jamlik_planagare


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
