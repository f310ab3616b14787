"""Clocks for the fake: the real one, and a manual one tests can advance."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["DEFAULT_FAKE_START", "Clock", "FakeClock", "system_clock"]

Clock = Callable[[], float]
"""A callable returning the current time as epoch seconds."""

DEFAULT_FAKE_START = datetime(2026, 11, 27, tzinfo=UTC).timestamp()
"""Where a `FakeClock` starts unless told otherwise: midnight UTC, so reports line up on days."""


def system_clock() -> float:
    """The wall clock (`time.time`)."""
    return time.time()


class FakeClock:
    """A clock that only moves when told to.

    Inject it as `FakePeerClick(clock=clock)` to test token expiry, budgets and manual-cost rules
    without sleeping. `sleep` advances the clock, so it doubles as an injected sleep function.
    """

    def __init__(self, start: float | datetime = DEFAULT_FAKE_START) -> None:
        self._now = start.timestamp() if isinstance(start, datetime) else float(start)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def __repr__(self) -> str:
        return f"FakeClock({datetime.fromtimestamp(self(), UTC).isoformat()})"

    def advance(self, seconds: float) -> float:
        """Move the clock forward by `seconds` and return the new time."""
        if seconds < 0:
            raise ValueError(f"seconds must be >= 0, got {seconds!r}")
        with self._lock:
            self._now += seconds
            return self._now

    def sleep(self, seconds: float) -> None:
        """Advance instead of sleeping (an injectable `sleep`)."""
        self.advance(max(0.0, seconds))

    def set(self, when: float | datetime) -> None:
        """Jump to an absolute time (forward or backward)."""
        with self._lock:
            self._now = when.timestamp() if isinstance(when, datetime) else float(when)
