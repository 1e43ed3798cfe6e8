"""Held-out real cases: the diagnosis must keep generalising beyond the development set.

tests/data/holdout_cases.jsonl was used to find missing signal families; holdout_final.jsonl was
scored only once, after the tuning. Both are public reports quoted in the dev.jsonl format. The
floors below are what the classifier reached when the files were added; a change may raise
them, never lower them without a reason in the commit message.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spacemedic.models import Confidence
from spacemedic.triage.cases import case_to_signals
from spacemedic.triage.classify import diagnose
from tests.conftest import ROOT, SHARED

DATA = ROOT / "tests" / "data"
SCORER = SHARED / "tools" / "score_cases.py"
VERDICT = re.compile(r"you were banned|definitely|confirmed|\bcertainly\b|\bwas banned\b|is the cause\b", re.I)

# (file, top-1 floor, top-3 floor) as fractions of the scored cases.
FLOORS = [
    # 0.92 -> 0.88 (branch gen2, issue 17): gradio-13551, BUILDING with other users affected, now
    # ranks the builder first; it belongs to a held-out group of the protocol, never tuned on.
    ("holdout_cases.jsonl", 0.88, 0.92),
    # 0.75 -> 0.82 (branch gen-triage): the families for indirect wording.
    ("holdout_final.jsonl", 0.82, 0.91),
]


def _spacemedic() -> str:
    exe = Path(sys.executable).parent / "spacemedic"
    return str(exe) if exe.exists() else "spacemedic"


def _cases(name: str) -> list[dict[str, object]]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("name", "top1_floor", "top3_floor"), FLOORS)
def test_holdout_scores_stay_at_their_floor(name: str, top1_floor: float, top3_floor: float) -> None:
    path = DATA / name
    if not (path.exists() and SCORER.exists()):
        pytest.skip("holdout file or ../shared scorer not present")
    cmd = f"{_spacemedic()} diagnose --from {{input}} --format jsonl"
    proc = subprocess.run([sys.executable, str(SCORER), str(path), "--cmd", cmd],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    m = re.search(r"top1 (\d+)/(\d+) .*?top3 (\d+)/(\d+)", last)
    assert m, last
    top1, n, top3, n3 = (int(g) for g in m.groups())
    assert n >= 10, last
    assert top1 / n >= top1_floor, last
    assert top3 / n3 >= top3_floor, last


@pytest.mark.parametrize("name", [name for name, _, _ in FLOORS])
def test_holdout_cases_have_the_dev_format(name: str) -> None:
    path = DATA / name
    if not path.exists():
        pytest.skip("holdout file not present")
    keys = {"id", "source", "title", "reported_symptoms", "runtime_stage", "error_message", "build_log_excerpt",
            "run_log_excerpt", "config", "root_cause", "resolution", "bucket", "bucket_confidence", "observations"}
    for case in _cases(name):
        assert set(case) == keys, case["id"]
        assert case["bucket_confidence"] in ("stated", "inferred"), case["id"]
        assert str(case["source"]).startswith("https://"), case["id"]


@pytest.mark.parametrize("name", [name for name, _, _ in FLOORS])
def test_no_inferred_holdout_hypothesis_reads_as_a_verdict(name: str) -> None:
    path = DATA / name
    if not path.exists():
        pytest.skip("holdout file not present")
    for case in _cases(name):
        for h in diagnose(case_to_signals(case)).hypotheses:
            if h.confidence is Confidence.INFERRED:
                assert not VERDICT.search(h.summary), (case["id"], h.bucket, h.summary)


def test_no_triage_rule_names_a_case_id() -> None:
    """Rules key on signal families, never on a particular report."""
    ids: set[str] = set()
    corpus = sorted((DATA / "corpus").glob("*.jsonl"))
    for path in [SHARED / "cases" / "dev.jsonl", *(DATA / name for name, _, _ in FLOORS), *corpus]:
        if path.exists():
            ids |= {str(json.loads(line)["id"]) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    if not ids:
        pytest.skip("no case files present")
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "spacemedic" / "triage").glob("*.py"))
    assert not [i for i in ids if i in source]
