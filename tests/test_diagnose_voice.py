"""diagnose and report as a person reads them: each line once, words instead of internal names,
the scoring only when asked for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.models import Bucket
from spacemedic.testing import FakeHub, load_scenario
from tests.conftest import EXAMPLES
from tests.hubkit import FAST, run_cli


def _sources(text: str) -> list[str]:
    block = text.split("Could not be checked", 1)[1]
    return [line.strip()[2:].split(":", 1)[0] for line in block.splitlines() if line.strip().startswith("- ")]


def test_each_unchecked_source_is_listed_once_with_one_reason_and_not_echoed(tmp_path: Path) -> None:
    with FakeHub(load_scenario("out_of_memory")) as hub:
        saved = run_cli(["collect", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path, token=None)
        live = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path, token=None)
    bundle = tmp_path / "b.json"
    bundle.write_text(saved.stdout, encoding="utf-8")
    offline = run_cli(["diagnose", "--from", str(bundle)], "http://127.0.0.1:9", tmp_path)
    for run in (live, offline):
        assert run.code == 0, run.stderr
        sources = _sources(run.stdout)
        assert "build logs" in sources and len(sources) == len(set(s.lower() for s in sources)), sources
        assert "not available" not in run.stdout  # the collector's reason (401 ...) is the one kept
        assert "unavailable:" not in run.stderr  # the body lists them; stderr does not repeat them


def test_human_output_has_no_internal_names_or_scoring(tmp_path: Path) -> None:
    path = str(EXAMPLES / "bundles" / "lifecycle_stuck_state.json")
    run = run_cli(["diagnose", "--from", path], "http://127.0.0.1:9", tmp_path)
    out = run.stdout
    assert "has_output" not in out and "queued_only" not in out
    assert [b.value for b in Bucket if "_" in b.value and b.value in out] == []  # titles, not ids
    assert "(+" not in out and "path:" not in out
    assert out.count("stage: APP_STARTING") == 1 and out.count("5.0 h") == 1 and " min (startup" not in out
    assert "1. Space stuck between states (lifecycle)" in out
    verbose = run_cli(["diagnose", "--from", path, "-v"], "http://127.0.0.1:9", tmp_path).stdout
    assert "path:" in verbose and "(+" in verbose
    data = json.loads(run_cli(["diagnose", "--from", path, "-f", "json"], "http://127.0.0.1:9", tmp_path).stdout)
    assert data["hypotheses"][0]["bucket"] == "lifecycle_stuck_state" and data["hypotheses"][0]["path"]


def test_no_line_repeats_within_the_header_or_a_cause(capsys: pytest.CaptureFixture[str]) -> None:
    """Evidence lines and decision-path steps are said once per block (a cause may share a line
    of evidence with another cause, not with itself), with and without --verbose."""
    for bundle in sorted((EXAMPLES / "bundles").glob("*.json")):
        for extra in ([], ["-v"]):
            main(["diagnose", "--from", str(bundle), "--no-color", *extra])
            out = capsys.readouterr().out
            blocks = re.split(r"\n(?=\d+\. )", out)
            for block in blocks:
                lines = [line.strip() for line in block.splitlines() if line.strip()]
                repeated = sorted({line for line in lines if lines.count(line) > 1})
                assert repeated == [], (bundle.name, extra, repeated)
