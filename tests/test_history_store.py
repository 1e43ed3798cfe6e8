"""The history store: durable under SIGKILL, safe with several writers, exact about time in stage."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.history import minutes_in_current_stage
from spacemedic.history.store import HistoryStore, default_db_path
from spacemedic.hub.runtime_poll import parse_duration_minutes
from spacemedic.watch.timeline import Snapshot
from tests.hubsim import HubSim, SimSpace, runtime

ROOT = Path(__file__).resolve().parent.parent


def test_records_only_changes_and_keeps_the_last_known_sha(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.db") as store:
        assert store.record("a/b", Snapshot("BUILDING", sha="s1"), 100.0) is not None
        assert store.record("a/b", Snapshot("BUILDING"), 130.0) is None
        assert store.record("a/b", Snapshot("BUILDING", sha="s1"), 160.0) is None
        ev = store.record("a/b", Snapshot("RUNNING", hardware="cpu-basic"), 190.0)
        assert ev is not None and ev.sha == "s1"
        assert store.record("a/b", Snapshot("RUNNING", hardware="cpu-basic", sha="s2"), 220.0) is not None
        assert [(e.stage, e.sha, e.at) for e in store.events("a/b")] == [
            ("BUILDING", "s1", 100.0), ("RUNNING", "s1", 190.0), ("RUNNING", "s2", 220.0)
        ]
        assert store.last_seen("a/b") == 220.0
        assert store.stage_since("a/b") == ("RUNNING", 190.0)
        mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_minutes_in_current_stage(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    assert minutes_in_current_stage("a/b", db=db) is None
    with HistoryStore(db) as store:
        store.record("a/b", Snapshot("BUILDING"), 1000.0)
        store.record("a/b", Snapshot("BUILDING", error_message="x"), 1600.0)
    assert minutes_in_current_stage("a/b", db=db, now=1000.0 + 45 * 60) == 45.0
    assert minutes_in_current_stage("a/b", stage="BUILDING", db=db, now=1000.0 + 60) == 1.0
    assert minutes_in_current_stage("a/b", stage="RUNNING", db=db, now=5000.0) is None
    assert minutes_in_current_stage("c/d", db=db) is None


def test_default_path_follows_spacemedic_home(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("SPACEMEDIC_HOME", str(tmp_path / "home"))
    assert default_db_path() == tmp_path / "home" / "history.sqlite3"
    monkeypatch.delenv("SPACEMEDIC_HOME")
    assert default_db_path().name == "history.sqlite3" and "spacemedic" in str(default_db_path())


WRITER = """
import sys, time
from spacemedic.history.store import HistoryStore
from spacemedic.watch.timeline import Snapshot
db, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with HistoryStore(db) as store:
    for i in range(n):
        store.record(name, Snapshot("RUNNING" if i % 2 else "BUILDING"), time.time())
        store.record("shared/space", Snapshot("RUNNING" if i % 2 else "BUILDING"), time.time())
