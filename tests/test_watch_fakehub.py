"""`watch` and `fleet` against the shared fake Hub (spacemedic.testing) and its scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.testing import FakeHub, load_scenario, scenario_from_dict


@pytest.fixture(autouse=True)
def _fake_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPACEMEDIC_FAKE_CLOCK", "2026-03-01T12:00:00Z")


def test_watch_a_moderation_lock_ends_not_healthy_with_a_diagnosis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeHub(load_scenario("moderation_lock")) as hub:
        rc = main(["watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db"), "-f", "json"])
    assert rc == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcome"] == "settled" and summary["stage"] == "PAUSED"
    assert summary["timeline"][0]["error_message"] == "Flagged as abusive"
    assert summary["diagnosis"]["hypotheses"][0]["bucket"] == "moderation_lock"


def test_watch_a_stuck_build_on_the_fake_hub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        rc = main(["watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db"),
                   "--interval", "2m", "--timeout", "3h", "-f", "json"])
    summary = json.loads(capsys.readouterr().out)
    assert rc == 1 and summary["outcome"] == "stuck"
    assert summary["detections"][0]["kind"] == "stuck_in_stage"
    assert summary["diagnosis"]["hypotheses"][0]["bucket"] == "builder_or_scheduler_stuck"


def test_watch_when_every_answer_is_429_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeHub(load_scenario("fault_rate_limited")) as hub:
        rc = main(["watch", hub.space, "--endpoint", hub.url, "--db", str(tmp_path / "h.db"), "--timeout", "10m"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "retrying in 55 s" in err and "could not read the runtime" in err


def test_fleet_on_the_fake_hub_sees_the_account_pattern(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flagged = {"stage": "PAUSED", "errorMessage": "Flagged as abusive", "hardware": {"current": None, "requested": "cpu-basic"}}
    scenario = scenario_from_dict("fleet", {
        "space": "zoe/a",
        "runtime": flagged,
        "other_spaces": [
            {"id": "zoe/b", "runtime": flagged},
            {"id": "zoe/c", "runtime": {"stage": "RUNNING", "hardware": {"current": "cpu-basic", "requested": "cpu-basic"}}},
            {"id": "someone/else", "runtime": flagged},
        ],
    })
    with FakeHub(scenario) as hub:
        rc = main(["fleet", "--author", "zoe", "--endpoint", hub.url, "--db", str(tmp_path / "h.db"), "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert [s["id"] for s in data["spaces"]] == ["zoe/a", "zoe/b", "zoe/c"]
    (pattern,) = data["patterns"]
    assert pattern["kind"] == "flagged_together" and pattern["spaces"] == ["zoe/a", "zoe/b"]
    assert data["spaces"][0]["top_hypothesis"]["bucket"] == "moderation_lock"


def test_watch_a_sleeping_space_stops_and_says_it_sleeps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A sleeping Space is healthy (as in `fleet`): exit 0 and no failure diagnosis.
    with FakeHub(load_scenario("normal_sleep_or_pause")) as hub:
        rc = main(["watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db"), "-f", "json"])
        summary = json.loads(capsys.readouterr().out)
        human = main(["watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db")])
    out = capsys.readouterr().out
    assert rc == 0 and summary["outcome"] == "sleeping" and summary["detections"] == []
    assert summary["diagnosis"] is None
    assert human == 0 and "ended sleeping (healthy" in out
