"""The local history of Space looks: SQLite in WAL mode, one row per change.

Several watchers may write at once (each write is one short IMMEDIATE transaction under a busy
timeout), and every change is committed before the watcher says it saw it, so a watcher killed
with SIGKILL loses nothing it announced. The database lives in the user cache directory;
`SPACEMEDIC_HOME` or an explicit path moves it.

Storage faults are said, never repaired: a damaged file is a `StorageError` that suggests
`--db` elsewhere (the file is never deleted or rewritten); a lock held by another process is
waited for `BUSY_TIMEOUT_MS`, then a `StorageError`; a database that cannot be written (a
read-only file or file system) is opened read-only, `read_only` is set, and new looks are kept
in memory for the run only. Values read back are bounded: at most `MAX_EVENTS` rows per Space,
text clipped to `MAX_TEXT` characters with a marker.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from spacemedic.errors import StorageError
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
BUSY_TIMEOUT_MS = 5_000
"""How long a write waits for another writer (theirs are single short transactions)."""
MAX_EVENTS = 5_000
"""Events read back per Space at most: the newest ones."""
MAX_TEXT = 2_000
CLIP_MARKER = " […clipped]"
_COLUMNS = (
    f"CAST(space_id AS TEXT), CAST(stage AS TEXT), CAST(observed_ts AS REAL), substr(CAST(error_message AS TEXT), 1, {MAX_TEXT + 1}),"
    f" substr(CAST(hardware AS TEXT), 1, {MAX_TEXT + 1}), substr(CAST(sha AS TEXT), 1, {MAX_TEXT + 1})"
)


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
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = False
        self._db: sqlite3.Connection | None = None
        self._mem: sqlite3.Connection | None = None
        try:
            self._db = self._open_writable()
        except sqlite3.Error as exc:
            what = problem(exc)
            if what != "read-only":
                raise self._error(exc) from exc
            self._open_read_only()
        except OSError:
            self._open_read_only()

    def _open_writable(self) -> sqlite3.Connection:
        return open_writable(self.path, SCHEMA, wal=True)

    def _open_read_only(self) -> None:
        """Read what is there (immutable: no lock, no -shm file needed); record in memory."""
        self.read_only = True
        self._mem = open_memory(SCHEMA)
        self._db = open_immutable(self.path, "events")  # None: this run starts from nothing

    def _error(self, exc: sqlite3.Error) -> StorageError:
        return storage_error(self.path, exc)

    def close(self) -> None:
        for db in (self._db, self._mem):
            if db is not None:
                db.close()

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
        db = self._writer()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                out = [self._record_one(db, space_id, snap, at) for space_id, snap in looks]
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            if problem(exc) != "read-only" or self.read_only:
                raise self._error(exc) from exc
            # The file became unwritable (or only refuses writes): go on in memory.
            self._db = None
            self._open_read_only()
            return self.record_many(looks, at)
        return out

    def _writer(self) -> sqlite3.Connection:
        db = self._mem if self.read_only else self._db
        assert db is not None
        return db

    def _record_one(self, db: sqlite3.Connection, space_id: str, snap: Snapshot, at: float) -> Event | None:
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

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """The rows of `sql` from the file, then from this run's memory (read-only mode)."""
        out: list[tuple[object, ...]] = []
        for db in (self._db, self._mem):
            if db is None:
                continue
            try:
                out.extend(db.execute(sql, params).fetchall())
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
        return out

    def _last(self, space_id: str) -> Event | None:
        rows = self._rows(f"SELECT {_COLUMNS} FROM events WHERE space_id = ? ORDER BY id DESC LIMIT 1", (space_id,))
        return _event(rows[-1]) if rows else None

    def events(self, space_id: str) -> tuple[Event, ...]:
        """In commit order: with several writers that is the order the changes were decided in.
        At most the newest `MAX_EVENTS`."""
        rows = self._rows(
            f"SELECT * FROM (SELECT id, {_COLUMNS} FROM events WHERE space_id = ? ORDER BY id DESC LIMIT {MAX_EVENTS})"
            " ORDER BY id",
            (space_id,),
        )
        return tuple(_event(row[1:]) for row in rows[-MAX_EVENTS:])

    def last_seen(self, space_id: str) -> float | None:
        rows = self._rows("SELECT CAST(observed_ts AS REAL) FROM last_seen WHERE space_id = ?", (space_id,))
        seen = [float(r[0]) for r in rows if isinstance(r[0], (int, float))]
        return max(seen) if seen else None

    def spaces(self) -> tuple[str, ...]:
        rows = self._rows("SELECT DISTINCT substr(CAST(space_id AS TEXT), 1, 200) FROM events ORDER BY 1")
        return tuple(sorted({str(r[0]) for r in rows}))


def _clip(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + CLIP_MARKER


def _event(row: tuple[object, ...]) -> Event:
    space_id, stage, ts, error, hardware, sha = row
    at = float(ts) if isinstance(ts, (int, float)) else 0.0
    return Event(str(space_id), _clip(stage) or "UNKNOWN", at, _clip(error), _clip(hardware), _clip(sha))


def open_writable(path: Path, schema: str, *, wal: bool) -> sqlite3.Connection:
    """The database at `path` for writing, its tables made (`wal`: the WAL journal, synced in
    full, for concurrent watchers). Raises `sqlite3.Error` or `OSError` for the caller to sort."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if wal:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
        db.executescript(schema)
    except BaseException:
        db.close()
        raise
    return db


def open_memory(schema: str) -> sqlite3.Connection:
    """An in-memory database with `schema`: where a read-only run keeps what it records."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(schema)
    return db


def open_immutable(path: Path, table: str) -> sqlite3.Connection | None:
    """The database at `path` read as it is (immutable: no lock, no -shm file needed), or None
    when it is absent or `table` cannot be read; a damaged file is a `StorageError`."""
    if not path.is_file():
        return None
    db: sqlite3.Connection | None = None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
        db.execute(f"SELECT count(*) FROM {table}").fetchone()
    except sqlite3.Error as exc:
        if db is not None:
            db.close()
        if problem(exc) == "damaged":
            raise storage_error(path, exc) from exc
        return None
    return db


def storage_error(path: Path, exc: sqlite3.Error) -> StorageError:
    """The one-line `StorageError` for what SQLite said about the database at `path`."""
    what = problem(exc)
    if what == "damaged":
        return StorageError(f"the history database {path} is damaged ({exc}); it was left as it is: "
                            "move it aside or pass --db with another file")
    if what == "locked":
        return StorageError(f"the history database {path} is locked by another process "
                            f"(waited {BUSY_TIMEOUT_MS // 1000} s); try again, or pass --db with another file")
    return StorageError(f"cannot use the history database {path}: {exc}")


def problem(exc: sqlite3.Error) -> str:
    """damaged | locked | read-only | other, from what SQLite said."""
    text = str(exc).lower()
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text or "corrupt" in text):
        return "damaged"
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "read-only"
    return "other"
