"""Waiting for a condition instead of sleeping for a guessed time."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(predicate: Callable[[], T], timeout: float, what: str, *, interval: float = 0.2) -> T:
    """Call `predicate` until it returns something truthy, and return that; fail naming `what`
    after `timeout` seconds. The deadline is on time.monotonic, which time-machine does not move,
    so waiting works the same under a frozen clock (tests/clock.py)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)  # the polling interval, not a guess at how long the condition takes
