"""The record of what `spacemedic fix` did to each Space, in the history database beside the
stage events: one row per action, written before and completed after, so an interrupted run
still leaves the attempt behind. `history` shows the rows; `report` fills "what I tried" from them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from spacemedic.recovery.ladder import Action
from spacemedic.recovery.models import Attempt, Result
from spacemedic.history.store import (
    default_db_path,
    open_immutable,
    open_memory,
    open_writable,
    problem,
    storage_error,
)
from spacemedic.jsonbound import loads as bounded_loads
from spacemedic.redact import redact

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id TEXT NOT NULL,
    action TEXT NOT NULL,
    started_ts REAL NOT NULL,
    ended_ts REAL,
    result TEXT,
    http_status INTEGER,
    request_id TEXT,
    stage_after TEXT,
    timeline TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS attempts_space ON attempts (space_id, started_ts, id);
"""
MAX_DETAIL = 2000
MAX_TIMELINE = 100_000
MAX_ROWS = 5_000


class AttemptLog:
    """Append and read the attempts of one history database."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = False
        try:
            self._db = open_writable(self.path, SCHEMA, wal=False)
        except sqlite3.Error as exc:
            if problem(exc) != "read-only":
                raise storage_error(self.path, exc) from exc
            self._open_read_only()
        except OSError:
            self._open_read_only()

    def _open_read_only(self) -> None:
        """Read the file as it is (immutable); new rows live in memory for this run (as HistoryStore)."""
        self.read_only = True
        self._db = memory = open_memory(SCHEMA)
        disk = open_immutable(self.path, "attempts")
        if disk is None:
            return  # no file, no attempts table (never written) or unreadable: nothing recorded
        try:
            rows = disk.execute(f"SELECT * FROM attempts ORDER BY id DESC LIMIT {MAX_ROWS}").fetchall()
            memory.executemany(f"INSERT INTO attempts VALUES ({', '.join('?' * 11)})", reversed(rows))
        except sqlite3.Error:
            pass  # a table of another shape: its rows are not spacemedic's
        finally:
            disk.close()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AttemptLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def begin(self, space_id: str, action: Action, at: float) -> int:
        """Record that an action is about to be sent; returns the row to complete."""
        cur = self._db.execute("INSERT INTO attempts (space_id, action, started_ts) VALUES (?, ?, ?)",
                               (space_id, action.value, at))
        return int(cur.lastrowid or 0)

    def complete(self, row: int, attempt: Attempt) -> None:
        detail = redact(attempt.detail)[:MAX_DETAIL] if attempt.detail else None
        self._db.execute(
            "UPDATE attempts SET ended_ts=?, result=?, http_status=?, request_id=?, stage_after=?, timeline=?, "
            "detail=? WHERE id=?",
            (attempt.ended_at, attempt.result.value, attempt.http_status, attempt.request_id, attempt.stage_after,
             json.dumps([list(t) for t in attempt.timeline]), detail, row),
        )

    def attempts(self, space_id: str, since: float | None = None) -> tuple[Attempt, ...]:
        """The recorded attempts on `space_id` (since a time), oldest first. An attempt whose run
        died before it completed reads as interrupted."""
        try:
            rows = self._db.execute(
                "SELECT action, started_ts, ended_ts, result, http_status, request_id, stage_after,"
                f" substr(CAST(timeline AS TEXT), 1, {MAX_TIMELINE}), substr(CAST(detail AS TEXT), 1, {MAX_DETAIL})"
                " FROM attempts WHERE space_id=? AND started_ts>=? ORDER BY started_ts, id"
                f" LIMIT {MAX_ROWS}",
                (space_id, since if since is not None else 0.0),
            ).fetchall()
        except sqlite3.Error as exc:
            raise storage_error(self.path, exc) from exc
        out = []
        for action, started, ended, result, status, rid, stage, timeline, detail in rows:
            try:
                steps = tuple((float(t), str(s)[:100]) for t, s in bounded_loads(timeline or "[]"))
                made = Attempt(space=space_id, action=Action(action), started_at=float(started),
                               ended_at=float(ended or started),
                               result=Result(result) if result else Result.INTERRUPTED, http_status=status if isinstance(status, int) else None,
                               request_id=None if rid is None else str(rid)[:200],
                               stage_after=None if stage is None else str(stage)[:100], timeline=steps,
                               detail=detail)
            except (ValueError, TypeError):
                continue  # a row spacemedic did not write (or a newer version did): not shown
            out.append(made)
        return tuple(out)

    def last_mutation(self, space_id: str) -> float | None:
        """When spacemedic last sent something that changes `space_id`, if ever."""
        row = self._db.execute(
            "SELECT MAX(started_ts) FROM attempts WHERE space_id=? AND action!=? AND result IS NOT ? ",
            (space_id, Action.WAKE.value, Result.DECLINED.value),
        ).fetchone()
        return float(row[0]) if row and row[0] is not None else None
