"""Clocks for the watcher: the real one, and a fake one that tests and subprocesses can drive.

`SPACEMEDIC_FAKE_CLOCK=<epoch seconds or ISO 8601>` makes `spacemedic watch` start its clock there
and advance it by each sleep instantly, so a subprocess test can watch "two hours" of a Space in
a second against a local server that moves the stage forward per request.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class RealClock:
    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """Time moves only when someone sleeps (or calls `advance`)."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00:00Z
        self._now = start

    def now(self) -> float:
        return self._now

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self._now += max(0.0, seconds)


def parse_instant(text: str) -> float:
    """Epoch seconds or an ISO 8601 instant (naive means UTC)."""
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        pass
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def clock_from_env() -> Clock:
    value = os.environ.get("SPACEMEDIC_FAKE_CLOCK")
    if not value:
        return RealClock()
    from spacemedic.errors import UsageError

    try:
        return FakeClock(parse_instant(value))
    except ValueError as exc:
        raise UsageError(f"SPACEMEDIC_FAKE_CLOCK={value!r} is not an epoch or ISO 8601 instant") from exc
