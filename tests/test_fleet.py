"""`spacemedic fleet`: the account-wide view against a real local Hub stand-in, and its patterns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.fleet.patterns import FleetSpace, find_patterns
from spacemedic.models import Bucket
from tests.hubsim import HubSim, SimSpace, runtime

FLAGGED = runtime("PAUSED", error="Flagged as abusive", abuse={"detector": "abuse-handler", "flaggedAt": "2026-07-06T08:20:17.644Z", "reason": "Blocked by abuse-handler by rule: Cloudflared"})


@pytest.fixture()
def sim() -> Iterator[HubSim]:
    with HubSim() as server:
        server.spaces["org/ok"] = SimSpace([(runtime("RUNNING"), 1)], sdk="gradio")
        server.spaces["org/asleep"] = SimSpace([(runtime("SLEEPING", hardware="cpu-basic"), 1)], sdk="gradio")
        server.spaces["org/b1"] = SimSpace([(runtime("BUILDING"), 1)])
        server.spaces["org/b2"] = SimSpace([(runtime("BUILDING"), 1)])
        server.spaces["org/f1"] = SimSpace([(FLAGGED, 1)])
        server.spaces["org/f2"] = SimSpace([(FLAGGED, 1)])
        server.spaces["other/x"] = SimSpace([(runtime("BUILDING"), 1)])
        yield server


@pytest.mark.parametrize("bulk", [True, False], ids=["runtime-in-listing", "runtime-per-space"])
def test_fleet_lists_every_space_and_finds_patterns(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str], bulk: bool) -> None:
    sim.bulk_runtime = bulk
    rc = main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "-f", "json"])
    assert rc == 1
    data = json.loads(capsys.readouterr().out)
    stages = {s["id"]: s["stage"] for s in data["spaces"]}
    assert stages == {"org/ok": "RUNNING", "org/asleep": "SLEEPING", "org/b1": "BUILDING", "org/b2": "BUILDING",
                      "org/f1": "PAUSED", "org/f2": "PAUSED"}
    assert data["not_healthy"] == 4
    kinds = {p["kind"]: p for p in data["patterns"]}
    assert set(kinds) == {"flagged_together", "building_together"}
    assert kinds["flagged_together"]["spaces"] == ["org/f1", "org/f2"]
    assert kinds["flagged_together"]["buckets"] == ["moderation_lock"]
    assert "builder_or_scheduler_stuck" in kinds["building_together"]["buckets"]


def test_fleet_human_table_and_filters(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "--sdk", "gradio"]) == 0
    out = capsys.readouterr().out
    assert "org/ok" in out and "org/asleep" in out and "org/b1" not in out
    assert main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "--filter", "b"]) == 1
    out = capsys.readouterr().out
    assert "org/b1" in out and "org/b2" in out and "org/ok" not in out
    assert "building or starting at once" in out and "suggests:" in out


def test_fleet_honours_429_on_per_space_runtime_calls(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.bulk_runtime = False
    sim.rate_limit_next, sim.retry_after = 3, 1
    rc = main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "-f", "json", "--workers", "2"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1 and sim.rate_limit_next == 0
    assert all(s["stage"] for s in data["spaces"]) and not any(u["source"].startswith("runtime") for u in data["unavailable"])


def test_fleet_time_in_stage_comes_from_history(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "h.db")
    monkeypatch.setenv("SPACEMEDIC_FAKE_CLOCK", "2026-03-01T12:00:00Z")
    main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", db, "-f", "json"])
    capsys.readouterr()
    monkeypatch.setenv("SPACEMEDIC_FAKE_CLOCK", "2026-03-01T12:45:00Z")
    main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", db, "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    minutes = {s["id"]: s["minutes_in_stage"] for s in data["spaces"]}
    assert minutes["org/b1"] == 45.0 and minutes["org/ok"] == 45.0


def test_fleet_when_the_listing_fails_exits_2(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = sim.url + "/not-a-hub"  # every path under it answers 404
    assert main(["fleet", "--author", "org", "--endpoint", url, "--db", str(tmp_path / "h.db")]) == 2
    assert "spacemedic: error:" in capsys.readouterr().err


def _space(sid: str, stage: str, error: str | None = None, minutes: float | None = None) -> FleetSpace:
    return FleetSpace(sid, stage, error_message=error, minutes_in_stage=minutes)


def test_patterns_need_several_spaces_at_once() -> None:
    assert find_patterns([_space("a/1", "BUILDING"), _space("a/2", "RUNNING")]) == ()
    # owners pause their own Spaces: two paused is not yet a pattern, three is
    assert find_patterns([_space("a/1", "PAUSED"), _space("a/2", "PAUSED")]) == ()
    (paused,) = find_patterns([_space(f"a/{i}", "PAUSED") for i in range(3)])
    assert paused.kind == "paused_together" and Bucket.LIFECYCLE_STUCK_STATE in paused.buckets
    # building for a short, known time is not stuck
    assert find_patterns([_space("a/1", "BUILDING", minutes=3), _space("a/2", "BUILDING", minutes=4)]) == ()


def test_scheduling_and_same_error_patterns() -> None:
    spaces = [
        _space("a/1", "RUNTIME_ERROR", "Scheduling failure: not enough hardware capacity"),
        _space("a/2", "RUNTIME_ERROR", "Scheduling failure: unable to schedule"),
        _space("a/3", "BUILD_ERROR", "Job failed with exit code: 137"),
        _space("a/4", "BUILD_ERROR", "Job failed with exit code: 137"),
        _space("a/5", "RUNNING"),
    ]
    kinds = {p.kind: p for p in find_patterns(spaces)}
    assert kinds["scheduling_together"].buckets == (Bucket.HARDWARE_CAPACITY,)
    assert kinds["same_error"].spaces == ("a/3", "a/4")


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_stage = st.sampled_from(["RUNNING", "SLEEPING", "PAUSED", "BUILDING", "APP_STARTING", "RUNTIME_ERROR", "BUILD_ERROR", "WEIRD"])


@given(st.lists(st.tuples(_stage, st.none() | st.text(max_size=80), st.none() | st.floats(0, 1e5)), max_size=40))
def test_patterns_never_raise_and_name_only_listed_spaces(rows: list[tuple[str, str | None, float | None]]) -> None:
    spaces = [_space(f"a/{i}", stage, error, minutes) for i, (stage, error, minutes) in enumerate(rows)]
    ids = {s.id for s in spaces}
    for p in find_patterns(spaces):
        assert len(p.spaces) >= 2 and set(p.spaces) <= ids and p.suggests


def test_fleet_sdk_filter_says_how_many_spaces_had_no_sdk(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sim.spaces["org/mystery"] = SimSpace([(runtime("RUNNING"), 1)], sdk=None)  # type: ignore[arg-type]
    args = ["fleet", "--author", "org", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "--sdk", "gradio"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "org/mystery" in out and "org/b1" not in out
    assert "3 Spaces, 0 not running or sleeping" in out
    assert "1 Space with no SDK in the listing is included: the filter --sdk gradio could not be applied to it" in out
    main([*args, "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["sdk_filter"] == "gradio" and data["sdk_unknown"] == 1


def test_fleet_quiet_prints_only_the_ids_that_need_a_look(sim: HubSim, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fleet", "--author", "org", "--endpoint", sim.url, "--db", str(tmp_path / "h.db"), "-q"]) == 1
    assert capsys.readouterr().out.split() == ["org/b1", "org/b2", "org/f1", "org/f2"]
