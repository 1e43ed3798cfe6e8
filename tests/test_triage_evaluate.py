"""The evaluation protocol and the README figures, recomputed from the committed cases.

Split by source group (hash of the group key), k-fold cross-validation over groups on the
tuning part, a held-out part never tuned on. The floors are the figures reached when they were
set (README "How good is the diagnosis"); a change may raise them, never lower them without a
reason in the commit message.
"""

from __future__ import annotations

import glob
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.casefiles import read_labelled
from spacemedic.models import Bucket
from spacemedic.triage.calibrate import log_loss
from spacemedic.triage.fitted import FITTED
from spacemedic.triage.evaluate import DEFAULT_GLOBS, evaluate, prepare
from spacemedic.triage.protocol import FOLDS, fold_of, group_key, is_held_out, split
from tests.conftest import ROOT, SHARED

# (figure, floor) of the committed corpus; see the module docstring.
# Raised with the signal families for indirect wording (branch gen-triage, issue 17), on the
# corpus grown by the gathered3 cases (branch gen-corpus): CV 0.84/0.90 -> 0.84/0.91, held-out
# 0.61/0.73 -> 0.71/0.84, log losses 0.85/1.80 -> 0.80/1.40, Brier 0.30 -> 0.27.
# RUNNING Docker Spaces no longer take the Dockerfile-side SDK factor (branch triage3): CV top-3
# 239 -> 240 of 260 (0.919 -> 0.923), everything else unchanged.
# Re-based when the 43 gathered4 cases landed (13 in held-out groups; the held-out part went
# from 68 to 81 cases): held-out 0.750/0.853 on the old 68 -> 0.728/0.827 on the 81, log loss
# 1.258 -> 1.429; cross-validated 0.85/0.92 on 290 cases. The floors follow the new part, so a
# change that costs a held-out case still fails.
# Then raised with the base rates for a report with no stage and the 8 gathered5 cases
# (388 cases): cross-validated 0.854/0.936, log loss 0.678; held-out 0.735/0.843, log loss 1.334.
# Session 6 (bot-evasion and ZeroGPU-worker families, the SDK read from a quoted Dockerfile or a
# server run as the command, the proxy's error page as a failed stage, one label made consistent):
# cross-validated 0.861/0.953, log loss 0.594; held-out unchanged at 0.735/0.843, log loss 1.333.
CV_TOP1, CV_TOP3 = 0.855, 0.95
HELD_TOP1, HELD_TOP3 = 0.73, 0.84
CV_LOG_LOSS_MAX, CV_BRIER_MAX = 0.64, 0.24
HELD_LOG_LOSS_MAX = 1.38
DEV_TOP1 = 0.90


def _corpus() -> list[dict[str, Any]]:
    files = sorted(f for g in DEFAULT_GLOBS for f in glob.glob(str(ROOT / g)))
    if not files:
        pytest.skip("no committed case files")
    return read_labelled(files, ())


@pytest.mark.parametrize(("source", "key"), [
    ("https://github.com/Owner/Repo/issues/12", "github.com/owner/repo"),
    ("https://github.com/owner/repo/blob/HEAD/docs/FIX.md", "github.com/owner/repo"),
    ("https://github.com/a/b/issues/1 ; https://github.com/a/b/pull/2", "github.com/a/b"),
    ("https://discuss.huggingface.co/t/some-title/177164#post_2", "discuss.huggingface.co/t/177164"),
    ("https://discuss.huggingface.co/t/renamed-title/177164/3", "discuss.huggingface.co/t/177164"),
    ("https://huggingface.co/spaces/Alice/Demo/discussions/4", "huggingface.co/spaces/alice/demo"),
    ("https://huggingface.co/spaces/1aurent/X (page snapshot)", "huggingface.co/spaces/1aurent/x"),
    ("https://stackoverflow.com/questions/123/why", "stackoverflow.com/questions/123"),
    ("notes, no url", "text:notes, no url"),
])
def test_group_key_names_the_thread_or_repository(source: str, key: str) -> None:
    assert group_key(source) == key


def test_one_source_group_is_never_on_both_sides() -> None:
    cases = [{"id": f"c{i}", "source": f"https://github.com/o/r{i % 7}/issues/{i}", "bucket": "other"} for i in range(70)]
    parts = split(cases)
    held = {group_key(c["source"]) for c in parts.held_out}
    tune = {group_key(c["source"]) for _, c in parts.tuning}
    assert not held & tune
    folds: dict[str, set[int]] = {}
    for fold, case in parts.tuning:
        folds.setdefault(group_key(case["source"]), set()).add(fold)
    assert all(len(f) == 1 for f in folds.values())


def test_split_is_deterministic_and_roughly_one_in_five() -> None:
    keys = [f"github.com/o/r{i}" for i in range(2000)]
    share = sum(is_held_out(k) for k in keys) / len(keys)
    assert 0.15 < share < 0.25
    assert [is_held_out(k) for k in keys] == [is_held_out(k) for k in keys]
    counts = [sum(fold_of(k) == f for k in keys if not is_held_out(k)) for f in range(FOLDS)]
    assert min(counts) > 0.7 * max(counts)


