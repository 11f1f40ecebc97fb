"""Opt-in pytest plugin: run tests as the suite will run after the demo period's deadline.

    make test PYTEST_ARGS="-p tests.efter_2031 -m 'not celery' tests/test_sessions.py …"

puts this whole test process (every thread: the test client, the live server, the concurrency
tests) on 2031-06-01, after the demo period "2021" closed on 2031-01-31. A test whose result
depends on the date must freeze its own day on top (`frozen_today`, tests/clock.py) and then passes
unchanged; one that fails only under this plugin reads the real date where it should not.

Not for tests marked `celery`: their workers are subprocesses that keep the real clock (see
tests/clock.py). tests/uppfoljning/rapportering/test_after_2031.py checks the same in the suite
itself for the follow-up's representative deadline tests."""

from datetime import datetime

import time_machine

from tests.clock import STOCKHOLM

EFTER_2031 = datetime(2031, 6, 1, 9, 0, tzinfo=STOCKHOLM)
_resa = time_machine.travel(EFTER_2031, tick=True)


def pytest_configure(config):
    _resa.start()


def pytest_unconfigure(config):
    _resa.stop()
