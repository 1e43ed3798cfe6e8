"""Likelihoods read as honest confidence: capped, summing to one, and never reordering causes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.hub.bundle import load_bundle
from spacemedic.models import Bucket, Confidence, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.classify import CAP_INFERRED, CAP_STATED, _rank
from tests.conftest import EXAMPLES


def _check(signals: Signals) -> None:
    d = diagnose(signals)
    likes = [h.likelihood for h in d.hypotheses]
    assert abs(sum(likes) - 1.0) < 1e-6
    assert likes == sorted(likes, reverse=True)
    for h in d.hypotheses:
        assert h.likelihood <= (CAP_STATED if h.confidence is Confidence.STATED else CAP_INFERRED) + 1e-9


def test_bundled_examples_are_calibrated() -> None:
    for path in sorted((EXAMPLES / "bundles").glob("*.json")):
        _check(load_bundle(path).to_signals())


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(list(Bucket)), st.floats(-20, 20), min_size=1))
def test_rank_keeps_the_order_of_the_scores(raw: dict[Bucket, float]) -> None:
    scores = {b: raw.get(b, 0.0) for b in Bucket}
    ranked = _rank(scores, stated=set())
    assert abs(sum(p for _, p in ranked) - 1.0) < 1e-6
    top_score = max(scores.values())
    assert scores[ranked[0][0]] >= top_score - 1e-9
    assert ranked[0][1] <= CAP_INFERRED + 1e-9
    assert len(ranked) >= 2, "the remainder of a capped top always goes somewhere visible"
    json.dumps([(b.value, p) for b, p in ranked])
