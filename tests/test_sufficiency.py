"""Evidence sufficiency: how much was seen, at the top of every output; no ranking without evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.models import EvidenceLevel, Observations, Signals, SourceState
from spacemedic.testing import FakeHub, load_scenario
from spacemedic.triage import diagnose
from spacemedic.triage.cases import parse_cases
from tests.hubkit import FAST, run_cli

DEV = Path(__file__).resolve().parents[2] / "shared" / "cases" / "dev.jsonl"


def _write(tmp_path: Path, data: object, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_file_without_evidence_gets_no_ranking_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"x": 1})
    assert main(["diagnose", "--from", str(path)]) == 2
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("Evidence: 0 of 6 sources described in the input")
    assert "Not enough evidence to rank causes" in out and "Collect next:" in out
    assert "dependency_install_failure" not in out and "1. " not in out
    assert main(["diagnose", "--from", str(path), "-f", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["hypotheses"] == [] and data["evidence"]["level"] == "none" and data["evidence"]["collect_next"]


def test_report_refuses_a_cause_it_cannot_support(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"x": 1})
    assert main(["report", "--from", str(path)]) == 2
    out = capsys.readouterr().out
    assert "not enough evidence to name a cause" in out and "needs-evidence" in out
    assert "suspected" not in out and "dependency" not in out
    assert main(["report", "--from", str(path), "-f", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["route"] == "needs-evidence" and data["bucket"] is None


def test_a_stage_alone_is_ranked_as_base_rates_but_not_reported_as_a_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, {"id": "a/b", "runtime_stage": "RUNTIME_ERROR"})
    assert main(["diagnose", "--from", str(path)]) == 0
    out = capsys.readouterr().out
    assert "only the stage is known" in out and "1. " in out
    assert main(["report", "--from", str(path)]) == 2
    out = capsys.readouterr().out
    assert "not enough evidence to name a cause" in out and "(stage RUNTIME_ERROR)" in out


def test_a_stage_that_names_its_cause_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {"id": "a/b", "runtime_stage": "SLEEPING"})
    assert main(["report", "--from", str(path)]) == 0
    assert "nothing-to-report" in capsys.readouterr().out


def test_levels() -> None:
    assert diagnose(Signals()).evidence.level is EvidenceLevel.NONE  # type: ignore[union-attr]
    assert diagnose(Signals(runtime_stage="BUILDING")).evidence.level is EvidenceLevel.STAGE_ONLY  # type: ignore[union-attr]
    with_obs = Signals(runtime_stage="BUILDING", observations=Observations(other_spaces_affected=False))
    assert diagnose(with_obs).evidence.level is EvidenceLevel.SOME  # type: ignore[union-attr]
    # An observation without a stage is evidence too: a ranking, not "not enough evidence".
    assert diagnose(Signals(observations=Observations(other_spaces_affected=True))).hypotheses


@pytest.mark.skipif(not DEV.exists(), reason="the shared dev cases are not beside this checkout")
def test_only_truly_empty_dev_cases_are_insufficient() -> None:
    for item in parse_cases(DEV.read_text(encoding="utf-8"), jsonl=True):
        if not isinstance(item, Signals):
            continue
        d = diagnose(item)
        if not d.sufficient:
            assert d.evidence is not None and d.evidence.known == (), item.id


def test_every_source_timing_out_is_not_enough_evidence_and_no_log_reads_empty(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_hang_everything")) as hub:
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, "-f", "json", *FAST], hub.url, tmp_path)
    assert run.code == 2, run.stderr
    data = json.loads(run.stdout)
    assert data["hypotheses"] == [] and data["evidence"]["level"] == "none"
    states = {s["source"]: s["state"] for s in data["evidence"]["sources"]}
    assert states["runtime"] == states["build logs"] == states["run logs"] == SourceState.TIMED_OUT.value
    assert "empty" not in states.values()
    assert not any("build logs: empty" in f for f in data["facts"])
