"""Likelihoods read as honest confidence: fitted (not capped), summing to one, never 100 %, never
reordering causes, and a runner-up shown as such only with evidence of its own."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.hub.bundle import load_bundle
from spacemedic.models import Bucket, Confidence, Diagnosis, Signals
from spacemedic.render import diagnosis_human
from spacemedic.triage import diagnose
from spacemedic.triage.calibrate import Calibration, Scored, calibrated, fit, log_loss
from spacemedic.triage.fitted import FITTED
from spacemedic.triage.classify import _rank
from tests.conftest import EXAMPLES


def _check(signals: Signals) -> Diagnosis:
    d = diagnose(signals)
    likes = [h.likelihood for h in d.hypotheses]
    assert abs(sum(likes) - 1.0) < 1e-6
    assert likes == sorted(likes, reverse=True)
    for h in d.hypotheses:
        ceiling = FITTED.ceiling_stated if h.confidence is Confidence.STATED else FITTED.ceiling_inferred
        assert h.likelihood <= max(ceiling, 0.5) + 1e-9
    return d


def test_bundled_examples_are_calibrated() -> None:
    for path in sorted((EXAMPLES / "bundles").glob("*.json")):
        _check(load_bundle(path).to_signals())


def test_shipped_likelihoods_never_read_as_certain() -> None:
    assert FITTED.ceiling_inferred < 1.0 and FITTED.ceiling_stated < 1.0
    assert FITTED.inferred > 0 and FITTED.stated > 0


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(list(Bucket)), st.floats(-20, 20), min_size=1),
       st.floats(0.1, 10), st.floats(0.55, 1.0))
def test_rank_keeps_the_order_of_the_scores(raw: dict[Bucket, float], temperature: float, ceiling: float) -> None:
    scores = {b: raw.get(b, 0.0) for b in Bucket}
    cal = Calibration(inferred=temperature, ceiling_inferred=ceiling)
    ranked = _rank(scores, stated=set(), calibration=cal)
    assert abs(sum(p for _, p in ranked) - 1.0) < 1e-6
    assert scores[ranked[0][0]] >= max(scores.values()) - 1e-9
    assert ranked[0][1] <= ceiling + 1e-9
    assert len(ranked) >= 2, "the remainder of a capped top always goes somewhere visible"
    order = [b for b, _ in ranked]
    assert all(scores[a] >= scores[b] - 1e-9 for a, b in zip(order, order[1:]))
    json.dumps([(b.value, p) for b, p in ranked])


def _item(top: Bucket, margin: float, truth: Bucket) -> Scored:
    scores = {b: 0.0 for b in Bucket}
    scores[top] = margin
    return Scored(scores, frozenset(), truth)


def test_fit_softens_an_overconfident_scorer() -> None:
    """Scores that put a 6-nat margin on a top that is right only 60 % of the time get a higher
    temperature and a ceiling near 60 %, and the fit lowers the log loss."""
    wrong = Bucket.APP_CRASH_AT_STARTUP
    items = [_item(Bucket.OUT_OF_MEMORY, 6.0, Bucket.OUT_OF_MEMORY) for _ in range(30)]
    items += [_item(Bucket.OUT_OF_MEMORY, 6.0, wrong) for _ in range(20)]
    cal = fit(items)
    assert cal.inferred > 1.0
    assert log_loss(items, cal) < log_loss(items, Calibration())
    top = calibrated(items[0], cal)[Bucket.OUT_OF_MEMORY]
    assert 0.45 < top < 0.75, top


def test_fit_sharpens_an_underconfident_scorer() -> None:
    items = [_item(Bucket.OUT_OF_MEMORY, 1.0, Bucket.OUT_OF_MEMORY) for _ in range(40)]
    cal = fit(items)
    assert cal.inferred < 1.0
    assert log_loss(items, cal) < log_loss(items, Calibration())
    assert cal.ceiling_inferred < 1.0


def test_runner_up_without_evidence_is_grouped_apart() -> None:
    """A stage alone puts causes on the list by base rate; they are flagged and shown apart."""
    d = diagnose(Signals(runtime_stage="RUNTIME_ERROR", error_message="Memory limit exceeded (16Gi)"))
    assert d.top is not None and d.top.bucket is Bucket.OUT_OF_MEMORY and d.top.direct_evidence
    assert d.also_possible, "the other stage-common causes are still listed"
    assert all(not h.direct_evidence for h in d.also_possible)
    for h in d.to_dict()["hypotheses"][1:]:
        assert h["direct_evidence"] is False
    text = diagnosis_human.render(d)
    assert "Also possible, no direct evidence" in text
    assert "2. " not in text, "no runner-up is numbered without evidence of its own"


def test_runner_up_with_its_own_evidence_is_ranked() -> None:
    d = diagnose(Signals(runtime_stage="RUNTIME_ERROR",
                         run_log="Traceback (most recent call last):\nModuleNotFoundError: No module named 'x'\n"
                                 "PermissionError: [Errno 13] Permission denied: '/data'"))
    backed = [h.bucket for h in d.backed]
    assert Bucket.DEPENDENCY_INSTALL_FAILURE in backed and Bucket.PERMISSION_OR_FILESYSTEM in backed


def test_a_stage_alone_is_said_to_be_no_direct_evidence() -> None:
    d = diagnose(Signals(id="x", runtime_stage="RUNTIME_ERROR"))
    assert d.top is not None and not d.top.direct_evidence
    assert d.to_dict()["hypotheses"][0]["direct_evidence"] is False
    assert "No direct evidence for any cause" in diagnosis_human.render(d)
