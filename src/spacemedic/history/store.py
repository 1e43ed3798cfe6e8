"""The local history of Space looks: SQLite in WAL mode, one row per change.

Several watchers may write at once (each write is one short IMMEDIATE transaction under a busy
timeout), and every change is committed before the watcher says it saw it, so a watcher killed
with SIGKILL loses nothing it announced. The database lives in the user cache directory;
`SPACEMEDIC_HOME` or an explicit path moves it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from spacemedic.redact import redact
from spacemedic.watch.timeline import Event, Snapshot, iso_local, iso_utc

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    error_message TEXT,
    hardware TEXT,
    sha TEXT,
    observed_ts REAL NOT NULL,
    observed_at TEXT NOT NULL,
    observed_local TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_space ON events (space_id, observed_ts, id);
CREATE TABLE IF NOT EXISTS last_seen (
    space_id TEXT PRIMARY KEY,
    observed_ts REAL NOT NULL
);
"""
BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:
    """`$SPACEMEDIC_HOME/history.sqlite3`, else the user cache directory."""
    home = os.environ.get("SPACEMEDIC_HOME")
    if home:
        return Path(home) / "history.sqlite3"
    import platformdirs

    return Path(platformdirs.user_cache_dir("spacemedic")) / "history.sqlite3"


class HistoryStore:
    """Append-only record of what each Space looked like and when."""

    def __init__(self, path: str | Path | None = None) -> None:
        from spacemedic.errors import InputError

        self.path = Path(path) if path is not None else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the history database {self.path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, space_id: str, snap: Snapshot, at: float) -> Event | None:
        """Record one look. Returns the new Event when it changed anything, else None.

        The compare-and-insert runs in one IMMEDIATE transaction, so two watchers of the same Space
        do not both record the same change.
        """
        return self.record_many([(space_id, snap)], at)[0]

    def record_many(self, looks: list[tuple[str, Snapshot]], at: float) -> list[Event | None]:
        """Record several looks taken at `at` in one transaction (the fleet view)."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            out = [self._record_one(space_id, snap, at) for space_id, snap in looks]
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return out

    def _record_one(self, space_id: str, snap: Snapshot, at: float) -> Event | None:
        db = self._db
        if snap.error_message:  # the database is a file spacemedic writes: no secret may reach it
            snap = Snapshot(snap.stage, redact(snap.error_message), snap.hardware, snap.sha)
        last = self._last(space_id)
        prev = Snapshot(last.stage, last.error_message, last.hardware, last.sha) if last else None
        # A look without a sha keeps the last known one: the sha is read less often.
        if snap.sha is None and prev is not None:
            snap = Snapshot(snap.stage, snap.error_message, snap.hardware, prev.sha)
        event = None
        if snap.differs(prev):
            db.execute(
                "INSERT INTO events (space_id, stage, error_message, hardware, sha, observed_ts,"
                " observed_at, observed_local) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (space_id, snap.stage, snap.error_message, snap.hardware, snap.sha, at, iso_utc(at), iso_local(at)),
            )
            event = Event(space_id, snap.stage, at, snap.error_message, snap.hardware, snap.sha)
        db.execute(
            "INSERT INTO last_seen (space_id, observed_ts) VALUES (?, ?) ON CONFLICT(space_id)"
            " DO UPDATE SET observed_ts = max(observed_ts, excluded.observed_ts)",
            (space_id, at),
        )
        return event

    def stage_since(self, space_id: str) -> tuple[str, float] | None:
        """The last recorded stage and when the history first saw the Space in it."""
        events = self.events(space_id)
        if not events:
            return None
        entered = events[-1].at
        for ev in reversed(events):
            if ev.stage != events[-1].stage:
                break
            entered = ev.at
        return events[-1].stage, entered

    def _last(self, space_id: str) -> Event | None:
        row = self._db.execute(
            "SELECT space_id, stage, observed_ts, error_message, hardware, sha FROM events"
            " WHERE space_id = ? ORDER BY id DESC LIMIT 1",
            (space_id,),
        ).fetchone()
        return Event(*row) if row else None

    def events(self, space_id: str) -> tuple[Event, ...]:
        """In commit order: with several writers that is the order the changes were decided in."""
        rows = self._db.execute(
            "SELECT space_id, stage, observed_ts, error_message, hardware, sha FROM events"
            " WHERE space_id = ? ORDER BY id",
            (space_id,),
        ).fetchall()
        return tuple(Event(*row) for row in rows)

    def last_seen(self, space_id: str) -> float | None:
        row = self._db.execute("SELECT observed_ts FROM last_seen WHERE space_id = ?", (space_id,)).fetchone()
        return float(row[0]) if row else None

    def spaces(self) -> tuple[str, ...]:
        return tuple(r[0] for r in self._db.execute("SELECT DISTINCT space_id FROM events ORDER BY space_id"))
