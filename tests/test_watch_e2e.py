"""End to end: `spacemedic watch` against a real local Hub stand-in, with a fake clock.

The server moves each Space one step per runtime request; SPACEMEDIC_FAKE_CLOCK makes every sleep
instant, so "an hour of building" takes a fraction of a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.history.store import HistoryStore
from tests.hubsim import HubSim, SimSpace, runtime

START = "2026-03-01T12:00:00Z"
START_TS = 1772366400.0


@pytest.fixture()
def sim(monkeypatch: pytest.MonkeyPatch) -> Iterator[HubSim]:
    monkeypatch.setenv("SPACEMEDIC_FAKE_CLOCK", START)
    with HubSim() as server:
        yield server


def _watch(sim: HubSim, db: Path, space: str, *extra: str) -> int:
    return main(["watch", space, "--endpoint", sim.url, "--db", str(db), "--notify-url", sim.url + "/hook", *extra])


def test_healthy_start_records_each_stage_and_exits_0(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["ada/demo"] = SimSpace([(runtime("BUILDING"), 4), (runtime("APP_STARTING"), 2), (runtime("RUNNING"), 1)])
    db = tmp_path / "h.sqlite3"
    assert _watch(sim, db, "ada/demo", "--interval", "30s") == 0
    with HistoryStore(db) as store:
        events = store.events("ada/demo")
    assert [e.stage for e in events] == ["BUILDING", "APP_STARTING", "RUNNING"]
    assert [e.at - START_TS for e in events] == [0.0, 120.0, 180.0]
    assert events[-1].hardware == "cpu-basic"
    assert [h["event"] for h in sim.hooks] == ["ended"]
    ended = sim.hooks[0]
    assert ended["outcome"] == "running" and ended["stage"] == "RUNNING" and ended["detections"] == []
    assert [t["stage"] for t in ended["timeline"]] == ["BUILDING", "APP_STARTING", "RUNNING"]
    assert ended["timeline"][1]["at"] == "2026-03-01T12:02:00Z"
    out = capsys.readouterr().out
    assert "2026-03-01T12:02:00Z" in out and "APP_STARTING" in out and "ended running" in out


def test_queued_then_paused_within_seconds_is_detected(sim: HubSim, tmp_path: Path) -> None:
    abuse = {"detector": "abuse-handler", "flaggedAt": "2026-03-01T12:00:10.000Z", "reason": "Blocked by abuse-handler by rule: VNC Server"}
    sim.spaces["ada/tunnel"] = SimSpace(
        [(runtime("BUILDING"), 1), (runtime("PAUSED", error="Flagged as abusive", abuse=abuse), 1)]
    )
    db = tmp_path / "h.sqlite3"
    assert _watch(sim, db, "ada/tunnel", "--interval", "10s") == 1
    with HistoryStore(db) as store:
        events = store.events("ada/tunnel")
    assert [(e.stage, e.at - START_TS) for e in events] == [("BUILDING", 0.0), ("PAUSED", 10.0)]
    assert events[-1].error_message == "Flagged as abusive"
    detected, ended = sim.hooks
    assert detected["event"] == "detected"
    assert [d["kind"] for d in detected["detections"]] == ["queued_then_paused"]
    assert detected["detections"][0]["minutes"] == pytest.approx(10 / 60, abs=0.01)
    assert "ada/tunnel" in detected["text"] and detected["url"] == "https://huggingface.co/spaces/ada/tunnel"
    assert ended["outcome"] == "stuck" and ended["stage"] == "PAUSED"


def test_building_beyond_the_spaces_own_timeout_is_stuck(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["ada/slow"] = SimSpace(
        [(runtime("BUILDING"), 1)], card={"sdk": "docker", "startup_duration_timeout": "1h"}
    )
    db = tmp_path / "h.sqlite3"
    rc = _watch(sim, db, "ada/slow", "--interval", "1m", "--margin", "10m", "--format", "json", "--timeout", "3h")
    assert rc == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcome"] == "stuck" and summary["stage"] == "BUILDING"
    (stuck,) = summary["detections"]
    assert stuck["kind"] == "stuck_in_stage"
    # the README's 1h plus the 10 min margin, and not the 30 min default
    assert 70 < stuck["minutes"] <= 72
    assert summary["minutes_in_stage"] == stuck["minutes"]
    assert [h["detections"][0]["kind"] for h in sim.hooks] == ["stuck_in_stage", "stuck_in_stage"]


def test_default_timeout_is_30_minutes(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["ada/start"] = SimSpace([(runtime("BUILDING"), 2), (runtime("APP_STARTING"), 1)])
    rc = _watch(sim, tmp_path / "h.sqlite3", "ada/start", "--interval", "1m", "--margin", "5m", "-f", "json")
    assert rc == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["stage"] == "APP_STARTING"
    assert summary["detections"][0]["kind"] == "stuck_in_stage"
    assert 35 < summary["minutes_in_stage"] <= 36


def test_new_commit_that_never_builds(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_sha = "47020c120d24e5b4a0c2d01df6f344640fa68e47"
    sim.spaces["ada/frozen"] = SimSpace([(runtime("RUNNING"), 1)], sha_after=(3, new_sha))
    rc = _watch(sim, tmp_path / "h.sqlite3", "ada/frozen", "--until", "never", "--interval", "1m", "--timeout", "40m", "-f", "json")
    assert rc == 0  # it is still serving the old revision: healthy, but the commit did not build
    summary = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in summary["detections"]] == ["commit_not_building"]
    assert [e["sha"][:8] for e in summary["timeline"]] == ["6e87f461", "47020c12"]
    assert sim.hooks[0]["event"] == "detected"


def test_flapping_is_detected(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["ada/flap"] = SimSpace([(runtime("RUNNING"), 1), (runtime("RUNTIME_ERROR", error="Exit code: 1. Reason: boom"), 1)], cycle=True)
    rc = _watch(sim, tmp_path / "h.sqlite3", "ada/flap", "--until", "never", "--interval", "30s", "--timeout", "6m", "-f", "json")
    summary = json.loads(capsys.readouterr().out)
    kinds = [d["kind"] for d in summary["detections"]]
    assert "flapping" in kinds and "failed" in kinds
    assert len(summary["timeline"]) == 12
    assert rc in (0, 1)


def test_429_retry_after_is_honoured(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["ada/busy"] = SimSpace([(runtime("RUNNING"), 1)])
    sim.rate_limit_next, sim.retry_after = 2, 45
    rc = _watch(sim, tmp_path / "h.sqlite3", "ada/busy", "--interval", "5s")
    assert rc == 0
    err = capsys.readouterr().err
    assert "rate limited (429)" in err and "retrying in 45 s" in err
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        (event,) = store.events("ada/busy")
    # two 429s waited 45 s each on the fake clock before the first successful look
    assert event.at - START_TS == 90.0


def test_unknown_space_exits_2(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _watch(sim, tmp_path / "h.sqlite3", "ada/nope") == 2
    assert "not found" in capsys.readouterr().err


def test_bad_space_id_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "not-a-space", "--db", str(tmp_path / "h")]) == 2
    assert "OWNER/SPACE" in capsys.readouterr().err


def test_webhook_body_is_redacted_and_a_dead_webhook_does_not_stop_the_watch(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leak = "Exit code: 1. Reason: KeyError HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789 missing"
    sim.spaces["ada/crash"] = SimSpace([(runtime("RUNTIME_ERROR", error=leak), 1)])
    assert _watch(sim, tmp_path / "h.sqlite3", "ada/crash") == 1
    body = json.dumps(sim.hooks)
    assert sim.hooks and "hf_abcdefghij" not in body and "REDACTED" in body
    capsys.readouterr()
    dead = sim.url + "/no-such-hook"
    rc = main(["watch", "ada/crash", "--endpoint", sim.url, "--db", str(tmp_path / "h.sqlite3"), "--notify-url", dead])
    out, err = capsys.readouterr()
    assert rc == 1 and "webhook answered HTTP 404" in err and "hf_abcdefghij" not in out + err


def test_sigint_exits_130(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    with HubSim() as server:
        server.spaces["ada/wait"] = SimSpace([(runtime("BUILDING"), 1)])
        env = {k: v for k, v in os.environ.items() if k != "SPACEMEDIC_FAKE_CLOCK"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "spacemedic", "watch", "ada/wait", "--endpoint", server.url,
             "--db", str(tmp_path / "h.sqlite3"), "--interval", "0.05s"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        assert proc.stdout is not None
        header = proc.stdout.readline().decode()  # what the watch reads (the evidence header)
        first = proc.stdout.readline().decode()  # the first recorded stage: the loop is running
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert header.startswith("ada/wait: Evidence:") and "BUILDING" in first
    assert proc.returncode == 130 and b"Traceback" not in err
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        assert [e.stage for e in store.events("ada/wait")] == ["BUILDING"]
