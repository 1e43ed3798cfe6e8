"""From the listing to the fleet view: time in stage from history, patterns, top hypotheses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacemedic.fleet.patterns import FleetSpace, Pattern, find_patterns
from spacemedic.hub.fleet_collect import Listed
from spacemedic.models import Diagnosis, Hypothesis, Observations, Signals, Unavailable
from spacemedic.watch.timeline import Snapshot


@dataclass(frozen=True)
class FleetView:
    spaces: tuple[FleetSpace, ...]
    patterns: tuple[Pattern, ...]
    tops: dict[str, Hypothesis] = field(default_factory=dict)
    unavailable: tuple[Unavailable, ...] = ()


def build_fleet(listed: Sequence[Listed], *, now: float, db: str | Path | None = None, record: bool = True) -> FleetView:
    from spacemedic.errors import SpacemedicError
    from spacemedic.history.store import HistoryStore
    from spacemedic.watch.summary import run_triage

    snaps = {item.id: Snapshot.from_runtime(item.runtime) for item in listed if item.runtime is not None}
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
    spaces = tuple(
        FleetSpace(
            id=item.id,
            stage=snaps[item.id].stage if item.id in snaps else None,
            hardware=snaps[item.id].hardware if item.id in snaps else None,
            sdk=item.sdk,
            error_message=snaps[item.id].error_message if item.id in snaps else None,
            minutes_in_stage=since.get(item.id),
            unavailable=item.unavailable,
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
