"""Stuck detection: pure functions over a recorded timeline.

Each detector reads the events of one Space, the time now and the Space's own startup timeout,
and says what it saw with the durations as evidence. No I/O, no clock: the caller passes `now`.
"""

from __future__ import annotations

import enum
from itertools import pairwise
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacemedic.watch.platform_clock import StageStart, time_in_stage
from spacemedic.watch.timeline import (
    BUILD_STAGES,
    FAILED_STAGES,
    STARTING_STAGES,
    Event,
    format_duration,
    segments,
)

DEFAULT_STARTUP_TIMEOUT_MIN = 30.0


class Kind(str, enum.Enum):
    STUCK_IN_STAGE = "stuck_in_stage"
    QUEUED_THEN_PAUSED = "queued_then_paused"
    FLAPPING = "flapping"
    COMMIT_NOT_BUILDING = "commit_not_building"
    FAILED = "failed"


@dataclass(frozen=True)
class Limits:
    """Thresholds. The startup timeout is the Space's own (README `startup_duration_timeout`)."""

    startup_timeout_min: float = DEFAULT_STARTUP_TIMEOUT_MIN
    margin_min: float = 5.0
    paused_within_s: float = 120.0
    flap_transitions: int = 6
    flap_window_min: float = 15.0
    commit_grace_min: float = 10.0


@dataclass(frozen=True)
class Detection:
    kind: Kind
    stage: str
    minutes: float | None
    summary: str
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "stage": self.stage,
            "minutes": None if self.minutes is None else round(self.minutes, 2),
            "summary": self.summary,
            "evidence": list(self.evidence),
        }


def detect(events: Sequence[Event], now: float, limits: Limits = Limits(),
           stage_start: StageStart | None = None) -> tuple[Detection, ...]:
    """Everything wrong with this timeline at `now`, most specific first. `stage_start` is when the
    platform's own timestamps say the current stage began (a log banner), if known."""
    if not events:
        return ()
    found = [
        d
        for d in (
            _queued_then_paused(events, limits),
            _failed(events, now),
            _stuck(events, now, limits, stage_start),
            _commit_not_building(events, now, limits),
            _flapping(events, now, limits),
        )
        if d is not None
    ]
    return tuple(found)


def _stuck(events: Sequence[Event], now: float, limits: Limits, start: StageStart | None = None) -> Detection | None:
    seg = segments(events, until=now)[-1]
    allowed = limits.startup_timeout_min + limits.margin_min
    minutes, source = time_in_stage(seg.stage, seg.start, now, start)
    if seg.stage not in STARTING_STAGES or minutes <= allowed:
        return None
    since = (f"in {seg.stage} since {_iso(start.at)} by {source} ({format_duration(minutes)})"
             if start is not None and source == start.source else
             f"in {seg.stage} since the first look at {_iso(seg.start)} ({format_duration(minutes)})")
    return Detection(
        Kind.STUCK_IN_STAGE,
        seg.stage,
        minutes,
        f"{seg.stage} for {format_duration(minutes)}, beyond the Space's startup timeout "
        f"({format_duration(limits.startup_timeout_min)}) plus {format_duration(limits.margin_min)} margin",
        (since, f"startup_duration_timeout {format_duration(limits.startup_timeout_min)}"),
    )


def _queued_then_paused(events: Sequence[Event], limits: Limits) -> Detection | None:
    segs = segments(events)
    if len(segs) < 2 or segs[-1].stage != "PAUSED" or segs[-2].stage not in BUILD_STAGES:
        return None
    built = segs[-2]
    secs = built.end - built.start
    if secs > limits.paused_within_s:
        return None
    return Detection(
        Kind.QUEUED_THEN_PAUSED,
        "PAUSED",
        secs / 60.0,
        f"build queued then PAUSED after {format_duration(secs / 60.0)}: the build never ran",
        (
            f"{built.stage} at {_iso(built.start)}, PAUSED at {_iso(built.end)} ({int(secs)} s later)",
            *([f"errorMessage: {events[-1].error_message}"] if events[-1].error_message else []),
        ),
    )


def _flapping(events: Sequence[Event], now: float, limits: Limits) -> Detection | None:
    window_start = now - limits.flap_window_min * 60
    changes = [s for s in segments(events)[1:] if s.start >= window_start]
    if len(changes) < limits.flap_transitions:
        return None
    path = " -> ".join(s.stage for s in changes[-8:])
    return Detection(
        Kind.FLAPPING,
        events[-1].stage,
        limits.flap_window_min,
        f"{len(changes)} stage changes in the last {format_duration(limits.flap_window_min)}: the Space is flapping",
        (f"recent stages: {path}",),
    )


def _commit_not_building(events: Sequence[Event], now: float, limits: Limits) -> Detection | None:
    # The last time the repo head changed, and whether any build stage followed it.
    shas = [(i, ev) for i, ev in enumerate(events) if ev.sha]
    if len(shas) < 2:
        return None
    changed_at: Event | None = None
    idx = 0
    for (_, prev), (i, cur) in pairwise(shas):
        if cur.sha != prev.sha:
            changed_at, idx = cur, i
    if changed_at is None:
        return None
    if any(ev.stage in BUILD_STAGES | {"APP_STARTING", "RUNNING_APP_STARTING"} for ev in events[idx:]):
        return None
    waited = (now - changed_at.at) / 60.0
    if waited <= limits.commit_grace_min:
        return None
    return Detection(
        Kind.COMMIT_NOT_BUILDING,
        events[-1].stage,
        waited,
        f"new commit {str(changed_at.sha)[:8]} seen {format_duration(waited)} ago but no build started",
        (f"repo head changed at {_iso(changed_at.at)}; stage since then: {events[-1].stage}",),
    )


def _failed(events: Sequence[Event], now: float) -> Detection | None:
    last = events[-1]
    if last.stage not in FAILED_STAGES:
        return None
    seg = segments(events, until=now)[-1]
    return Detection(
        Kind.FAILED,
        last.stage,
        seg.minutes,
        f"{last.stage}" + (f": {_first_line(last.error_message)}" if last.error_message else ""),
        tuple(f"errorMessage: {_first_line(last.error_message)}" for _ in [0] if last.error_message),
    )


def _first_line(text: str | None) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line[:200]


def _iso(ts: float) -> str:
    from spacemedic.watch.timeline import iso_utc

    return iso_utc(ts)
