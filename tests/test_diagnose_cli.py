"""`spacemedic diagnose` through main() and as a real process: formats, exit codes, flags."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spacemedic.cli import main
from tests.conftest import ROOT, SHARED, write_tree

CASES = SHARED / "cases" / "dev.jsonl"
SCORER = SHARED / "tools" / "score_cases.py"

OOM = {"id": "oom-1", "runtime_stage": "RUNTIME_ERROR", "error_message": "Memory limit exceeded (16Gi)",
       "observations": {"hub_page_state": "Runtime error"}, "bucket": "ignored", "root_cause": "ignored"}
PAUSED = {"id": "paused-1", "runtime_stage": "PAUSED", "observations": {}}


def _spacemedic() -> str:
    exe = Path(sys.executable).parent / "spacemedic"
    return str(exe) if exe.exists() else "spacemedic"


@pytest.mark.skipif(not (CASES.exists() and SCORER.exists()), reason="../shared cases not present")
def test_dev_cases_meet_the_thresholds_through_the_real_cli() -> None:
    cmd = f"{_spacemedic()} diagnose --from {{input}} --format jsonl"
    proc = subprocess.run([sys.executable, str(SCORER), str(CASES), "--cmd", cmd],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    m = re.search(r"top1 (\d+)/(\d+) .*?top3 (\d+)/(\d+)", last)
    assert m, last
    top1, n, top3, n3 = (int(g) for g in m.groups())
    assert top1 / n >= 0.85, last
    assert top3 / n3 >= 0.95, last


def test_jsonl_one_object_per_line_with_bad_lines_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cases.jsonl"
    f.write_text(json.dumps(OOM) + "\n{not json\n\n[1, 2]\n" + json.dumps(PAUSED) + "\n", encoding="utf-8")
    # Some records bad: the good ones are still diagnosed and printed, and the exit code is 2.
    assert main(["diagnose", "--from", str(f), "--format", "jsonl"]) == 2
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in rows] == ["oom-1", None, None, "paused-1"]
    assert rows[0]["hypotheses"][0]["bucket"] == "out_of_memory"
    assert rows[0]["hypotheses"][0]["confidence"] == "stated"
    assert {"bucket", "likelihood", "confidence"} <= set(rows[3]["hypotheses"][0])
    assert rows[1]["line"] == 2 and "line 2" in err and "line 4" in err
    assert err.splitlines()[-1].endswith("2 record(s) could not be read; the other 2 were diagnosed")


def test_json_object_file_and_list_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "case.json"
    one.write_text(json.dumps(OOM), encoding="utf-8")
    assert main(["diagnose", "--from", str(one), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "spacemedic.diagnosis/1" and data["id"] == "oom-1"
    many = tmp_path / "cases.json"
    many.write_text(json.dumps([OOM, PAUSED]), encoding="utf-8")
    assert main(["diagnose", "--from", str(many), "--format", "json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["oom-1", "paused-1"]


def test_human_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "case.json"
    f.write_text(json.dumps(OOM), encoding="utf-8")
    assert main(["diagnose", "--from", str(f)]) == 0
    out = capsys.readouterr().out
    assert "1. out of memory" in out and "stated" in out and "Could not be checked" in out
    assert "\x1b[" not in out  # no colour when not a TTY
    assert main(["diagnose", "--from", str(f), "-f", "markdown"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# spacemedic diagnose") and "| 1 | out of memory |" in md


def test_nothing_readable_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text("nope\n", encoding="utf-8")
    assert main(["diagnose", "--from", str(f), "--format", "jsonl"]) == 2
    assert main(["diagnose", "--from", str(tmp_path / "missing.json")]) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["diagnose", "--from", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("spacemedic: error:") == 3


def test_target_with_an_unreachable_hub_is_a_clear_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["diagnose", "owner/space", "--token", "hf_abcdefghijklmnopqrstuvwxyz0123456789",
            "--endpoint", "http://127.0.0.1:9", "--status-url", "http://127.0.0.1:9/index.json", "--timeout", "3"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "could not read anything about owner/space" in err and "hf_abcdefghij" not in err
    assert main(["diagnose", "not a space"]) == 2
    assert "not a Space" in capsys.readouterr().err
    assert main(["diagnose"]) == 2


def test_tried_flags_change_the_ranking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "case.json"
    f.write_text(json.dumps(PAUSED), encoding="utf-8")
    assert main(["diagnose", "--from", str(f), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["hypotheses"][0]["bucket"] == "normal_sleep_or_pause"
    args = ["diagnose", "--from", str(f), "-f", "json", "--tried", "restart=failed", "--tried", "factory-rebuild=no-effect",
            "--tried", "new-commit=no-build", "--in-stage-since", "2d", "--other-users-affected", "no"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hypotheses"][0]["bucket"] == "lifecycle_stuck_state"
    assert data["minutes_in_stage"] == 2880
    assert main(["diagnose", "--from", str(f), "--tried", "restart=maybe"]) == 2
    assert main(["diagnose", "--from", str(f), "--in-stage-since", "soon"]) == 2
    assert "restart" in capsys.readouterr().err


def test_repo_lint_findings_feed_the_ranking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = write_tree(tmp_path / "space", {"README.md": "# no front matter\n", "app.py": "print('hi')\n"})
    f = tmp_path / "case.json"
    f.write_text(json.dumps({"id": "x", "runtime_stage": None}), encoding="utf-8")
    assert main(["diagnose", "--from", str(f), "--repo", str(repo), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hypotheses"][0]["bucket"] == "config_error_yaml"
    assert any(fact.startswith("lint SM001") for fact in data["facts"])


def test_broken_bundle_is_a_clear_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bundle.json"
    f.write_text('{"schema": "spacemedic.bundle/1", "runtime": ', encoding="utf-8")
    assert main(["diagnose", "--from", str(f)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.splitlines()[-1].startswith("spacemedic: error:")


def test_diagnose_runs_as_a_real_process(tmp_path: Path) -> None:
    f = tmp_path / "case.jsonl"
    f.write_text(json.dumps(OOM) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "spacemedic", "diagnose", "--from", str(f), "--format", "jsonl"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["hypotheses"][0]["bucket"] == "out_of_memory"
