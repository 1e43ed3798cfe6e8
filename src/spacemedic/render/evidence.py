"""How much was seen, in words: the header of every diagnose, report and watch output (pure).

One function renders it so every output says it the same way. Sources are grouped by what they
did (answered, no output yet, empty, timed out, refused, not found, failed, not collected); the
reasons stay in the "could not be checked" list below each output, not repeated here.
"""

from __future__ import annotations

from spacemedic.models import EvidenceLevel, SourceState, Sufficiency

NOT_ENOUGH = "Not enough evidence to rank causes"
_LABEL = {
    SourceState.ANSWERED: "answered",
    SourceState.NO_OUTPUT_YET: "no output yet (stream open)",
    SourceState.EMPTY: "empty",
    SourceState.TIMED_OUT: "timed out",
    SourceState.REFUSED: "refused",
    SourceState.NOT_FOUND: "not found",
    SourceState.FAILED: "failed",
    SourceState.NOT_COLLECTED: "not collected",
}
_NAMES = {"space info": "Space info", "app url": "direct URL", "other spaces": "other Spaces"}


def _name(source: str) -> str:
    return _NAMES.get(source, source)


def evidence_lines(evidence: Sufficiency | None) -> list[str]:
    """`Evidence: ...` then one line per kind of state; empty when nothing is known about it."""
    if evidence is None:
        return []
    seen = sum(1 for s in evidence.sources if s.state.seen)
    verb = "answered" if evidence.live else "described in the input"
    head = f"Evidence: {seen} of {len(evidence.sources)} sources {verb}" if evidence.sources else "Evidence:"
    if evidence.known:
        head += "; known: " + ", ".join(evidence.known)
    else:
        head += "; nothing is known about this Space"
    out = [head]
    for state in SourceState:
        names = [_name(s.source) + (f" ({s.detail})" if s.detail and state is not SourceState.ANSWERED else "")
                 for s in evidence.sources if s.state is state]
        if names:
            label = _LABEL[state] if evidence.live else {SourceState.ANSWERED: "described",
                                                          SourceState.NOT_COLLECTED: "not described"}.get(state, _LABEL[state])
            out.append(f"  {label}: " + ", ".join(names))
    if evidence.level is EvidenceLevel.STAGE_ONLY:
        out.append("  only the stage is known: the ranking below is how often each cause explains a Space in "
                   "this stage, not evidence about this one")
    return out


def insufficient_lines(evidence: Sufficiency) -> list[str]:
    """What replaces the ranking when there is no evidence: the verdict and what to collect next."""
    out = [f"{NOT_ENOUGH}: nothing was read that points at any cause (not even the stage).", "Collect next:"]
    out += [f"  - {step}" for step in evidence.collect_next]
    return out
