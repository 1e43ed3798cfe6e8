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
    """`signals` with `stage_duration_minutes` filled from the recorded history when it is unknown.

    One line for `spacemedic diagnose`: `signals = with_recorded_duration(bundle.to_signals())`.
    A duration the live evidence already dates (a log marker) wins over the recorded one.
    """
    obs = signals.observations
    if obs.stage_duration_minutes is not None or not signals.id or not signals.runtime_stage:
        return signals
    minutes = minutes_in_current_stage(signals.id, stage=signals.runtime_stage, now=now, db=db)
    if minutes is None:
        return signals
    return replace(signals, observations=replace(obs, stage_duration_minutes=round(minutes, 1)))
