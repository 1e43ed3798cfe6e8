"""The GitHub Action (`action.yml`): valid metadata, and its shell steps run as a runner would run
them, with the runner's files (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) real and the annotations read
back from the log."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def _step(step_id_or_name: str) -> dict[str, Any]:
    for step in _action()["runs"]["steps"]:
        if step_id_or_name in (step.get("id"), step.get("name")):
            return dict(step)
    raise AssertionError(f"no step {step_id_or_name!r} in action.yml")


def _expand(value: str, inputs: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        expr = m.group(1)
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"the test does not know the expression {expr!r}: teach it")

    return EXPR.sub(one, value)


def _run_step(name: str, tmp: Path, **overrides: str) -> tuple[subprocess.CompletedProcess[str], str, str]:
    inputs = {k: str(v.get("default", "")) for k, v in _action()["inputs"].items()}
    inputs.update({k.replace("_", "-"): v for k, v in overrides.items()})
    step = _step(name)
    summary, output = tmp / "summary.md", tmp / "output.txt"
    summary.write_text("", encoding="utf-8")
    output.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GITHUB_"))}
    env.update({_expand(k, inputs): _expand(str(v), inputs) for k, v in step.get("env", {}).items()})
    env.update({
        "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
        "GITHUB_WORKSPACE": str(ROOT), "NO_COLOR": "1",
        # `python` and `spacemedic` as the install step leaves them on the runner's PATH
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    assert step["shell"] == "bash"
    proc = subprocess.run(["bash", "-e", "-c", _expand(step["run"], inputs)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    return proc, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


def test_action_metadata_is_valid_against_the_published_schema() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    if not checker.exists():
        pytest.skip("check-jsonschema is in the test extra")
    proc = subprocess.run([str(checker), "--builtin-schema", "vendor.github-actions", str(ACTION)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _action()["runs"]["using"] == "composite"


def test_no_input_is_spliced_into_a_script() -> None:
    # Inputs reach the shell through `env:` only: `${{ inputs.x }}` inside `run:` is script injection.
    for step in _action()["runs"]["steps"]:
        assert "inputs." not in step.get("run", ""), step.get("name")


def test_lint_step_on_a_broken_space_annotates_summarises_and_fails(tmp_path: Path) -> None:
    proc, summary, output = _run_step("spacemedic lint", tmp_path, path="examples/docker-fastapi-broken")
    assert proc.returncode == 1, proc.stderr
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::error ")]
    assert annotations, proc.stdout
    assert any("file=examples/docker-fastapi-broken/Dockerfile" in a for a in annotations)
    assert "| " in summary and "SM" in summary
    counts = dict(line.split("=", 1) for line in output.splitlines())
    assert int(counts["errors"]) == len(annotations) and int(counts["warnings"]) >= 1


def test_lint_step_passes_a_healthy_space_and_writes_sarif(tmp_path: Path) -> None:
    sarif = tmp_path / "out.sarif"
    proc, summary, output = _run_step("spacemedic lint", tmp_path, path="examples/gradio-healthy",
                                      upload_sarif="true", sarif_file=str(sarif))
    assert proc.returncode == 0, proc.stderr
    assert "::error " not in proc.stdout
    assert sarif.is_file() and '"version": "2.1.0"' in sarif.read_text(encoding="utf-8")
    assert "errors=0" in output and summary.strip()


def test_fail_on_warning_is_honoured(tmp_path: Path) -> None:
    proc, _, output = _run_step("spacemedic lint", tmp_path, path="examples/docker-streamlit-no-app-port",
                                fail_on="never")
    assert proc.returncode == 0, proc.stderr
    assert "errors=" in output
