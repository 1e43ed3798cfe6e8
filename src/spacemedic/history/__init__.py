"""Recorded history of Space looks (SQLite in the user cache directory).

    store = HistoryStore()                      # or HistoryStore(path), or $SPACEMEDIC_HOME
    store.record("owner/space", Snapshot("BUILDING"), at=time.time())
    minutes_in_current_stage("owner/space")     # float | None

`minutes_in_current_stage` is what `spacemedic diagnose` should use as
`Observations.stage_duration_minutes` when the live stage matches the recorded one;
`with_recorded_duration(signals)` does exactly that to a Signals value.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from spacemedic.history.store import HistoryStore, default_db_path
from spacemedic.models import Signals

__all__ = ["HistoryStore", "default_db_path", "minutes_in_current_stage", "with_recorded_duration"]


def minutes_in_current_stage(
    space_id: str,
    *,
    stage: str | None = None,
    now: float | None = None,
    db: str | Path | None = None,
) -> float | None:
    """Minutes since the recorded history first saw the Space in its current stage.

    A lower bound: the stage may have begun before the first look. Returns None when nothing is
    recorded, when the database cannot be read, or when `stage` (the live stage) differs from the
    last recorded one, since the recorded duration then says nothing about the live state.
    """
    from spacemedic.errors import SpacemedicError

    path = Path(db) if db is not None else default_db_path()
    if not path.exists():
        return None
    try:
        with HistoryStore(path) as store:
            since = store.stage_since(space_id)
    except SpacemedicError:
        return None
    if since is None or (stage is not None and since[0] != stage):
        return None
    return max(0.0, ((time.time() if now is None else now) - since[1]) / 60.0)


def with_recorded_duration(signals: Signals, *, db: str | Path | None = None, now: float | None = None) -> Signals:
    """`signals` with the time in stage = the longer of what the platform's timestamps prove (a log
    banner, already in `signals`) and what the recorded history saw; `stage_since` says which.

    One line for `spacemedic diagnose`: `signals = with_recorded_duration(bundle.to_signals())`.
    Both are lower bounds on the time in stage, so the larger one is the better bound.
    """
    obs = signals.observations
    if not signals.id or not signals.runtime_stage:
        return signals
    minutes = minutes_in_current_stage(signals.id, stage=signals.runtime_stage, now=now, db=db)
    if minutes is None or (obs.stage_duration_minutes is not None and obs.stage_duration_minutes >= minutes):
        return signals
    when = (time.time() if now is None else now) - minutes * 60
    iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))
    return replace(signals, observations=replace(obs, stage_duration_minutes=round(minutes, 1)),
                   stage_since=(iso, "spacemedic's recorded history (first look in this stage)"))
