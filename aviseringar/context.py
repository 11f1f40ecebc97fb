"""The unread count in every logged-in page's header: one cheap query (an index on mottagare,
last), and only when the header shows it."""

from django.utils.functional import SimpleLazyObject

from aviseringar.selectors import olasta_antal


def olasta(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"aviseringar_olasta": SimpleLazyObject(lambda: olasta_antal(user))}
