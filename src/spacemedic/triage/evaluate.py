"""Measure the diagnosis on real cases, honestly: `python -m spacemedic.triage.evaluate [FILES]`.

The protocol (protocol.py) splits the labelled cases by source group. On the tuning part,
k-fold cross-validation over groups gives the README figures: for each fold the calibration
(a temperature and a ceiling per voice) is fitted on the other folds and judged on this one. The held-out part is judged once with the
calibration fitted on the whole tuning part, and every held-out miss is printed with its
evidence, so the next improvement starts from data. The signature and combination tables are
written by hand, reading the tuning part's misses only; the held-out misses are for reporting.

Without FILES it reads tests/data/corpus/*.jsonl and tests/data/holdout_*.jsonl (from the
current directory). `--fit` prints the module to commit as `triage/fitted.py`; `--robustness`
prints how the top causes move when the same evidence is wrapped or filed differently
(robustness.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from spacemedic.models import Bucket
from spacemedic.triage.calibrate import VOICES, Calibration, Scored, calibrated, fit
from spacemedic.triage.fitted import FITTED
from spacemedic.triage.cases import case_to_signals
from spacemedic.triage.classify import Sheet, score
from spacemedic.triage.metrics import Figures, Prediction, figures, summary, table
from spacemedic.triage.protocol import FOLDS, Split, group_key, split
from spacemedic.triage.sufficiency import assess

DEFAULT_GLOBS = ("tests/data/corpus/*.jsonl", "tests/data/holdout_*.jsonl")
_EVIDENCE = ("runtime_stage", "error_message", "build_log_excerpt", "run_log_excerpt", "config")


@dataclass(frozen=True)
class Case:
    """A labelled case, scored once."""

    raw: Mapping[str, Any]
    sheet: Sheet
    item: Scored
    # False when the case carries no evidence at all: the CLI then prints "not enough evidence"
    # instead of a ranking (sufficiency.py), so the ranking scored here is never shown.
    rankable: bool = True

    @property
    def case_id(self) -> str:
        return str(self.raw.get("id"))


@dataclass(frozen=True)
class Evaluation:
    """Cross-validated figures on the tuning part, figures and misses on the held-out part."""

    split: Split
    cv: Figures
    held: Figures
    fitted: Calibration
    held_preds: tuple[tuple[Case, Prediction], ...]
    # Ids of the cases with no evidence at all (the CLI ranks nothing for them).
    unrankable: frozenset[str] = frozenset()
    cv_preds: tuple[tuple[Case, Prediction], ...] = ()


def prepare(raw: Mapping[str, Any]) -> Case | None:
    """Score one labelled case; None when its bucket is not a known id."""
    try:
        truth = Bucket(str(raw.get("bucket")))
    except ValueError:
        return None
    signals = case_to_signals(dict(raw))
    sheet = score(signals)
    return Case(raw, sheet, Scored(dict(sheet.scores), sheet.stated, truth, sheet.direct), assess(signals).enough)


def _predict(case: Case, cal: Calibration) -> Prediction:
    assert case.item.truth is not None
    direct = case.sheet.direct | case.sheet.stated
    return Prediction(case.case_id, case.item.truth, calibrated(case.item, cal), direct)


def evaluate(cases: Sequence[Mapping[str, Any]], folds: int = FOLDS) -> Evaluation:
    """Run the whole protocol over labelled cases."""
    parts = split(cases, folds)
    scored = {id(raw): prepare(raw) for raw in [c for _, c in parts.tuning] + list(parts.held_out)}
    tuning = [(f, c) for f, raw in parts.tuning if (c := scored[id(raw)]) is not None]
    cv_preds: list[tuple[Case, Prediction]] = []
    for k in range(folds):
        train = [c.item for f, c in tuning if f != k]
        cal = fit(train) if train else FITTED
        cv_preds += [(c, _predict(c, cal)) for f, c in tuning if f == k]
    fitted = fit([c.item for _, c in tuning]) if tuning else FITTED
    held_cases = [c for raw in parts.held_out if (c := scored[id(raw)]) is not None]
    held = tuple((c, _predict(c, fitted)) for c in held_cases)
    unrankable = frozenset(c.case_id for c in [c for _, c in tuning] + held_cases if not c.rankable)
    return Evaluation(parts, figures([p for _, p in cv_preds]), figures([p for _, p in held]), fitted, held, unrankable,
                      tuple(cv_preds))


def render(ev: Evaluation, cv_misses: bool = False) -> str:
    """The full report: both parts' figures, tables and every held-out miss (and, with
    `cv_misses`, every cross-validated miss: the tuning part's, which the tables may be revised from)."""
    tune_groups, held_groups = ev.split.groups
    out = [
        f"protocol: {len(ev.split.tuning)} tuning cases in {tune_groups} source groups ({FOLDS}-fold CV over groups), "
        f"{len(ev.split.held_out)} held-out cases in {held_groups} groups (never tuned on)",
        f"calibration fitted on the tuning part: {_cal(ev.fitted)}",
        f"calibration shipped (triage/fitted.py): {_cal(FITTED)}",
        "",
        "cross-validated (tuning part): " + summary(ev.cv),
        _unrankable(ev, [p for _, p in ev.cv_preds]),
        *table(ev.cv),
        "",
        "held-out: " + summary(ev.held),
        _unrankable(ev, [p for _, p in ev.held_preds]),
        *table(ev.held),
        "",
    ]
    parts = [("held-out misses", ev.held_preds)] + ([("cross-validated misses", ev.cv_preds)] if cv_misses else [])
    for title, pairs in parts:
        misses = [(c, p) for c, p in pairs if p.truth is not Bucket.OTHER and p.top is not p.truth]
        out.append(f"{title} ({len(misses)}):")
        for case, pred in misses:
            out += _miss(case, pred)
    return "\n".join(out) + "\n"


