"""Calibrated wording: an inferred cause is a resemblance, never a verdict."""

from __future__ import annotations

import json
import re

import pytest

from spacemedic.models import Bucket, Confidence, Observations, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.cases import case_to_signals
from spacemedic.triage.playbook import PLAYBOOK
from tests.conftest import SHARED

VERDICT = re.compile(r"you were banned|definitely|confirmed|\bcertainly\b|\bwas banned\b|is the cause\b", re.I)
CASES = SHARED / "cases" / "dev.jsonl"


def test_playbook_inferred_voice() -> None:
    for bucket, play in PLAYBOOK.items():
        assert not VERDICT.search(play.inferred), bucket
        assert play.inferred.lower().startswith(("resembles", "does not resemble")), bucket


def _all_signals() -> list[Signals]:
    from tests.test_triage_buckets import CASES as SYNTHETIC

    out = [s for _, s, _, _ in SYNTHETIC]
    if CASES.exists():
        out += [case_to_signals(json.loads(line)) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@pytest.mark.parametrize("signals", _all_signals())
def test_no_inferred_hypothesis_reads_as_a_verdict(signals: Signals) -> None:
    for h in diagnose(signals).hypotheses:
        if h.confidence is Confidence.INFERRED:
            assert not VERDICT.search(h.summary), (h.bucket, h.summary)
            assert h.summary == PLAYBOOK[h.bucket].inferred


def test_moderation_is_stated_only_on_platform_wording() -> None:
    guess = diagnose(Signals(runtime_stage="PAUSED", observations=Observations(other_spaces_affected=True)))
    mod = next(h for h in guess.hypotheses if h.bucket is Bucket.MODERATION_LOCK)
    assert mod.confidence is Confidence.INFERRED and "only Hugging Face can tell" in mod.summary
    flagged = diagnose(Signals(runtime_stage="PAUSED", error_message="Flagged as abusive"))
    assert flagged.top is not None and flagged.top.bucket is Bucket.MODERATION_LOCK
    assert flagged.top.confidence is Confidence.STATED
