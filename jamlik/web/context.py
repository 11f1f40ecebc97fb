"""What every page's frame needs: the portal's name (a setting, not code) and the plans for the
plan chooser. The plan list is cached under the plan-data version (bumped by any change to plan
data; follow-up data leaves it), so a page costs no query for it once warm."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from jamlik.ops.published import plan_data_version_current
from plan.choices import PlanStatus
from plan.selectors import planer
from samverkan.cache import TIMEOUT


@dataclass(frozen=True)
class Planval:
    slug: str
    namn: str
    status: str
    status_namn: str
    kommun: str

    @property
    def ar_gallande(self) -> bool:
        return self.status == PlanStatus.GALLANDE


def _planval() -> list[Planval]:
    key = f"portal:planer:{plan_data_version_current()}"
    val = cache.get(key)
    if val is None:
        val = [Planval(p.slug, p.namn, p.status, str(p.get_status_display()), p.program.kommun.namn) for p in planer()]
        cache.set(key, val, TIMEOUT)
    return val


def portal(request) -> dict:
    return {
        "portal_namn": getattr(settings, "PORTAL_NAMN", "Jämlik stad"),
        "planval": SimpleLazyObject(_planval),
        # Seconds before the session's end at which the page warns (jamlik.ops.sessions).
        "session_varning": settings.SESSION_WARNING_SECONDS,
    }
