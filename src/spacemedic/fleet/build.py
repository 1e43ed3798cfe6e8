"""From the listing to the fleet view: time in stage from history, patterns, top hypotheses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacemedic.fleet.patterns import FleetSpace, Pattern, find_patterns
from spacemedic.hub.fleet_collect import Listed
from spacemedic.models import Diagnosis, Hypothesis, Observations, Signals, Unavailable
from spacemedic.watch.detect import DEFAULT_STARTUP_TIMEOUT_MIN, Limits
from spacemedic.watch.platform_clock import SEEN, StageStart, time_in_stage
from spacemedic.watch.timeline import STARTING_STAGES, Snapshot


@dataclass(frozen=True)
class FleetView:
    spaces: tuple[FleetSpace, ...]
    patterns: tuple[Pattern, ...]
    tops: dict[str, Hypothesis] = field(default_factory=dict)
    unavailable: tuple[Unavailable, ...] = ()


def build_fleet(listed: Sequence[Listed], *, now: float, db: str | Path | None = None, record: bool = True,
                stage_starts: Mapping[str, StageStart] | None = None) -> FleetView:
    """The fleet view. Time in stage = the longer of what the history saw and what the platform's
    timestamps prove (`stage_starts`, e.g. a build log banner), so a Space queued for hours is
    flagged as stuck on the first look."""
    from spacemedic.errors import SpacemedicError
    from spacemedic.history.store import HistoryStore
    from spacemedic.watch.summary import run_triage

    snaps = {item.id: Snapshot.from_runtime(item.runtime) for item in listed if item.runtime is not None}
    starts = dict(stage_starts or {})
    since: dict[str, float] = {}
    unavailable: list[Unavailable] = []
    try:
        with HistoryStore(db) as store:
            if store.read_only and record:
                unavailable.append(Unavailable("history", f"{store.path} cannot be written: nothing was recorded"))
            if record and snaps:
                store.record_many(list(snaps.items()), now)
            for sid, snap in snaps.items():
                got = store.stage_since(sid)
                if got is not None and got[0] == snap.stage and got[1] < now:
                    since[sid] = (now - got[1]) / 60.0
    except SpacemedicError as exc:
        unavailable.append(Unavailable("history", str(exc)))
    clocks: dict[str, tuple[float, str]] = {}
    for sid, snap in snaps.items():
        seen = now - since[sid] * 60.0 if sid in since else now
        minutes, source = time_in_stage(snap.stage, seen, now, starts.get(sid))
        if sid in since or source != SEEN:
            clocks[sid] = (minutes, source)
    allowed = DEFAULT_STARTUP_TIMEOUT_MIN + Limits().margin_min
    spaces = tuple(
        FleetSpace(
            id=item.id,
            stage=snaps[item.id].stage if item.id in snaps else None,
            hardware=snaps[item.id].hardware if item.id in snaps else None,
            sdk=item.sdk,
            error_message=snaps[item.id].error_message if item.id in snaps else None,
            minutes_in_stage=clocks[item.id][0] if item.id in clocks else None,
            unavailable=item.unavailable,
            clock_source=clocks[item.id][1] if item.id in clocks else None,
            stuck=item.id in snaps and snaps[item.id].stage in STARTING_STAGES and item.id in clocks
            and clocks[item.id][0] > allowed,
        )
        for item in listed
    )
    unavailable += [Unavailable(f"runtime {s.id}", s.unavailable) for s in spaces if s.unavailable]
    patterns = find_patterns(spaces)
    in_pattern = {sid for p in patterns for sid in p.spaces}
    tops: dict[str, Hypothesis] = {}
    for s in spaces:
        if s.healthy or s.stage is None:
            continue
        result = run_triage(
            Signals(
                id=s.id,
                runtime_stage=s.stage,
                error_message=s.error_message,
                observations=Observations(
                    hub_page_state=s.stage,
                    stage_duration_minutes=s.minutes_in_stage,
                    other_spaces_affected=True if s.id in in_pattern else None,
                    hardware=s.hardware,
                    sdk=s.sdk,
                ),
            )
        )
        if isinstance(result, Diagnosis) and result.top is not None:
            tops[s.id] = result.top
        elif isinstance(result, Unavailable) and not any(u.source == "triage" for u in unavailable):
            unavailable.append(result)
    return FleetView(spaces, patterns, tops, tuple(unavailable))