def test_committed_corpus_figures_stay_at_their_floors() -> None:
    ev = evaluate(_corpus())
    print(f"\ncross-validated: n={ev.cv.n} top-1 {ev.cv.top1:.3f} top-3 {ev.cv.top3:.3f} "
          f"ECE {ev.cv.ece:.3f} Brier {ev.cv.brier:.3f} log loss {ev.cv.log_loss:.3f}")
    print(f"held-out:        n={ev.held.n} top-1 {ev.held.top1:.3f} top-3 {ev.held.top3:.3f} "
          f"ECE {ev.held.ece:.3f} Brier {ev.held.brier:.3f} log loss {ev.held.log_loss:.3f}")
    assert ev.cv.top1 >= CV_TOP1 and ev.cv.top3 >= CV_TOP3
    assert ev.held.top1 >= HELD_TOP1 and ev.held.top3 >= HELD_TOP3
    assert ev.cv.log_loss <= CV_LOG_LOSS_MAX and ev.cv.brier <= CV_BRIER_MAX
    assert ev.held.log_loss <= HELD_LOG_LOSS_MAX
    assert sum(b.n for b in ev.cv.bins) == ev.cv.n


def test_shipped_calibration_is_the_one_the_corpus_fits() -> None:
    """calibrate.FITTED was fitted on the tuning part: refitting may move it a little as cases
    are added, but its log loss on the tuning part stays within 0.1 nats of the refit."""
    cases = _corpus()
    ev = evaluate(cases)
    items = [c.item for _, raw in split(cases).tuning if (c := prepare(raw)) is not None]
    assert log_loss(items, FITTED) <= log_loss(items, ev.fitted) + 0.1


def test_dev_cases_stay_at_ninety_percent() -> None:
    dev = SHARED / "cases" / "dev.jsonl"
    if not dev.exists():
        pytest.skip("../shared/cases/dev.jsonl not present")
    scored = [c for raw in read_labelled([str(dev)], ()) if (c := prepare(raw)) and c.item.truth is not Bucket.OTHER]
    top1 = sum(c.item.top is c.item.truth for c in scored) / len(scored)
    assert top1 >= DEV_TOP1, top1


def test_evaluate_cli_prints_the_tables_and_the_held_out_misses(tmp_path: Path) -> None:
    kinds = [("out_of_memory", "Memory limit exceeded (16Gi)"),
             ("hardware_capacity", "Scheduling failure: not enough hardware capacity")]
    rows = []
    for i in range(40):
        source = f"https://github.com/o/r{i}/issues/1"
        # Held-out groups get a label the evidence contradicts, so there are misses to print.
        bucket, msg = ("app_crash_at_startup", kinds[0][1]) if is_held_out(group_key(source)) else kinds[i % 2]
        rows.append({"id": f"c{i}", "source": source, "bucket": bucket, "bucket_confidence": "stated",
                     "runtime_stage": "RUNTIME_ERROR", "error_message": msg, "observations": {}})
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "spacemedic.triage.evaluate", str(path)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    for heading in ("protocol:", "cross-validated (tuning part):", "per bucket", "reliability of the top-1",
                    "confusion (rows: true bucket", "held-out:", "held-out misses"):
        assert heading in proc.stdout
    misses = proc.stdout.split("held-out misses")[1]
    assert "truth app_crash_at_startup" in misses and "Memory limit exceeded" in misses
    assert "cross-validated misses" not in proc.stdout
    # --cv-misses adds the tuning part's misses (here: none, its labels fit the evidence).
    cv = subprocess.run([sys.executable, "-m", "spacemedic.triage.evaluate", "--cv-misses", str(path)],
                        capture_output=True, text=True, check=False, cwd=ROOT)
    assert cv.returncode == 0 and "cross-validated misses (0):" in cv.stdout
    # --robustness rewrites the same evidence (wrappings, other headings) and counts what moved.
    rob = subprocess.run([sys.executable, "-m", "spacemedic.triage.evaluate", "--robustness", str(path)],
                         capture_output=True, text=True, check=False, cwd=ROOT)
    assert rob.returncode == 0, rob.stderr
    assert "ANSI colours" in rob.stdout and "error message filed as run log" in rob.stdout
    crlf = next(line for line in rob.stdout.splitlines() if "CRLF line ends" in line)
    assert "  40 cases" in crlf and crlf.rstrip().endswith("moved   0")


def test_evaluate_cli_refuses_unreadable_input_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    for args in ([str(bad)], [str(tmp_path / "missing.jsonl")]):
        proc = subprocess.run([sys.executable, "-m", "spacemedic.triage.evaluate", *args],
                              capture_output=True, text=True, check=False, cwd=ROOT)
        assert proc.returncode == 2
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_group_key_reads_any_source_text(source: str) -> None:
    key = group_key(source)
    assert isinstance(key, str) and key
    assert isinstance(is_held_out(key), bool) and 0 <= fold_of(key) < FOLDS
