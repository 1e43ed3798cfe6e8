"""Account-wide patterns: several Spaces of one owner in the same bad state at once.

Pure. One Space stuck is about that Space; several stuck the same way at the same time point
away from the code (the account, the builder, the hardware pool or the platform).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacemedic.models import Bucket
from spacemedic.watch.timeline import HEALTHY_STAGES, STARTING_STAGES


@dataclass(frozen=True)
class FleetSpace:
    """One Space of the fleet as seen now."""

    id: str
    stage: str | None
    hardware: str | None = None
    sdk: str | None = None
    error_message: str | None = None
    minutes_in_stage: float | None = None
    unavailable: str | None = None  # why the runtime could not be read
    clock_source: str | None = None  # what minutes_in_stage comes from (history or a log banner)
    stuck: bool = False  # building or starting for longer than the startup timeout plus margin

    @property
    def healthy(self) -> bool:
        return self.stage in HEALTHY_STAGES or self.stage == "SLEEPING"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "stage": self.stage,
            "hardware": self.hardware,
            "sdk": self.sdk,
            "error_message": self.error_message,
            "minutes_in_stage": None if self.minutes_in_stage is None else round(self.minutes_in_stage, 1),
            "unavailable": self.unavailable,
            "clock_source": self.clock_source,
            "stuck": self.stuck,
        }


@dataclass(frozen=True)
class Pattern:
    kind: str
    spaces: tuple[str, ...]
    summary: str
    suggests: str
    buckets: tuple[Bucket, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "spaces": list(self.spaces),
            "summary": self.summary,
            "suggests": self.suggests,
            "buckets": [b.value for b in self.buckets],
        }


@dataclass(frozen=True)
class Thresholds:
    at_once: int = 2  # Spaces in the same bad state before it is a pattern
    paused_at_once: int = 3  # owners pause their own Spaces; ask for more before calling it a pattern
    building_long_min: float = 30.0


def _first_line(text: str | None) -> str:
    stripped = (text or "").strip()
    return stripped.splitlines()[0][:160] if stripped else ""


def find_patterns(spaces: Sequence[FleetSpace], t: Thresholds = Thresholds()) -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    flagged = [s.id for s in spaces if s.stage == "PAUSED" and "abusive" in (s.error_message or "").lower()]
    if len(flagged) >= t.at_once:
        out.append(Pattern(
            "flagged_together", tuple(flagged),
            f"{len(flagged)} Spaces paused as 'Flagged as abusive' at once",
            "an account-level moderation action, not a bug in each repo: write one support email that "
            "lists every Space and what each does; do not delete files or create duplicates",
            (Bucket.MODERATION_LOCK,),
        ))
    paused = [s.id for s in spaces if s.stage == "PAUSED" and s.id not in flagged]
    if len(paused) >= t.paused_at_once:
        out.append(Pattern(
            "paused_together", tuple(paused),
            f"{len(paused)} Spaces PAUSED at once",
            "account-side (quota, billing, a lock on the account) rather than your code: check the "
            "account's billing and quota pages, then contact support with the list",
            (Bucket.LIFECYCLE_STUCK_STATE, Bucket.OTHER),
        ))
    building = [
        s.id for s in spaces
        if s.stage in STARTING_STAGES and (s.minutes_in_stage is None or s.minutes_in_stage >= t.building_long_min)
    ]
    if len(building) >= t.at_once:
        out.append(Pattern(
            "building_together", tuple(building),
            f"{len(building)} Spaces building or starting at once"
            + (" for a long time" if all(s.minutes_in_stage for s in spaces if s.id in building) else ""),
            "the builder or scheduler (or a platform incident), not your code: check "
            "https://status.huggingface.co, wait, and do not push more commits",
            (Bucket.BUILDER_OR_SCHEDULER_STUCK, Bucket.PLATFORM_INCIDENT),
        ))
    scheduling = [s.id for s in spaces if "scheduling failure" in (s.error_message or "").lower()]
    if len(scheduling) >= t.at_once:
        out.append(Pattern(
            "scheduling_together", tuple(scheduling),
            f"{len(scheduling)} Spaces cannot be scheduled",
            "no free hardware of the requested kind: retry later or pick another hardware tier; "
            "changing code will not help",
            (Bucket.HARDWARE_CAPACITY,),
        ))
    covered = {sid for p in out for sid in p.spaces}
    by_error: dict[str, list[str]] = {}
    for s in spaces:
        line = _first_line(s.error_message)
        if line and not s.healthy and s.id not in covered:
            by_error.setdefault(line, []).append(s.id)
    for line, ids in sorted(by_error.items()):
        if len(ids) >= t.at_once:
            out.append(Pattern(
                "same_error", tuple(ids),
                f"{len(ids)} Spaces fail with the same message: {line}",
                "one shared cause (a common dependency, base image or setting) or a platform-side problem",
                (),
            ))
    return tuple(out)
