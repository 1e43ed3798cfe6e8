"""Figures of a diagnosis run against labelled cases: accuracy, per-bucket recall and precision,
the confusion matrix and calibration (reliability table, ECE, Brier score, log loss).

Like ../shared/tools/score_cases.py, cases whose true bucket is `other` are not scored: `other`
means "none of the named causes", which a ranking of named causes cannot get right.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from spacemedic.models import Bucket

BINS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
EPS = 1e-3


@dataclass(frozen=True)
class Prediction:
    """One case: its truth and the likelihood given to every bucket."""

    case_id: str
    truth: Bucket
    probs: Mapping[Bucket, float]
    # Buckets backed by evidence of their own (not only the stage's base rate).
    direct: frozenset[Bucket] = frozenset()

    @property
    def evidenced(self) -> bool:
        """True when the top cause has direct evidence."""
        return self.top in self.direct

    @property
    def ranked(self) -> list[Bucket]:
        order = list(Bucket)
        return sorted(self.probs, key=lambda b: (-self.probs[b], order.index(b)))

    @property
    def top(self) -> Bucket:
        return self.ranked[0]

    @property
    def confidence(self) -> float:
        return self.probs[self.top]


@dataclass(frozen=True)
class Bin:
    lo: float
    hi: float
    n: int
    mean: float
    right: float


@dataclass(frozen=True)
class Figures:
    """Everything printed about one set of predictions."""

    n: int
    top1: float
    top3: float
    recall: dict[Bucket, tuple[int, int]]      # bucket -> (hits, cases of that bucket)
    precision: dict[Bucket, tuple[int, int]]   # bucket -> (hits, times ranked first)
    confusion: Counter[tuple[Bucket, Bucket]]  # (truth, top) -> count
    bins: tuple[Bin, ...]
    ece: float
    brier: float
    log_loss: float
    evidenced: tuple[int, int]  # (top-1 hits, cases) among cases whose top cause has direct evidence


def figures(preds: Sequence[Prediction]) -> Figures:
    """Compute every figure over the scored predictions (truth `other` skipped)."""
    scored = [p for p in preds if p.truth is not Bucket.OTHER]
    n = len(scored)
    top1 = sum(p.top is p.truth for p in scored)
    top3 = sum(p.truth in p.ranked[:3] for p in scored)
    confusion: Counter[tuple[Bucket, Bucket]] = Counter((p.truth, p.top) for p in scored)
    recall = {b: (confusion[(b, b)], sum(c for (t, _), c in confusion.items() if t is b)) for b in Bucket}
    precision = {b: (confusion[(b, b)], sum(c for (_, g), c in confusion.items() if g is b)) for b in Bucket}
    bins = []
    ece = 0.0
    for lo, hi in BINS:
        inside = [p for p in scored if lo <= p.confidence < hi]
        if not inside:
            continue
        mean = sum(p.confidence for p in inside) / len(inside)
        right = sum(p.top is p.truth for p in inside) / len(inside)
        ece += len(inside) / n * abs(right - mean)
        bins.append(Bin(lo, min(hi, 1.0), len(inside), mean, right))
    brier = sum(sum((p.probs.get(b, 0.0) - (b is p.truth)) ** 2 for b in Bucket) for p in scored) / n if n else 0.0
    loss = sum(-math.log(max(p.probs.get(p.truth, 0.0), EPS)) for p in scored) / n if n else 0.0
    backed = [p for p in scored if p.evidenced]
    return Figures(
        n=n, top1=top1 / n if n else 0.0, top3=top3 / n if n else 0.0, recall=recall, precision=precision,
        confusion=confusion, bins=tuple(bins), ece=ece, brier=brier, log_loss=loss,
        evidenced=(sum(p.top is p.truth for p in backed), len(backed)),
    )


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:3.0f}%" if b else "  - "


def summary(f: Figures) -> str:
    """Two lines: n, top-1, top-3 and the calibration scores; top-1 with and without direct evidence."""
    hits, n = f.evidenced
    return (f"{f.n} cases: top-1 {100 * f.top1:.0f}%, top-3 {100 * f.top3:.0f}%; "
            f"ECE {f.ece:.3f}, Brier {f.brier:.3f}, log loss {f.log_loss:.3f}\n"
            f"  top cause with direct evidence: {n} cases, top-1 {_pct(hits, n).strip()}; "
            f"top cause on the stage base rate only: {f.n - n} cases, "
            f"top-1 {_pct(round(f.top1 * f.n) - hits, f.n - n).strip()}")


def table(f: Figures) -> list[str]:
    """Per-bucket recall/precision, the reliability table and the confusion matrix, as lines."""
    out = ["per bucket (cases, recall, precision):"]
    for b in Bucket:
        hits, total = f.recall[b]
        phits, ptotal = f.precision[b]
        if total or ptotal:
            out.append(f"  {b.value:34} {total:4d}  recall {_pct(hits, total)}  precision {_pct(phits, ptotal)}")
    out.append("reliability of the top-1 likelihood:")
    for x in f.bins:
        out.append(f"  {x.lo:.1f}-{x.hi:.1f}: {x.n:4d} cases, mean {x.mean:.2f}, right {x.right:.2f}")
    used = [b for b in Bucket if f.recall[b][1] or f.precision[b][1]]
    abbrev = {b: _abbrev(b) for b in used}
    out.append("confusion (rows: true bucket, columns: ranked first):")
    out.append("  " + " " * 6 + "".join(f"{abbrev[b]:>5}" for b in used))
    for t in used:
        row = "".join(f"{f.confusion[(t, g)] or '.':>5}" for g in used)
        out.append(f"  {abbrev[t]:>5} {row}")
    out.append("  " + "; ".join(f"{abbrev[b]} = {b.value}" for b in used))
    return out


def _abbrev(b: Bucket) -> str:
    return "".join(w[0] for w in b.value.split("_"))[:4]
