"""The platform's own clock: when the Hub's timestamps say a stage began (pure).

What spacemedic saw is a lower bound on the time in a stage (it began before the first look);
the Hub's own timestamps are another: the latest "Build Queued at" banner of the build log dates a
build, the latest "Application Startup at" banner a start, `abuse.flaggedAt` a moderation pause.
The time in stage is the larger of the two, and every output says which one it came from, so a
Space queued for 12 hours is flagged on the first look, not 35 minutes later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

SEEN = "since spacemedic first saw it in this stage"


@dataclass(frozen=True)
class StageStart:
    """When a stage began by the platform's own timestamps, and what says so."""

    stage: str
    at: float  # epoch seconds, UTC
    source: str


def stage_start_from(space_id: str, stage: str, runtime: Mapping[str, Any], build_log: Any = None,
                     run_log: Any = None, now_iso: str = "") -> StageStart | None:
    """The platform-proven start of `stage` from a raw runtime and (optional) log captures."""
    from spacemedic.hub.bundle import Bundle
    from spacemedic.hub.signals import stage_start

    bundle = Bundle(space=space_id, collected_at=now_iso, runtime=dict(runtime), build_log=build_log, run_log=run_log)
    found = stage_start(bundle, stage)
    return StageStart(stage, found[0].timestamp(), found[1]) if found is not None else None


def time_in_stage(stage: str, first_seen: float, now: float, start: StageStart | None) -> tuple[float, str]:
    """(minutes, what they come from): the longer of what was seen and what the platform proves."""
    seen = max(0.0, now - first_seen) / 60.0
    if start is not None and start.stage == stage and start.at <= now:
        proven = (now - start.at) / 60.0
        if proven > seen:
            return proven, start.source
    return seen, SEEN