def fitted_module(c: Calibration, n: int) -> str:
    """The source of triage/fitted.py for a fitted calibration."""
    return f'''"""The calibration fitted on the tuning part of the committed cases ({n} cases).

Generated by `python -m spacemedic.triage.evaluate --fit > fitted.tmp && mv fitted.tmp
src/spacemedic/triage/fitted.py` (this module is imported while it runs); regenerate it when
the cases or the tables change, never edit it by hand.
"""

from __future__ import annotations

from spacemedic.triage.calibrate import Calibration

FITTED_ON = {n}  # tuning cases
FITTED = Calibration(
    stated={c.stated:g}, inferred={c.inferred:g}, base={c.base:g},
    ceiling_stated={c.ceiling_stated:g}, ceiling_inferred={c.ceiling_inferred:g}, ceiling_base={c.ceiling_base:g},
)
'''


def _unrankable(ev: Evaluation, preds: Sequence[Prediction]) -> str:
    """How many scored cases carry no evidence at all, and top-1 on the others."""
    scored = [p for p in preds if p.truth is not Bucket.OTHER]
    bare = [p for p in scored if p.case_id in ev.unrankable]
    rest = [p for p in scored if p.case_id not in ev.unrankable]
    hits = sum(p.top is p.truth for p in rest)
    rate = f"{100 * hits / len(rest):.0f}%" if rest else "-"
    return (f"  no evidence at all (the CLI prints \"not enough evidence\", no ranking): {len(bare)} cases; "
            f"top-1 on the {len(rest)} others: {rate}")


def _cal(c: Calibration) -> str:
    return ", ".join(f"{v} T {c.temperature(v):g} (top at most {c.ceiling(v):.0%})" for v in VOICES)


def _miss(case: Case, pred: Prediction) -> list[str]:
    ranked = ", ".join(f"{b.value} {pred.probs[b]:.0%}" for b in pred.ranked[:3])
    out = [f"- {case.case_id} [{group_key(case.raw.get('source'))}]",
           f"    truth {pred.truth.value} ({case.raw.get('bucket_confidence')}); ranked {ranked}"]
    for key in _EVIDENCE:
        value = case.raw.get(key)
        if value:
            out.append(f"    {key}: {' '.join(str(value).split())[:240]}")
    obs = case.raw.get("observations")
    if isinstance(obs, dict):
        known = {k: v for k, v in obs.items() if v is not None}
        if known:
            out.append(f"    observations: {json.dumps(known, ensure_ascii=False)[:240]}")
    for why in case.sheet.pro.get(pred.top, [])[:3]:
        out.append(f"    for {pred.top.value}: {why}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the evaluation of FILES (default: the committed corpus); 2 when nothing can be read."""
    from spacemedic.casefiles import read_labelled  # the one door to the case files

    parser = argparse.ArgumentParser(prog="python -m spacemedic.triage.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--fit", action="store_true", help="print only the fitted temperatures")
    parser.add_argument("--cv-misses", action="store_true", help="also print every cross-validated miss (tuning part)")
    parser.add_argument("--robustness", action="store_true",
                        help="print only how the top causes move when the evidence is wrapped or filed differently")
    args = parser.parse_args(argv)
    try:
        cases = read_labelled(args.files or None, DEFAULT_GLOBS)
    except ValueError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    if args.robustness:
        from spacemedic.triage import robustness

        sys.stdout.write(robustness.render(robustness.measure(cases)))
        return 0
    ev = evaluate(cases)
    if args.fit:
        sys.stdout.write(fitted_module(ev.fitted, len(ev.split.tuning)))
        return 0
    sys.stdout.write(render(ev, cv_misses=args.cv_misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
