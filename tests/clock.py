"""The tests' clock: one fixed day inside the demo's open reporting period.

fixtures/demo.json has the period "2021" open from 2021-11-01 to 2031-01-31 (2019 and 2020 are
closed). Whatever reads today's date — the deadline rule (uppfoljning/rules/rapportering.py),
creating a report (uppfoljning/services/rapportering.py), `period_current` and Mina rapporter's
"försenad" (uppfoljning/selectors/rapportering.py), the API's `oppen` filter — answers the same on
every day the suite runs when the clock stands here, also after 2031-01-31.

time-machine moves the clock of this process only, in every thread of it (the test client, the
live server's thread, the threads of the concurrency tests). It does not move the clock of other
processes: Celery workers started as subprocesses, Chromium, PostgreSQL's now(), Redis. Tests that
depend on those keep the real clock and instead let the period's deadline follow the real today
(`open_period_around_today`)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

STOCKHOLM = ZoneInfo("Europe/Stockholm")  # settings.TIME_ZONE
# A working morning inside the demo's open period "2021", after the 2020 period has closed.
NU = datetime(2022, 6, 15, 10, 0, tzinfo=STOCKHOLM)
IDAG = NU.date()


def frozen(when: datetime = NU) -> time_machine.travel:
    """Travel to `when` with tick=True: the clock starts there and runs on, so timeouts, polling
    and "updated" timestamps still progress. Use as a context manager; nesting overrides it."""
    return time_machine.travel(when, tick=True)


def open_period_around_today(slug: str = "2021", *, days: int = 30) -> None:
    """For tests whose other processes see the real clock: keep the (opened) period open by moving
    its last day to `days` after the real today, whatever today is."""
    from django.utils import timezone

    from uppfoljning.models import Uppfoljningsperiod

    idag = timezone.localdate()
    period = Uppfoljningsperiod.objects.get(slug=slug)
    assert period.oppnar <= idag, f"period {slug} opens {period.oppnar}, after today"
    Uppfoljningsperiod.objects.filter(pk=period.pk).update(sista_dag=idag + timedelta(days=days))
