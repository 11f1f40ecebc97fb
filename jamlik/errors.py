"""The one domain error of the portal, and its conflict case.

Services raise `Domanfel` when a change is not allowed now (workflow state, deadline, data) and
`Versionskonflikt` when someone else saved the row after the user loaded it. Web views put the
message next to the field it names; the API turns them into 400 and 409 (jamlik.api.errors)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class Domanfel(ValidationError):
    """A change the rules do not allow now; the message says why, in Swedish. API → 400."""


class Versionskonflikt(Domanfel):
    """Someone else saved the row after the user loaded it. Nothing was saved. API → 409."""

    def __init__(self, *, aktuell_version: int):
        super().__init__(
            _(
                "Någon annan har sparat ändringar sedan du öppnade sidan. Dina ändringar har inte sparats "
                "men finns kvar i formuläret. Jämför med den sparade versionen och spara igen om dina "
                "ändringar ska gälla."
            ),
            code="conflict",
        )
        self.aktuell_version = aktuell_version


def validera(instance, exclude=()) -> None:
    """full_clean, with a model's validation errors raised as the domain error (next to the field)."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise Domanfel(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
