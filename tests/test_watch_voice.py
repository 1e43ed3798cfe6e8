"""`watch` as a person or a pipe sees it: lines as they happen, a summary when stopped from
outside (Ctrl-C, SIGTERM), and a watch that simply ran out of time is not a failure diagnosis."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.testing import FakeHub, load_scenario
from tests.hubsim import HubSim, SimSpace, runtime


@pytest.fixture()
def sim(monkeypatch: pytest.MonkeyPatch) -> Iterator[HubSim]:
    monkeypatch.setenv("SPACEMEDIC_FAKE_CLOCK", "2026-03-01T12:00:00Z")
    with HubSim() as server:
        yield server


def test_reaching_the_timeout_while_nothing_is_wrong_is_not_a_diagnosis(
    sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.spaces["ada/big"] = SimSpace([(runtime("BUILDING"), 1)], card={"sdk": "docker", "startup_duration_timeout": "2h"})
    args = ["watch", "ada/big", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "--interval", "1m", "--timeout", "20m"]
    assert main([*args, "-f", "json"]) == 1  # it did not reach RUNNING in the time given
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcome"] == "timeout" and summary["detections"] == [] and summary["diagnosis"] is None
    main(args)
    out = capsys.readouterr().out
    assert "reached its --timeout with nothing wrong detected" in out
    assert "builder_or_scheduler_stuck" not in out and "%" not in out  # no ranked causes


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_piped_watch_prints_as_it_goes_and_sums_up_when_stopped(tmp_path: Path, sig: signal.Signals) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SPACEMEDIC_FAKE_CLOCK"))}
    env.update({"HF_HOME": str(tmp_path), "NO_COLOR": "1"})
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        proc = subprocess.Popen(
            [sys.executable, "-m", "spacemedic", "watch", hub.space, "--endpoint", hub.url, "--token", "hf_x",
             "--db", str(tmp_path / "h.db"), "--interval", "0.2s"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # arrives while the watch runs: line-buffered into a pipe
        if first.startswith(f"{hub.space}: Evidence"):
            first = proc.stdout.readline()
        assert "BUILDING" in first, first
        proc.send_signal(sig)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    last = rest.strip().splitlines()[-1]
    assert last.startswith(f"{hub.space}: interrupted after watching for ")
    assert "last seen BUILDING" in last and "look" in last
    assert "Traceback" not in err


@pytest.mark.parametrize(("tz", "local"), [("UTC", None), ("Asia/Tokyo", "(local 2026-03-01T21:00:00+09:00)")])
def test_a_time_is_printed_once_and_local_time_only_when_it_differs(
    sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tz: str, local: str | None,
) -> None:
    import time

    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        sim.spaces["ada/ok"] = SimSpace([(runtime("RUNNING"), 1)])
        assert main(["watch", "ada/ok", "--endpoint", sim.url, "--db", str(tmp_path / "h.db")]) == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    first = next(line for line in capsys.readouterr().out.splitlines() if line[:1].isdigit())
    assert first.startswith("2026-03-01T12:00:00Z") and first.count("2026-03-01") == (1 if local is None else 2)
    if local:
        assert local in first


def test_a_sleeping_space_is_healthy_as_in_fleet(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["ada/nap"] = SimSpace([(runtime("SLEEPING"), 1)])
    code = main(["watch", "ada/nap", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "--interval", "1m",
                 "--timeout", "5m", "-f", "json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0, summary
    assert summary["outcome"] == "sleeping" and summary["detections"] == [] and summary["diagnosis"] is None
    assert main(["watch", "ada/nap", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "--timeout", "5m"]) == 0
    assert "ended sleeping (healthy: it wakes on the next visit)" in capsys.readouterr().out
