"""From scores to likelihoods: a temperature fitted to real cases, not a cap.

The classifier adds log-odds (priors, signature weights, combination weights) written by hand, so
its raw softmax is over-confident where several rows stack up and under-confident where one
weak row decides. Per voice of the top cause (`stated` when the platform names it, `inferred`
otherwise) two numbers are learned from real cases:

    p(bucket) = softmax(score / T)      the temperature T, by the lowest log loss;
    p(top)   <= ceiling                  the top-1 accuracy seen among the confident training cases,
                                         Laplace-smoothed ((right + 1) / (n + 2)): a likelihood never
                                         claims more than the cases have shown, and never 100 %.

The remainder of a lowered top goes to the other causes in proportion, so the order never
changes. Four numbers only, so a few hundred cases fit them without fitting the cases
themselves. `python -m spacemedic.triage.evaluate --fit` prints them; `FITTED` holds the values
fitted on the tuning part of the committed corpus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from spacemedic.models import Bucket

# Probabilities below this are clipped when scoring a log loss, so one confident miss costs a
# bounded amount (ln 10^6 ~ 13.8 nats) instead of infinity.
EPS = 1e-6
FLOOR = 0.01  # causes below this likelihood are not listed (a bucket not listed counts as 0)
CONFIDENT = 0.9  # top likelihood from which a case counts towards the ceiling
_GRID = tuple(round(0.25 * 1.08**i, 4) for i in range(48))  # 0.25 .. ~9.3, 8 % steps


@dataclass(frozen=True)
class Calibration:
    """Temperatures for the two voices of a top cause."""

    inferred: float = 1.0
    stated: float = 1.0
    ceiling_inferred: float = 1.0
    ceiling_stated: float = 1.0

    def temperature(self, top_is_stated: bool) -> float:
        return self.stated if top_is_stated else self.inferred

    def ceiling(self, top_is_stated: bool) -> float:
        return self.ceiling_stated if top_is_stated else self.ceiling_inferred


# Fitted by `python -m spacemedic.triage.evaluate --fit` on the tuning part of
# tests/data/corpus + holdout files (the held-out part excluded); see README "How good is the diagnosis".
FITTED = Calibration(inferred=0.8565, stated=0.25, ceiling_inferred=0.9677, ceiling_stated=0.9667)


@dataclass(frozen=True)
class Scored:
    """One case's raw scores, the buckets the platform names, and (for fitting) the true bucket."""

    scores: Mapping[Bucket, float]
    stated: frozenset[Bucket]
    truth: Bucket | None = None

    @property
    def top(self) -> Bucket:
        return _top(self.scores)

    @property
    def top_is_stated(self) -> bool:
        return self.top in self.stated


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
    probs = probabilities(item.scores, cal.temperature(item.top_is_stated))
    order = list(Bucket)
    ranked = sorted(probs, key=lambda b: (-probs[b], order.index(b)))
    kept = {b: probs[b] for b in ranked if probs[b] >= FLOOR}
    for b in ranked[:2]:  # a runner-up stays visible, however small
        kept.setdefault(b, probs[b])
    norm = sum(kept.values())
    kept = {b: p / norm for b, p in kept.items()}
    top = ranked[0]
    cap = cal.ceiling(item.top_is_stated)
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


def fit(items: Sequence[Scored]) -> Calibration:
    """The temperatures with the lowest log loss on `items` (each voice fitted on its own cases)."""
    stated = [i for i in items if i.truth is not None and i.top_is_stated]
    inferred = [i for i in items if i.truth is not None and not i.top_is_stated]
    temps = Calibration(inferred=_best(inferred, stated=False), stated=_best(stated, stated=True))
    return Calibration(
        inferred=temps.inferred, stated=temps.stated,
        ceiling_inferred=_ceiling(inferred, temps), ceiling_stated=_ceiling(stated, temps),
    )


def _ceiling(items: Sequence[Scored], temps: Calibration) -> float:
    """Laplace-smoothed top-1 accuracy of the cases the temperature alone makes confident."""
    confident = [i for i in items if calibrated(i, temps)[i.top] >= CONFIDENT]
    right = sum(i.top is i.truth for i in confident)
    # Never below CONFIDENT: the ceiling tames confidence, it must not reorder causes.
    return max(CONFIDENT, round((right + 1) / (len(confident) + 2), 4))


def _best(items: Sequence[Scored], *, stated: bool) -> float:
    if len(items) < 5:  # too few cases to learn from: keep the raw scores
        return 1.0

    def loss(t: float) -> float:
        cal = Calibration(stated=t) if stated else Calibration(inferred=t)
        return log_loss(items, cal)

    return min(_GRID, key=lambda t: (loss(t), abs(math.log(t))))


def _top(scores: Mapping[Bucket, float]) -> Bucket:
    order = list(Bucket)
    return min(scores, key=lambda b: (-scores[b], order.index(b)))
