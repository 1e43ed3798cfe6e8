"""Collection through the real huggingface_hub client against the fake Hub on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.errors import InputError
from spacemedic.hub import Bundle, CollectOptions, HubTarget, LogBounds, collect, load_bundle
from spacemedic.models import DirectUrl, LogState
from spacemedic.redact import redact
from spacemedic.testing import FakeHub, Fault, bundled_scenarios, load_scenario
from tests.hubkit import FAST, TOKEN, run_cli

BUCKETS = tuple(n for n in bundled_scenarios() if not n.startswith(("fault_", "real_")))
FAULTS = tuple(n for n in bundled_scenarios() if n.startswith("fault_"))
QUICK = CollectOptions(time_box=10.0, log_bounds=LogBounds(max_seconds=4.0))


def _collect(hub: FakeHub, options: CollectOptions = QUICK, token: str | None = TOKEN) -> Bundle:
    return collect(HubTarget(hub.space, hub.url, token=token, status_url=hub.status_url), options)


def test_there_is_one_scenario_per_bucket() -> None:
    from spacemedic.models import Bucket

    assert set(BUCKETS) == {b.value for b in Bucket}
    assert all(load_scenario(n).expect == n for n in BUCKETS)


@pytest.mark.parametrize("name", BUCKETS)
def test_bucket_scenario_collects_everything_and_maps_to_signals(name: str) -> None:
    scenario = load_scenario(name)
    with FakeHub(scenario) as hub:
        bundle = _collect(hub)
        requests = list(hub.requests)
    signals = bundle.to_signals()
    runtime = scenario.data["runtime"]
    assert signals.runtime_stage == runtime["stage"]
    assert signals.error_message == (redact(runtime["errorMessage"]) if "errorMessage" in runtime else None)
    assert signals.abuse == runtime.get("abuse")
    assert bundle.info is not None and bundle.info["host"].startswith(hub.url)  # app URL comes from info
    assert bundle.app is not None and bundle.app["status"] == scenario.data["app"]["status"]
    expected_url = DirectUrl.LOADS if scenario.data["app"]["status"] < 400 and "Preparing" not in str(scenario.data["app"].get("body")) else DirectUrl.ERROR
    assert signals.observations.direct_url is expected_url
    build_lines = scenario.data["logs"]["build"]["lines"]
    assert signals.observations.build_logs is (LogState.EMPTY if not build_lines else
                                               LogState.QUEUED_ONLY if len(build_lines) == 1 else LogState.HAS_OUTPUT)
    assert {r.method for r in requests} == {"GET"}
    assert not any(TOKEN in json.dumps(dict(r.headers)) for r in requests)
    assert TOKEN not in bundle.to_json()


def test_platform_incident_signals() -> None:
    with FakeHub(load_scenario("platform_incident")) as hub:
        obs = _collect(hub).to_signals().observations
    assert obs.status_page_incident is True
    assert obs.other_spaces_affected is True


def test_builder_stuck_signals_queued_only_for_hours_and_no_build_for_the_new_commit() -> None:
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        bundle = _collect(hub)
    # A never-closing stream is abandoned at the bound; under heavy CI load the abandoned socket
    # has been seen to fail first ("read 1 lines, then: ReadError"). Either way the build log is
    # kept and classified; nothing else may be missing.
    partial = [u for u in bundle.unavailable if u.source == "build logs" and u.reason.startswith("read 1 lines")]
    assert [u for u in bundle.unavailable if u not in partial] == []
    obs = bundle.to_signals().observations
    assert obs.build_logs is LogState.QUEUED_ONLY
    assert obs.hub_page_state == "Build Queued"
    assert obs.stage_duration_minutes is not None and 715 <= obs.stage_duration_minutes <= 725
    assert obs.new_commit_triggers_build is False
    assert bundle.build_log is not None
    assert partial or "stayed open" in str(bundle.build_log.stopped)


def test_running_old_sha_means_the_new_commit_built_nothing() -> None:
    scenario = load_scenario("normal_sleep_or_pause")
    data = dict(scenario.data, runtime={"stage": "RUNNING", "sha": "a" * 40, "hardware": {"current": "cpu-basic"}},
                commits=[{"id": "b" * 40, "title": "new"}, {"id": "a" * 40, "title": "old"}])
    from spacemedic.testing import scenario_from_dict

    with FakeHub(scenario_from_dict("x", data)) as hub:
        obs = _collect(hub).to_signals().observations
    assert obs.new_commit_triggers_build is False


def test_never_ending_log_stream_is_read_within_the_bound() -> None:
    with FakeHub(load_scenario("fault_never_ending_logs")) as hub:
        bundle = _collect(hub, CollectOptions(time_box=3, log_bounds=LogBounds(max_seconds=1.0)))
    assert bundle.build_log is not None and bundle.build_log.lines_read == 2
    assert bundle.run_log is not None and bundle.run_log.text.endswith("Killed")
    assert "stayed open" in str(bundle.run_log.stopped)


def test_huge_log_keeps_only_the_last_lines_and_stops_at_the_byte_bound() -> None:
    # Only the byte bound may stop this read: under load the in-process fake Hub can pause for
    # over a second, which the idle bound (tested on its own above) would rightly call quiet.
    bounds = LogBounds(max_lines=50, max_bytes=2_000_000, max_seconds=60, idle_seconds=60)
    with FakeHub(load_scenario("fault_huge_log")) as hub:
        bundle = _collect(hub, CollectOptions(time_box=60, log_bounds=bounds))
    log = bundle.build_log
    assert log is not None and log.text.count("\n") == 49
    assert 2_000_000 <= log.bytes_read < 2_100_000
    assert "byte bound" in str(log.stopped)


def test_logs_without_a_token_are_unavailable_with_how_to_log_in() -> None:
    with FakeHub(load_scenario("out_of_memory")) as hub:
        bundle = _collect(hub, token=None)
    reasons = {u.source: u.reason for u in bundle.unavailable}
    assert "hf auth login" in reasons["build logs"] and "HF_TOKEN" in reasons["run logs"]
    assert bundle.runtime is not None  # public Space: the rest still reads


def test_rate_limit_reason_names_retry_after() -> None:
    scenario = load_scenario("out_of_memory").with_faults(runtime=Fault(status=429, retry_after=42))
    with FakeHub(scenario) as hub:
        bundle = _collect(hub)
    reasons = {u.source: u.reason for u in bundle.unavailable}
    assert "retry after 42 s" in reasons["runtime"]
    assert bundle.to_signals().runtime_stage == "RUNTIME_ERROR"  # falls back to the runtime inside info


def test_bundle_round_trips_through_a_file(tmp_path: Path) -> None:
    with FakeHub(load_scenario("moderation_lock")) as hub:
        bundle = _collect(hub)
    path = tmp_path / "bundle.json"
    path.write_text(bundle.to_json(), encoding="utf-8")
    loaded = load_bundle(path)
    assert loaded.to_dict() == bundle.to_dict()
    assert loaded.to_signals() == bundle.to_signals()


@pytest.mark.parametrize(
    "text, message",
    [("{", "not valid JSON"), ("[]", "not a spacemedic bundle"), ('{"schema": "spacemedic.bundle/9"}', "not supported"),
     ('{"schema": "spacemedic.bundle/1", "space": "a/b", "runtime": 3}', "field runtime: expected an object"),
     ('{"schema": "spacemedic.bundle/1", "space": "a/b", "build_log": {"state": "weird"}}', "field build_log.state"),
     ('{"schema": "spacemedic.bundle/1", "space": "a/b", "timings": {"x": "slow"}}', "field timings.x: expected a number"),
     ('{"schema": "spacemedic.bundle/1", "space": "a/b", "commits": [{}, 5]}', r"field commits\[1\]"),
     ('{"schema": "spacemedic.bundle/1", "space": "a/b", "run_log": {"text": ["x"]}}', "field run_log.text")],
)
def test_bad_bundle_files_give_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_bundle(path)


def test_secrets_in_evidence_are_redacted() -> None:
    scenario = load_scenario("missing_secret_or_env")
    leaked = "OPENAI_API_KEY=sk-proj-" + "Q" * 40
    data = dict(scenario.data, logs={"build": {"lines": []}, "run": {"lines": [leaked, f"token {TOKEN}"]}})
    from spacemedic.testing import scenario_from_dict

    with FakeHub(scenario_from_dict("leak", data)) as hub:
        text = _collect(hub).to_json()
    assert "Q" * 40 not in text and TOKEN not in text and "[REDACTED" in text


def test_collect_command_writes_a_bundle_and_never_prints_the_token(tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    with FakeHub(load_scenario("app_crash_at_startup")) as hub:
        run = run_cli(["collect", hub.space, "-o", str(out), "--status-url", hub.status_url, *FAST], hub.url, tmp_path)
        methods = {r.method for r in hub.requests}
    assert run.code == 0, run.stderr
    assert load_bundle(out).space == "mia/career-buddy"
    assert TOKEN not in run.stdout + run.stderr + out.read_text()
    assert methods == {"GET"}


@pytest.mark.parametrize("form", ["https://huggingface.co/spaces/{space}", "https://{sub}.hf.space", "{space}"])
def test_collect_accepts_url_forms(tmp_path: Path, form: str) -> None:
    with FakeHub(load_scenario("other")) as hub:
        arg = form.format(space=hub.space, sub="sam-notebook-viewer")
        run = run_cli(["collect", arg, "--status-url", hub.status_url, *FAST], hub.url, tmp_path)
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["space"] == "sam/notebook-viewer"


@pytest.mark.parametrize("name", FAULTS)
def test_fault_scenarios_end_cleanly(tmp_path: Path, name: str) -> None:
    scenario = load_scenario(name)
    token = None if scenario.data.get("private") else TOKEN
    with FakeHub(scenario) as hub:
        run = run_cli(["collect", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path, token=token)
        methods = {r.method for r in hub.requests}
    assert "Traceback" not in run.stderr
    assert run.code == scenario.data["expect_exit"], run.stderr
    if run.code == 2:  # nothing read: one error line, not a note per source
        assert run.stderr.strip().splitlines()[-1].startswith("spacemedic: error: could not read anything")
        assert "unavailable:" not in run.stderr
    else:
        for source in scenario.data["expect_unavailable"]:
            assert f"unavailable: {source}:" in run.stderr
        assert json.loads(run.stdout)["schema"] == "spacemedic.bundle/1"
    assert TOKEN not in run.stdout + run.stderr
    assert methods <= {"GET"}


def test_private_space_without_token_says_how_to_log_in(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_private_no_token")) as hub:
        run = run_cli(["collect", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path, token=None)
    assert run.code == 2
    last = run.stderr.strip().splitlines()[-1]
    assert "private" in last and "hf auth login" in last
