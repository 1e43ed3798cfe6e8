"""The values of a Space's recorded timeline: what one look saw, and what was recorded.

A `Snapshot` is one poll of the runtime (plus the repo head sha when known). An `Event` is a row
of the history: a snapshot that differed from the one before it (stage, error, hardware or sha).
Stages are plain strings: the Hub adds stages that huggingface_hub's enum does not know
(SLEEPING), and a watcher must record them, not crash on them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

HEALTHY_STAGES = frozenset({"RUNNING"})
# Stages on the way to RUNNING: the ones a startup timeout applies to.
STARTING_STAGES = frozenset({"BUILDING", "APP_STARTING", "RUNNING_BUILDING", "RUNNING_APP_STARTING"})
BUILD_STAGES = frozenset({"BUILDING", "RUNNING_BUILDING"})
FAILED_STAGES = frozenset({"BUILD_ERROR", "RUNTIME_ERROR", "CONFIG_ERROR", "NO_APP_FILE"})
# Settled: the Space will not move on its own (SLEEPING wakes only on a visit).
SETTLED_STAGES = FAILED_STAGES | HEALTHY_STAGES | frozenset({"PAUSED", "STOPPED", "SLEEPING", "DELETING"})

MAX_ERROR_CHARS = 2000


def utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, tz=timezone.utc)


def iso_utc(ts: float) -> str:
    return utc(ts).isoformat(timespec="seconds").replace("+00:00", "Z")


def iso_local(ts: float) -> str:
    return utc(ts).astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Snapshot:
    """One look at a Space: its runtime stage and what came with it."""

    stage: str
    error_message: str | None = None
    hardware: str | None = None
    sha: str | None = None

    @classmethod
    def from_runtime(cls, raw: Mapping[str, Any], sha: str | None = None) -> Snapshot:
        """Read the runtime JSON (`SpaceRuntime.raw`); tolerant of any shape."""
        stage = raw.get("stage") if isinstance(raw, Mapping) else None
        hw = raw.get("hardware") if isinstance(raw, Mapping) else None
        hardware = None
        if isinstance(hw, Mapping):
            cur, req = hw.get("current"), hw.get("requested")
            hardware = cur if isinstance(cur, str) else req if isinstance(req, str) else None
        err = raw.get("errorMessage") if isinstance(raw, Mapping) else None
        return cls(
            stage=stage if isinstance(stage, str) and stage else "UNKNOWN",
            error_message=err[-MAX_ERROR_CHARS:] if isinstance(err, str) and err else None,
            hardware=hardware,
            sha=sha,
        )

    def differs(self, other: Snapshot | None) -> bool:
        """True when this look is worth a row: anything but the sha, or a new known sha."""
        if other is None:
            return True
        if (self.stage, self.error_message, self.hardware) != (other.stage, other.error_message, other.hardware):
            return True
        return self.sha is not None and self.sha != other.sha


@dataclass(frozen=True)
class Event:
    """A recorded row of a Space's history."""

    space_id: str
    stage: str
    at: float  # epoch seconds, UTC
    error_message: str | None = None
    hardware: str | None = None
    sha: str | None = None

    @property
    def at_utc(self) -> str:
        return iso_utc(self.at)

    @property
    def at_local(self) -> str:
        return iso_local(self.at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "space": self.space_id,
            "stage": self.stage,
            "at": self.at_utc,
            "at_local": self.at_local,
            "error_message": self.error_message,
            "hardware": self.hardware,
            "sha": self.sha,
        }


@dataclass(frozen=True)
class Segment:
    """A stretch of time in one stage: from `start` to `end` (the last time it was seen, or now)."""

    stage: str
    start: float
    end: float

    @property
    def minutes(self) -> float:
        return max(0.0, self.end - self.start) / 60.0


def segments(events: Sequence[Event], until: float | None = None) -> tuple[Segment, ...]:
    """Collapse events into stage segments; rows that only changed sha or error stay in their stage."""
    out: list[Segment] = []
    for ev in events:
        if out and out[-1].stage == ev.stage:
            continue
        if out:
            out[-1] = Segment(out[-1].stage, out[-1].start, ev.at)
        out.append(Segment(ev.stage, ev.at, ev.at))
    if out:
        last = out[-1]
        out[-1] = Segment(last.stage, last.start, max(last.start, until if until is not None else last.end))
    return tuple(out)


def transitions(events: Sequence[Event]) -> tuple[Event, ...]:
    """Only the events where the stage changed (the first event counts)."""
    out: list[Event] = []
    for ev in events:
        if not out or out[-1].stage != ev.stage:
            out.append(ev)
    return tuple(out)


def format_duration(minutes: float | None) -> str:
    if minutes is None:
        return "?"
    secs = round(minutes * 60)
    if secs < 60:
        return f"{secs}s"
    if secs < 3600:
        return f"{secs // 60}m{secs % 60:02d}s"
    if secs < 86400:
        return f"{secs // 3600}h{(secs % 3600) // 60:02d}m"
    return f"{secs // 86400}d{(secs % 86400) // 3600:02d}h"
