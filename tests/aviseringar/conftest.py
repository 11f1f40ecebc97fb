"""Notifications: the demo data set on the tests' frozen day (tests/clock.py), except for the tests
marked `celery`, whose Celery worker and SMTP server must see the real clock."""

import pytest

from uppfoljning.models import Statusrapport


@pytest.fixture(autouse=True)
def _frozen_today(request):
    if request.node.get_closest_marker("celery"):
        yield None
    else:
        yield request.getfixturevalue("frozen_today")


@pytest.fixture
def inskickad(demo) -> Statusrapport:
    """Kulturnämnden's submitted report (familjecentrerat arbetssätt), which Grundskolenämnden's
    samordnare reviews."""
    return Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Kulturnämnden"
    )
