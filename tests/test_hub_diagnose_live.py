"""`spacemedic diagnose OWNER/SPACE` end to end: real child process, real huggingface_hub, fake Hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.testing import FakeHub, bundled_scenarios, load_scenario
from tests.hubkit import FAST, TOKEN, run_cli

BUCKETS = tuple(n for n in bundled_scenarios() if not n.startswith(("fault_", "real_")))
FAULTS = tuple(n for n in bundled_scenarios() if n.startswith("fault_"))


def _diagnose(hub: FakeHub, home: Path, *extra: str, token: str | None = TOKEN) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, "-f", "json", *FAST, *extra], hub.url, home, token=token)
    assert "Traceback" not in run.stderr
    assert TOKEN not in run.stdout + run.stderr
    if run.code != 0 and not run.stdout.strip():
        return run.code, {}, run.stderr
    data = json.loads(run.stdout)
    return run.code, (data[0] if isinstance(data, list) else data), run.stderr


@pytest.mark.parametrize("name", BUCKETS)
def test_each_bucket_scenario_is_diagnosed_as_its_bucket(tmp_path: Path, name: str) -> None:
    with FakeHub(load_scenario(name)) as hub:
        code, report, stderr = _diagnose(hub, tmp_path)
        methods = {r.method for r in hub.requests}
    assert code == 0, stderr
    assert report["hypotheses"][0]["bucket"] == name
    assert methods == {"GET"}  # read-only, asserted from the server's own request log


@pytest.mark.parametrize("name", FAULTS)
def test_every_fault_ends_in_a_diagnosis_or_a_clear_exit_2(tmp_path: Path, name: str) -> None:
    scenario = load_scenario(name)
    token = None if scenario.data.get("private") else TOKEN
    with FakeHub(scenario) as hub:
        code, report, stderr = _diagnose(hub, tmp_path, token=token)
        methods = {r.method for r in hub.requests}
    assert code == scenario.data["expect_exit"], stderr
    assert methods <= {"GET"}
    if code == 2:
        lines = stderr.strip().splitlines()
        # Either the Space could not be read at all (not found, refused), or nothing answered in
        # time and the output says "not enough evidence" (tests/test_sufficiency.py).
        assert lines[-1].startswith("spacemedic: error: could not read anything") or not report.get("hypotheses")
        return
    sources = {u["source"] for u in report["unavailable"]}
    assert set(scenario.data["expect_unavailable"]) <= sources
    assert report["hypotheses"]


def test_the_url_forms_and_the_tried_overlay_reach_the_diagnosis(tmp_path: Path) -> None:
    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        run = run_cli(["diagnose", f"https://huggingface.co/spaces/{hub.space}", "--status-url", hub.status_url,
                       "--tried", "factory-rebuild=no-effect", *FAST], hub.url, tmp_path)
    assert run.code == 0, run.stderr
    assert "1. builder or scheduler stuck" in run.stdout
    assert TOKEN not in run.stdout + run.stderr


def test_a_saved_bundle_diagnoses_offline_like_the_live_run(tmp_path: Path) -> None:
    bundle = tmp_path / "b.json"
    with FakeHub(load_scenario("moderation_lock")) as hub:
        collected = run_cli(["collect", hub.space, "-o", str(bundle), "--status-url", hub.status_url, *FAST], hub.url, tmp_path)
    assert collected.code == 0, collected.stderr
    offline = run_cli(["diagnose", "--from", str(bundle), "-f", "json"], "http://127.0.0.1:9", tmp_path)
    assert offline.code == 0, offline.stderr
    data = json.loads(offline.stdout)
    assert (data[0] if isinstance(data, list) else data)["hypotheses"][0]["bucket"] == "moderation_lock"
