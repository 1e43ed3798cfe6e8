"""Does the diagnosis depend on how a report happened to write its evidence down?

Real reports carry the same log in many wrappings (colour codes, CRLF, HTML entities, forum
quotes, log-viewer timestamps, JSON escapes, a traceback flattened onto one line) and file it
under whichever heading the writer chose (a build log pasted as the "run log", the red banner
pasted among the log lines). Each perturbation here rewrites the evidence of every labelled case
one way; a diagnosis that generalises from the signals ranks the same cause first either way.
`python -m spacemedic.triage.evaluate --robustness` prints the table; tests hold the line.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from spacemedic.models import Bucket, LogState
from spacemedic.triage.cases import case_to_signals
from spacemedic.triage.classify import score
from spacemedic.triage.facts import log_shape

TEXT_FIELDS = ("error_message", "build_log_excerpt", "run_log_excerpt", "config")
LOG_FIELDS = ("error_message", "build_log_excerpt", "run_log_excerpt")

Wrap = Callable[[str], str]


def _lines(fn: Callable[[str], str]) -> Wrap:
    return lambda text: "\n".join(fn(line) for line in text.split("\n"))


WRAPPINGS: dict[str, Wrap] = {
    "CRLF line ends": lambda t: t.replace("\n", "\r\n"),
    "ANSI colours": _lines(lambda ln: f"\x1b[31;1m{ln}\x1b[0m"),
    "HTML entities": html.escape,
    "forum quote": _lines(lambda ln: "> " + ln),
    "log-viewer timestamps": _lines(lambda ln: f"2026-02-03T09:14:56.120Z r-8k2p4 {ln}"),
    "bracketed timestamps": _lines(lambda ln: f"[2026-02-03 09:14:56] {ln}"),
    "JSON-escaped": lambda t: t.replace("\n", "\\n").replace('"', '\\"'),
    "flattened onto one line": lambda t: " ".join(t.split()),
}


@dataclass(frozen=True)
class Perturbed:
    """One perturbation over the cases it applies to."""

    name: str
    cases: int
    right_before: int
    right_after: int
    moved: tuple[str, ...]  # ids whose top cause changed


def wrapped(case: Mapping[str, Any], wrap: Wrap) -> dict[str, Any]:
    """`case` with every evidence text wrapped."""
    out = dict(case)
    for key in TEXT_FIELDS:
        if out.get(key):
            out[key] = wrap(str(out[key]))
    return out


def refiled(case: Mapping[str, Any], src: str, dst: str) -> dict[str, Any]:
    """`case` with the text of `src` appended to `dst` and `src` emptied."""
    out = dict(case)
    out[dst] = ((out.get(dst) or "") + "\n" + str(out[src])).strip()
    out[src] = None
    return out


def top(case: Mapping[str, Any]) -> Bucket:
    """The cause ranked first for a case file's evidence."""
    scores = score(case_to_signals(dict(case))).scores
    order = list(Bucket)
    return min(scores, key=lambda b: (-scores[b], order.index(b)))


def _measure(name: str, cases: Sequence[Mapping[str, Any]], change: Callable[[Mapping[str, Any]], dict[str, Any]]) -> Perturbed:
    before = after = 0
    moved: list[str] = []
    for case in cases:
        truth = Bucket(str(case["bucket"]))
        a, b = top(case), top(change(case))
        before += a is truth
        after += b is truth
        if a is not b:
            moved.append(str(case.get("id")))
    return Perturbed(name, len(cases), before, after, tuple(moved))


def with_text(cases: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The labelled cases (not `other`) that carry some evidence text."""
    known = {b.value for b in Bucket} - {Bucket.OTHER.value}
    return [c for c in cases if c.get("bucket") in known and any(c.get(k) for k in TEXT_FIELDS)]


def refilable(cases: Sequence[Mapping[str, Any]], src: str) -> list[Mapping[str, Any]]:
    """The cases whose `src` text can move to another heading. A log that is only a banner
    ("Build Queued", "No logs available") is a shape of that log, not a text to read: moved, it
    loses its meaning, so it stays out."""
    return [c for c in cases if c.get(src) and log_shape(str(c[src])) is LogState.HAS_OUTPUT]


def measure(cases: Sequence[Mapping[str, Any]]) -> list[Perturbed]:
    """Every wrapping and every refiling over the cases with text."""
    usable = with_text(cases)
    out = [_measure(name, usable, _wrapping(wrap)) for name, wrap in WRAPPINGS.items()]
    for src in LOG_FIELDS:
        for dst in LOG_FIELDS:
            if src != dst:
                out.append(_measure(f"{_short(src)} filed as {_short(dst)}", refilable(usable, src), _refiling(src, dst)))
    return out


def _wrapping(wrap: Wrap) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    return lambda case: wrapped(case, wrap)


def _refiling(src: str, dst: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    return lambda case: refiled(case, src, dst)


def render(rows: Sequence[Perturbed]) -> str:
    """The robustness table, one perturbation per line."""
    lines = ["robustness (the same evidence written another way; top-1 right before -> after, top cause moved):"]
    for r in rows:
        ids = ", ".join(r.moved[:4]) + (" ..." if len(r.moved) > 4 else "")
        lines.append(f"  {r.name:32s} {r.cases:4d} cases  {r.right_before:4d} -> {r.right_after:4d}  moved {len(r.moved):3d}"
                     + (f"  ({ids})" if ids else ""))
    return "\n".join(lines) + "\n"


def _short(field: str) -> str:
    return field.replace("_excerpt", "").replace("_", " ")
