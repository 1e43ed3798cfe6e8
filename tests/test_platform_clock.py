"""The platform's clock: time in stage = the longer of what spacemedic saw and what the Hub's own
timestamps prove (a "Build Queued at" banner), said with its source, in diagnose, watch and fleet."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.testing import FakeHub, load_scenario, scenario_from_dict
from spacemedic.watch.detect import Kind, detect
from spacemedic.watch.platform_clock import SEEN, StageStart, time_in_stage
from spacemedic.watch.timeline import Event
from tests.hubkit import FAST, run_cli

BANNER = 'the build log\'s "Build Queued at" banner'


@pytest.fixture
def real_now_fake_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake Hub dates its banners by the real clock; the watcher's clock starts there too."""
    monkeypatch.setenv("SPACEMEDIC_FAKE_CLOCK", datetime.now(timezone.utc).isoformat())


def test_time_in_stage_takes_the_longer_bound() -> None:
    start = StageStart("BUILDING", 1000.0, BANNER)
    assert time_in_stage("BUILDING", 40_000.0, 43_600.0, start) == ((43_600.0 - 1000.0) / 60, BANNER)
    assert time_in_stage("BUILDING", 900.0, 43_600.0, start)[1] == SEEN  # the watch saw it earlier
    assert time_in_stage("APP_STARTING", 40_000.0, 43_600.0, start)[1] == SEEN  # another stage's banner


def test_a_banner_twelve_hours_old_is_stuck_on_the_first_look() -> None:
    now = 50_000.0
    events = [Event("a/b", "BUILDING", now)]
    assert detect(events, now) == ()  # seen for 0 s: nothing to say without the platform's clock
    (found,) = detect(events, now, stage_start=StageStart("BUILDING", now - 12 * 3600, BANNER))
    assert found.kind is Kind.STUCK_IN_STAGE and round(found.minutes or 0) == 720
    assert BANNER in found.evidence[0]


def test_watch_flags_a_twelve_hour_queue_on_the_first_look(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           real_now_fake_clock: None) -> None:
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        rc = main(["watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db"),
                   "--interval", "2m", "--timeout", "3h", "-f", "json"])
    summary = json.loads(capsys.readouterr().out)
    assert rc == 1 and summary["outcome"] == "stuck"
    assert len(summary["timeline"]) == 1  # one look was enough
    (stuck,) = [d for d in summary["detections"] if d["kind"] == "stuck_in_stage"]
    assert stuck["minutes"] > 700 and BANNER in stuck["evidence"][0]
    assert summary["diagnosis"]["stage_since"]["source"] == BANNER
    assert summary["diagnosis"]["minutes_in_stage"] > 700


def test_watch_human_output_says_where_the_time_comes_from(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           real_now_fake_clock: None) -> None:
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        main(["watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db"),
              "--interval", "2m", "--timeout", "3h"])
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"{load_scenario('builder_or_scheduler_stuck').space}: Evidence:")
    assert f"BUILDING since" in out and BANNER in out
    assert "BUILDING for 12h00m" in out


def test_fleet_flags_a_twelve_hour_queue_on_the_first_look(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           real_now_fake_clock: None) -> None:
    scenario = load_scenario("builder_or_scheduler_stuck")
    with FakeHub(scenario) as hub:
        rc = main(["fleet", "--author", hub.space.split("/")[0], "--endpoint", hub.url, "--token", "hf_x",
                   "--db", str(tmp_path / "h.db"), "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    (space,) = data["spaces"]
    assert space["stuck"] is True and space["clock_source"] == BANNER and space["minutes_in_stage"] > 700


def test_fleet_without_a_banner_keeps_counting_from_its_own_history(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                     real_now_fake_clock: None) -> None:
    scenario = scenario_from_dict("fresh", {"space": "pam/new", "runtime": {"stage": "BUILDING"},
                                            "logs": {"build": {"lines": []}}})
    with FakeHub(scenario) as hub:
        main(["fleet", "--author", "pam", "--endpoint", hub.url, "--token", "hf_x", "--db", str(tmp_path / "h.db"),
              "-f", "json"])
    (space,) = json.loads(capsys.readouterr().out)["spaces"]
    assert space["stuck"] is False and space["clock_source"] is None


def test_diagnose_says_the_time_in_stage_and_its_proof(tmp_path: Path) -> None:
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path)
    head = run.stdout.splitlines()[0]
    # The order is the point: the stage, its time and that time's proof first, then the page's own
    # words and the startup timeout.
    assert " stage: BUILDING, for 12.0 h (since " in head
    assert head.index(f"from {BANNER})") < head.index("(page says: Build Queued)") < head.index("(startup timeout")
