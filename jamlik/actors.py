"""Who acts when no person does: the explicit system actor.

Every service takes the acting user and checks its permission; there is no `user=None` bypass.
Scheduled jobs, management commands and loaders act as `SYSTEM`: it passes every *who* rule but
still follows the workflow (transition table, versions), and is recorded as no user (history rows
and `*_av` fields stay empty)."""


class Systemaktor:
    """Stands in for a user in services: authenticated, allowed everything, stored as nobody."""

    is_system = True
    pk = None
    id = None
    username = "system"
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False

    def has_perm(self, perm: str, obj=None) -> bool:
        return True

    def get_full_name(self) -> str:
        return "System"

    def __str__(self) -> str:
        return "system"


SYSTEM = Systemaktor()


def as_user(actor):
    """The user to store in a foreign key or history row: None for the system actor."""
    return None if isinstance(actor, Systemaktor) else actor
