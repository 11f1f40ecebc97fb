"""Fixtures for the follow-up: a frozen clock and an isolated MEDIA_ROOT (the demo data set and the
planägare are fixtures of tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _frozen_today(request):
    """Reporting has a deadline (the demo's is 2031-01-31): every follow-up test runs on the same
    day inside the open period (tests/clock.py), so none starts failing when the date passes.

    Not the tests marked `celery` (sammanstallning/test_tasks.py): their Celery workers run as
    subprocesses whose clock time-machine cannot move, and kombu compares the timestamps it keeps in
    Redis (visibility timeout) across processes. They read no date; they keep the real clock."""
    if request.node.get_closest_marker("celery"):
        yield None
    else:
        yield request.getfixturevalue("frozen_today")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