"""


def test_several_writers_at_once(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), f"w/{k}", "40"], stderr=subprocess.PIPE)
        for k in range(4)
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    with HistoryStore(db) as store:
        for k in range(4):
            assert len(store.events(f"w/{k}")) == 40
        shared = [e.stage for e in store.events("shared/space")]
    # four writers of the same Space never record the same stage twice in a row
    assert all(a != b for a, b in pairwise(shared))


def test_sigkill_at_random_moments_loses_no_announced_transition(tmp_path: Path) -> None:
    """A real watcher subprocess against a server that flips the stage on every request.

    The watcher prints a transition only after committing it; whatever it printed before the
    SIGKILL must be in the database, in order. At most one committed-but-unprinted row may follow.
    """
    db = tmp_path / "h.db"
    rng = random.Random(6)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("SPACEMEDIC_FAKE_CLOCK", None)
    cycle = [(runtime("BUILDING"), 1), (runtime("APP_STARTING"), 1), (runtime("RUNNING"), 1)]
    with HubSim() as sim:
        sim.spaces["kill/me"] = SimSpace(cycle, cycle=True)
        for _ in range(6):
            with HistoryStore(db) as store:
                before = len(store.events("kill/me"))
            proc = subprocess.Popen(
                [sys.executable, "-m", "spacemedic", "watch", "kill/me", "--until", "never", "--interval", "0.005s",
                 "--timeout", "1h", "--endpoint", sim.url, "--db", str(db)],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
            )
            lines: list[str] = []
            reader = threading.Thread(target=_read_lines, args=(proc, lines))
            reader.start()
            deadline = time.monotonic() + 30
            # Wait for the first transition line (the watch prints its evidence header before it).
            while not any(line[:1].isdigit() for line in lines) and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.6))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            reader.join(timeout=30)
            # transition lines only: UTC time, "(local ...)" when the zone differs, then the stage
            announced = [re.match(r"\S+(?:\s+\(local \S+\))?\s+(\S+)", line).group(1)  # type: ignore[union-attr]
                         for line in lines if line[:1].isdigit()]
            with HistoryStore(db) as store:
                recorded = [e.stage for e in store.events("kill/me")][before:]
            assert announced, "the watcher announced nothing before the kill"
            assert recorded[: len(announced)] == announced
            assert len(recorded) - len(announced) <= 1
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stages = [r[0] for r in con.execute("SELECT stage FROM events WHERE space_id='kill/me' ORDER BY id")]
    con.close()
    assert all(a != b for a, b in pairwise(stages))


def _read_lines(proc: subprocess.Popen[bytes], into: list[str]) -> None:
    assert proc.stdout is not None
    into.extend(line.decode() for line in proc.stdout)


@settings(max_examples=100, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.sampled_from(["stage", "hardware", "errorMessage", "current", "requested", "x"]), children),
))
def test_snapshot_reads_any_json_without_a_traceback(raw: object) -> None:
    snap = Snapshot.from_runtime(raw if isinstance(raw, dict) else {"stage": raw})  # type: ignore[arg-type]
    assert isinstance(snap.stage, str) and snap.stage


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_startup_timeout_parser_never_raises(value: object) -> None:
    result = parse_duration_minutes(value)
    assert result is None or result > 0


def test_startup_timeout_parser_examples() -> None:
    assert parse_duration_minutes("1h") == 60.0
    assert parse_duration_minutes("90m") == 90.0
    assert parse_duration_minutes("1h30m") == 90.0
    assert parse_duration_minutes("45s") == 0.75
    assert parse_duration_minutes("soon") is None
    assert parse_duration_minutes(True) is None


def test_with_recorded_duration_takes_the_longer_of_platform_and_history(tmp_path: Path) -> None:
    from spacemedic.history import with_recorded_duration
    from spacemedic.models import Observations, Signals

    db = tmp_path / "h.db"
    with HistoryStore(db) as store:
        store.record("a/b", Snapshot("BUILDING"), 1000.0)
    live = Signals(id="a/b", runtime_stage="BUILDING")
    filled = with_recorded_duration(live, db=db, now=1000.0 + 12 * 3600)
    assert filled.observations.stage_duration_minutes == 720.0
    assert filled.stage_since is not None and "history" in filled.stage_since[1]
    # A log banner proving 5 minutes loses to a history that saw 66.7: both are lower bounds.
    banner = ("1970-01-01T01:18:20Z", 'the build log\'s "Build Queued at" banner')
    dated = Signals(id="a/b", runtime_stage="BUILDING", observations=Observations(stage_duration_minutes=5.0),
                    stage_since=banner)
    longer = with_recorded_duration(dated, db=db, now=5000.0)
    assert longer.observations.stage_duration_minutes == 66.7 and "history" in longer.stage_since[1]
    # A banner proving 12 hours wins over a history that first looked an hour ago.
    proven = Signals(id="a/b", runtime_stage="BUILDING", observations=Observations(stage_duration_minutes=720.0),
                     stage_since=banner)
    assert with_recorded_duration(proven, db=db, now=5000.0) is proven
    moved_on = Signals(id="a/b", runtime_stage="RUNNING")
    assert with_recorded_duration(moved_on, db=db, now=5000.0) is moved_on
