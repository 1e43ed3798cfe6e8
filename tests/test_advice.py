"""Advice that knows the facts: next steps and report fields built from what was collected and
what `--tried` says, through the CLI on the bundled evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.models import Bucket, Category, Diagnosis, Finding, Hypothesis, Confidence, Observations, Severity, Signals
from spacemedic.models import DirectUrl
from spacemedic.triage.advice import advise

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = ROOT / "examples" / "bundles"


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    main(argv)
    data = json.loads(capsys.readouterr().out)
    return data[0] if isinstance(data, list) else data


def _top(data: dict) -> dict:  # type: ignore[type-arg]
    return data["hypotheses"][0]  # type: ignore[no-any-return]


def test_a_commit_that_built_nothing_is_never_advised_again(capsys: pytest.CaptureFixture[str]) -> None:
    bundle = str(BUNDLES / "builder_or_scheduler_stuck.json")
    before = _top(_json(["diagnose", "--from", bundle, "-f", "json"], capsys))
    assert any("no-op commit" in s for s in before["next_steps"])  # the playbook step, when nothing is known
    after = _top(_json(["diagnose", "--from", bundle, "-f", "json", "--tried", "new-commit=no-build",
                        "--tried", "factory-rebuild=no-effect"], capsys))
    assert after["bucket"] == "builder_or_scheduler_stuck"
    assert not any("no-op commit" in s for s in after["next_steps"])
    assert not any(re.search(r"factory rebuild", s, re.I) for s in after["next_steps"])
    assert any("push no more commits" in s for s in after["next_steps"])


def test_with_repo_the_lint_findings_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({
        "id": "ann/api", "runtime_stage": "RUNTIME_ERROR",
        "error_message": "Launch timed out, workload was not healthy after 30 min",
        "run_log_excerpt": "INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)",
        "config": "sdk: docker\napp_port: 7860"}), encoding="utf-8")
    data = _json(["diagnose", "--from", str(case), "-f", "json", "--repo", str(ROOT / "examples" / "docker-fastapi-broken")],
                 capsys)
    top = _top(data)
    assert top["bucket"] == "port_or_bind_mismatch"
    steps = " ".join(top["next_steps"])
    assert "spacemedic lint" not in steps
    assert "SM300 app-port-mismatch" in steps and "SM301 server-binds-loopback" in steps
    assert "SM500" not in steps  # an apt finding does not bear on a port mismatch


def test_no_probe_advice_when_the_probe_answered(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(["diagnose", "--from", str(BUNDLES / "lifecycle_stuck_state.json"), "-f", "json"], capsys)
    lifecycle = next(h for h in data["hypotheses"] if h["bucket"] == "lifecycle_stuck_state")
    assert not any(s.lower().startswith("probe the direct") for s in lifecycle["next_steps"])


def test_advice_rules_are_pure() -> None:
    h = Hypothesis(Bucket.LIFECYCLE_STUCK_STATE, 0.6, Confidence.INFERRED, "x", evidence_for=("e",),
                   next_steps=("Probe the direct https://<subdomain>.hf.space URL and read the runtime API (stage, errorMessage).",
                               "Run `spacemedic lint` on the repo."))
    d = Diagnosis("a/b", (h,))
    probed = Signals(runtime_stage="APP_STARTING", observations=Observations(direct_url=DirectUrl.LOADS))
    (step, lint) = advise(d, probed).hypotheses[0].next_steps
    assert "already probed (it loads)" in step and lint.startswith("Run `spacemedic lint`")
    finding = Finding("SM300", "app-port-mismatch", Category.PORT, Severity.ERROR, "m", path="README.md", line=3)
    linted = Signals(runtime_stage="APP_STARTING", lint=(finding,), linted=True)
    # A port finding does not bear on a lifecycle problem: the lint step goes, nothing is invented.
    assert advise(d, linted).hypotheses[0].next_steps == (h.next_steps[0],)
    port = Hypothesis(Bucket.PORT_OR_BIND_MISMATCH, 0.6, Confidence.INFERRED, "x", next_steps=("Run `spacemedic lint` on the repo.",))
    (named,) = advise(Diagnosis("a/b", (port,)), linted).hypotheses[0].next_steps
    assert named == "Fix what the lint of your checkout found: SM300 app-port-mismatch (README.md:3)."
    clean = Signals(runtime_stage="APP_STARTING", linted=True)
    assert advise(Diagnosis("a/b", (port,)), clean).hypotheses[0].next_steps == ()


def test_report_fills_what_the_evidence_holds(capsys: pytest.CaptureFixture[str]) -> None:
    main(["report", "--from", str(BUNDLES / "builder_or_scheduler_stuck.json")])
    out = capsys.readouterr().out
    assert "- **Hardware (running):** none (not running)" in out
    assert "- **Other Spaces:** no other Spaces" in out
    assert "- **Commit running:** not running" in out
    assert "<fill in: whether your other Spaces are affected>" not in out


def test_report_on_a_gradio_space_asks_for_no_docker_fields(capsys: pytest.CaptureFixture[str]) -> None:
    main(["report", "--from", str(BUNDLES / "hardware_capacity.json"), "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["facts"]["sdk"] == "gradio"
    assert "app_port" not in data["body_markdown"] and "EXPOSE" not in data["body_markdown"]
    assert "README app_port" not in data["missing"] and "Dockerfile EXPOSE" not in data["missing"]


def test_report_timeline_is_sorted(capsys: pytest.CaptureFixture[str]) -> None:
    main(["report", "--from", str(BUNDLES / "moderation_lock.json")])
    out = capsys.readouterr().out
    section = out.split("## Request ids and times (UTC)", 1)[1].split("\n## ", 1)[0]
    stamps = re.findall(r"^- (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})", section, re.M)
    assert len(stamps) >= 3 and stamps == sorted(stamps)
