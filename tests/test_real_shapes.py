"""Real-Hub fidelity: recorded real bodies replayed through the collectors, and each shape that was
once misread (tests/scenarios `real_*`), end to end through huggingface_hub and the CLI."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.hub import Bundle, CollectOptions, HubTarget, LogBounds, collect
from spacemedic.hub.logs import LogCapture
from spacemedic.hub.status_page import parse_status_page, shows_incident
from spacemedic.models import LogState, SourceState
from spacemedic.testing import FakeHub, Fault, load_scenario, scenario_from_dict
from spacemedic.testing.payloads import RECORDED
from spacemedic.triage import diagnose
from tests.hubkit import FAST, TOKEN, run_cli
from tests.test_hub_log_stream import log_hub, read_build_log

QUICK = CollectOptions(time_box=10.0, log_bounds=LogBounds(max_seconds=2.5))
RUNTIMES = sorted(n for n, r in RECORDED.items() if isinstance(r.body, dict) and "stage" in r.body)


def _collect(hub: FakeHub, token: str | None = TOKEN) -> Bundle:
    return collect(HubTarget(hub.space, hub.url, token=token, status_url=hub.status_url), QUICK)


def test_every_recorded_body_names_its_source() -> None:
    for name, rec in RECORDED.items():
        assert rec.source and ("@" in rec.source or "docs" in rec.source or "#" in rec.source), name


@pytest.mark.parametrize("name", RUNTIMES)
def test_recorded_runtime_replays_through_the_collectors(name: str) -> None:
    body = RECORDED[name].body
    scenario = scenario_from_dict("replay", {
        "space": "rec/space", "runtime": {"$recorded": name},
        "other_spaces": [{"id": "rec/neighbour", "runtime": {"$recorded": name}}],
        "logs": {"build": {"$recorded": "log_events"}, "run": {"lines": []}},
        "status": {"$recorded": "status_page_documented"}, "app": {"status": 200}})
    with FakeHub(scenario) as hub:
        bundle = _collect(hub)
    assert bundle.runtime == body  # verbatim through huggingface_hub's SpaceRuntime.raw
    assert bundle.other_spaces and bundle.other_spaces[0]["stage"] == body["stage"]
    signals = bundle.to_signals()
    assert signals.runtime_stage == body["stage"]
    # A neighbour is failing only in an error stage, or PAUSED with an errorMessage.
    failing = body["stage"].endswith("_ERROR") or (body["stage"] == "PAUSED" and bool(body.get("errorMessage")))
    assert signals.observations.other_spaces_affected is failing
    assert signals.observations.status_page_incident is False  # the documented page is operational
    d = diagnose(signals)
    assert d.sufficient and d.hypotheses and d.evidence is not None
    assert {s.source: s.state for s in d.evidence.sources}["runtime"] is SourceState.ANSWERED


def test_recorded_log_stream_replays_line_by_line() -> None:
    scenario = scenario_from_dict("replay", {"space": "rec/space", "runtime": {"$recorded": "building_after_commit"},
                                             "logs": {"build": {"$recorded": "log_events"}, "run": {"lines": []}}})
    with FakeHub(scenario) as hub:
        bundle = _collect(hub)
    log = bundle.build_log
    assert isinstance(log, LogCapture)
    assert log.text.splitlines() == ["===== Build Queued at 2025-04-03 01:39:30 / Commit SHA: 59f0ef5 =====",
                                     "--> FROM ghcr.io/cinnamon/kotaemon:main-lite", "DONE 5.9s"]
    assert log.state is LogState.HAS_OUTPUT and log.queued_sha == "59f0ef5"
    assert log.lines_read == 3 and not log.open  # both keep-alive styles were skipped; the stream closed


def test_recorded_status_page_parses() -> None:
    parsed = parse_status_page(RECORDED["status_page_documented"].body)
    assert parsed == {"aggregate_state": "operational", "components": {}, "open_reports": []}
    assert shows_incident(parsed) is False


# ------------------------------------------------------------------ each misread, end to end


def test_paused_neighbours_are_not_failing_neighbours(tmp_path: Path) -> None:
    scenario = load_scenario("real_paused_neighbours")
    with FakeHub(scenario) as hub:
        signals = _collect(hub).to_signals()
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, "-f", "json", *FAST], hub.url, tmp_path)
    assert signals.observations.other_spaces_affected is False
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["hypotheses"][0]["bucket"] == scenario.expect
    incident = next((h for h in data["hypotheses"] if h["bucket"] == "platform_incident"), None)
    assert incident is None or not any("other Spaces" in e or "same owner" in e for e in incident["evidence_for"])


@pytest.mark.parametrize("name", ["real_status_degraded_other_resource", "real_status_resolved_incident"])
def test_status_page_states(name: str) -> None:
    scenario = load_scenario(name)
    with FakeHub(scenario) as hub:
        obs = _collect(hub).to_signals().observations
    assert obs.status_page_incident is scenario.data["expect_status_page_incident"]


def test_status_page_rules() -> None:
    now = datetime(2026, 8, 1, 12, tzinfo=timezone.utc)

    def page(state: str, resources: dict[str, str], reports: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
        inc: list[dict[str, Any]] = [{"type": "status_page_resource", "id": str(i), "attributes": {"public_name": n, "status": s}}
                                     for i, (n, s) in enumerate(resources.items())]
        inc += [{"type": "status_report", "id": f"r{i}", "attributes": a} for i, a in enumerate(reports)]
        return {"data": {"attributes": {"aggregate_state": state}}, "included": inc}

    assert shows_incident(parse_status_page(page("degraded", {"Spaces": "operational"}), now))  # page-level degraded
    assert shows_incident(parse_status_page(page("operational", {"Hub API": "downtime"}), now))  # not named Spaces
    # Only another product is down: the page is degraded, but not for Spaces.
    assert not shows_incident(parse_status_page(page("degraded", {"Inference Endpoints API": "degraded"}), now))
    open_incident = {"title": "Builds stuck", "report_type": "manual", "starts_at": "2026-08-01T10:00:00Z",
                     "aggregate_state": "degraded"}
    resolved = {**open_incident, "aggregate_state": "operational"}
    past_maintenance = {"title": "DB", "report_type": "maintenance", "starts_at": "2026-08-01T01:00:00Z",
                        "ends_at": "2026-08-01T02:00:00Z", "aggregate_state": "maintenance"}
    current_maintenance = {**past_maintenance, "ends_at": "2026-08-01T13:00:00Z"}
    assert parse_status_page(page("operational", {}, [open_incident]), now)["open_reports"] == ["Builds stuck"]
    assert parse_status_page(page("operational", {}, [resolved, past_maintenance]), now)["open_reports"] == []
    assert parse_status_page(page("operational", {}, [current_maintenance]), now)["open_reports"] == ["maintenance: DB"]


def test_a_keepalive_only_log_stream_is_no_output_yet(tmp_path: Path) -> None:
    scenario = load_scenario("real_keepalive_only_build_log")
    with FakeHub(scenario) as hub:
        bundle = _collect(hub)
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, "-f", "json", *FAST], hub.url, tmp_path)
    assert bundle.build_log is not None and bundle.build_log.source_state is SourceState.NO_OUTPUT_YET
    assert bundle.build_log.open and bundle.run_log is not None and bundle.run_log.open
    assert not any(u.source == "build logs" for u in bundle.unavailable)
    assert bundle.to_signals().observations.build_logs is LogState.EMPTY  # the classifier's "nothing built"
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["hypotheses"][0]["bucket"] == scenario.expect
    states = {s["source"]: s["state"] for s in data["evidence"]["sources"]}
    assert states["build logs"] == states["run logs"] == "no_output_yet"


def test_several_lines_in_one_sse_event(tmp_path: Path) -> None:
    scenario = load_scenario("real_multiline_events")
    with FakeHub(scenario) as hub:
        bundle = _collect(hub)
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, "-f", "json", *FAST], hub.url, tmp_path)
    log = bundle.build_log
    assert log is not None and log.state is LogState.HAS_OUTPUT and log.queued_sha == "59f0ef5"
    assert "E: Package 'libgl1-mesa-glx' has no installation candidate" in log.text.splitlines()
    assert log.lines_read >= 6
    assert run.code == 0 and json.loads(run.stdout)["hypotheses"][0]["bucket"] == scenario.expect


def test_running_sha_older_than_the_newest_commit() -> None:
    with FakeHub(load_scenario("real_running_old_sha")) as hub:
        bundle = _collect(hub)
    assert bundle.runtime is not None and bundle.runtime["sha"] != bundle.commits[0]["id"]  # type: ignore[index]
    assert bundle.to_signals().observations.new_commit_triggers_build is False


def test_a_commit_pushed_minutes_ago_is_not_yet_a_build_that_never_started() -> None:
    bundle = Bundle(space="a/b", collected_at="2026-01-01T10:05:00Z",
                    runtime={"stage": "RUNNING", "sha": "9042a53d0f48e2825c8bd162daf72792464d6c7c"},
                    commits=({"id": "1" * 40, "date": "2026-01-01T10:03:00+00:00"},))
    assert bundle.to_signals().observations.new_commit_triggers_build is None
    old = Bundle(space="a/b", collected_at="2026-01-01T10:05:00Z", runtime=bundle.runtime,
                 commits=({"id": "1" * 40, "date": "2026-01-01T08:00:00+00:00"},))
    assert old.to_signals().observations.new_commit_triggers_build is False


def test_a_missing_space_without_a_token_is_401_like_the_real_hub(tmp_path: Path) -> None:
    with FakeHub(load_scenario("real_missing_no_token")) as hub:
        anonymous = httpx.get(f"{hub.url}/api/spaces/{hub.space}/runtime", timeout=5)
        with_token = httpx.get(f"{hub.url}/api/spaces/{hub.space}/runtime", timeout=5,
                               headers={"authorization": f"Bearer {TOKEN}"})
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path, token=None)
    assert anonymous.status_code == 401 and with_token.status_code == 404
    assert run.code == 2 and "Traceback" not in run.stderr
    assert "401" in run.stderr and "private or does not exist" in run.stderr


# ------------------------------------------------------------------ parsers of untrusted text


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
                    max_leaves=25)


@settings(deadline=None)
@given(JSON)
def test_status_page_parser_takes_any_json(doc: Any) -> None:
    parsed = parse_status_page(doc)
    assert isinstance(shows_incident(parsed), bool)


@pytest.mark.parametrize(("hang", "status"), [
    (False, "Status: no output yet (the stream answered and stayed open"),
    (True, "Status: not read: timed out"),
])
def test_report_keeps_log_states_apart(tmp_path: Path, hang: bool, status: str) -> None:
    scenario = load_scenario("real_keepalive_only_build_log")
    if hang:
        scenario = scenario.with_faults(logs_build=Fault(hang=True))
    with FakeHub(scenario) as hub:
        run = run_cli(["report", hub.space, "--status-url", hub.status_url, "--tried", "new-commit=no-build", *FAST],
                      hub.url, tmp_path)
    assert "Traceback" not in run.stderr and "website@huggingface.co" in run.stdout
    build = run.stdout.split("## Build log", 1)[1]
    assert build.strip().startswith(status) and "empty (no lines at all)" not in build.split("##", 1)[0]


SSE_PIECES = st.sampled_from([
    'data: {"data": "line\\n", "timestamp": "2026-01-01T10:00:00Z"}\n\n', "data:\n\n", ": keep-alive\n\n",
    'data: {"data": 5, "timestamp": "2026-01-01T10:00:00Z"}\n\n', 'data: {"timestamp": "x"}\n\n', "data: {\n\n",
    'data: {"data": "a\\nb", "timestamp": "not a time"}\n\n', "event: x\nid: 3\n\n", "\r\n", "data: [1]\n\n",
])


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SSE_PIECES | st.text(max_size=40), max_size=12))
def test_any_stream_bytes_give_a_value_never_a_traceback(pieces: list[str]) -> None:
    with log_hub({"lines": [], "raw": "".join(pieces)}) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=3.0, max_lines=5))
    assert capture is not None or note is not None
    if capture is not None:
        assert len(capture.text.splitlines()) <= 5
