"""From scores to likelihoods: a temperature fitted to real cases, not a cap.

The classifier adds log-odds (priors, signature weights, combination weights) written by hand, so
its raw softmax is over-confident where several rows stack up and under-confident where one
weak row decides. Per voice of the top cause (`stated` when the platform names it, `inferred`
when it has evidence of its own, `base` when only the stage's base rate puts it first) two
numbers are learned from real cases:

    p(bucket) = softmax(score / T)      the temperature T, by the lowest Brier score;
    p(top)   <= ceiling                  the top-1 accuracy seen among the confident training cases,
                                         Laplace-smoothed ((right + 1) / (n + 2)): a likelihood never
                                         claims more than the cases have shown, and never 100 %.

The remainder of a lowered top goes to the other causes in proportion, so the order never
changes. Six numbers only, so a few hundred cases fit them without fitting the cases themselves.
(Stage priors learned from the cases were tried and left out: on cross-validation they ranked
no better than the hand table of priors.py, and they pushed cases that show nothing towards the
buckets that do leave a mark when present.) `python -m spacemedic.triage.evaluate --fit` prints
them; fitted.py holds the values fitted on the tuning part of the committed corpus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping, Sequence

from spacemedic.models import Bucket

# Probabilities below this are clipped when scoring a log loss, so one confident miss costs a
# bounded amount (ln 10^6 ~ 13.8 nats) instead of infinity.
EPS = 1e-6
FLOOR = 0.01  # causes below this likelihood are not listed (a bucket not listed counts as 0)
CONFIDENT = 0.9  # top likelihood from which a case counts towards the ceiling
_GRID = tuple(round(0.25 * 1.08**i, 4) for i in range(48))  # 0.25 .. ~9.3, 8 % steps


@dataclass(frozen=True)
class Calibration:
    """A temperature and a ceiling for each voice of the top cause."""

    inferred: float = 1.0
    stated: float = 1.0
    base: float = 1.0
    ceiling_inferred: float = 1.0
    ceiling_stated: float = 1.0
    ceiling_base: float = 1.0

    def temperature(self, voice: str) -> float:
        return float(getattr(self, voice))

    def ceiling(self, voice: str) -> float:
        return float(getattr(self, "ceiling_" + voice))


VOICES = ("stated", "inferred", "base")


@dataclass(frozen=True)
class Scored:
    """One case's raw scores, the buckets the platform names, and (for fitting) the true bucket."""

    scores: Mapping[Bucket, float]
    stated: frozenset[Bucket]
    truth: Bucket | None = None
    direct: frozenset[Bucket] | None = None  # buckets with evidence of their own; None = all

    @property
    def top(self) -> Bucket:
        return _top(self.scores)

    @property
    def voice(self) -> str:
        """stated / inferred (the top has its own evidence) / base (only the stage's base rate)."""
        top = self.top
        if top in self.stated:
            return "stated"
        return "inferred" if self.direct is None or top in self.direct else "base"


def probabilities(scores: Mapping[Bucket, float], temperature: float) -> dict[Bucket, float]:
    """softmax(score / T) over every bucket."""
    t = max(temperature, 1e-6)
    top = max(scores.values())
    weights = {b: math.exp((s - top) / t) for b, s in scores.items()}
    total = sum(weights.values())
    return {b: w / total for b, w in weights.items()}


def calibrated(item: Scored, cal: Calibration) -> dict[Bucket, float]:
    """The likelihoods shown for one scored case: causes under FLOOR left out (the top two stay),
    the rest renormalised, the top held under the ceiling. The order of the scores is kept."""
    probs = probabilities(item.scores, cal.temperature(item.voice))
    order = list(Bucket)
    ranked = sorted(probs, key=lambda b: (-probs[b], order.index(b)))
    kept = {b: probs[b] for b in ranked if probs[b] >= FLOOR}
    for b in ranked[:2]:  # a runner-up stays visible, however small
        kept.setdefault(b, probs[b])
    norm = sum(kept.values())
    kept = {b: p / norm for b, p in kept.items()}
    top = ranked[0]
    cap = cal.ceiling(item.voice)
    others = sum(p for b, p in kept.items() if b is not top)
    if kept[top] <= cap or len(kept) < 2:
        return kept
    if others < 1e-12:  # the softmax underflowed: the remainder goes to the runner-up
        return {b: (cap if b is top else (1.0 - cap if b is ranked[1] else 0.0)) for b in kept}
    return {b: (cap if b is top else p * (1.0 - cap) / others) for b, p in kept.items()}


def log_loss(items: Iterable[Scored], cal: Calibration) -> float:
    """Mean negative log likelihood of the true bucket (clipped at EPS)."""
    total = n = 0.0
    for item in items:
        if item.truth is None:
            continue
        p = calibrated(item, cal).get(item.truth, 0.0)
        total -= math.log(max(p, EPS))
        n += 1
    return total / n if n else 0.0


def brier(items: Iterable[Scored], cal: Calibration) -> float:
    """Mean multi-class Brier score (a bucket not listed counts as likelihood 0)."""
    total = n = 0.0
    for item in items:
        if item.truth is None:
            continue
        probs = calibrated(item, cal)
        total += sum((probs.get(b, 0.0) - (b is item.truth)) ** 2 for b in Bucket)
        n += 1
    return total / n if n else 0.0


def fit(items: Sequence[Scored]) -> Calibration:
    """Fit on `items`: each voice's temperature by the lowest Brier score, then its ceiling.

    Brier, not log loss: a bucket the output leaves out (under FLOOR) counts as 0, and log loss
    then makes the fit flatten every ranking to keep rare truths listed; on cross-validation
    Brier gave the lower calibration error at the same log loss.
    """
    labelled = [i for i in items if i.truth is not None]
    groups = {v: [i for i in labelled if i.voice == v] for v in VOICES}
    best: dict[str, Any] = {v: _best(groups[v], v) for v in VOICES}
    temps = replace(Calibration(), **best)
    ceilings: dict[str, Any] = {"ceiling_" + v: _ceiling(groups[v], temps) for v in VOICES}
    return replace(temps, **ceilings)


def _ceiling(items: Sequence[Scored], temps: Calibration) -> float:
    """Laplace-smoothed top-1 accuracy of the cases the temperature alone makes confident."""
    confident = [i for i in items if calibrated(i, temps)[i.top] >= CONFIDENT]
    right = sum(i.top is i.truth for i in confident)
    # Never below CONFIDENT: the ceiling tames confidence, it must not reorder causes.
    return max(CONFIDENT, round((right + 1) / (len(confident) + 2), 4))


def _best(items: Sequence[Scored], voice: str) -> float:
    if len(items) < 5:  # too few cases to learn from: keep the raw scores
        return 1.0

    def loss(t: float) -> float:
        one: dict[str, Any] = {voice: t}
        return brier(items, replace(Calibration(), **one))

    return min(_GRID, key=lambda t: (loss(t), abs(math.log(t))))


def _top(scores: Mapping[Bucket, float]) -> Bucket:
    order = list(Bucket)
    return min(scores, key=lambda b: (-scores[b], order.index(b)))
