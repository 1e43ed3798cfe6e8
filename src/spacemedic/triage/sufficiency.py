"""How much evidence a diagnosis had, and what to collect next (pure).

A ranking is only worth the evidence under it. With nothing at all (not even a stage: a file
holding `{"x": 1}`, or a live run where every source timed out) no cause is ranked: the output says
"not enough evidence" and what to collect. With nothing but a stage the ranking is how often each
cause explains a Space in that stage, and the outputs say so. The threshold is deliberately low:
any observation beyond the stage (a log state, what a restart did, the status page) is evidence.
"""

from __future__ import annotations

import dataclasses

from spacemedic.models import (
    Confidence,
    Diagnosis,
    EvidenceLevel,
    Hypothesis,
    Outcome,
    Signals,
    SourceSeen,
    SourceState,
    Sufficiency,
)

# The sources a live diagnosis reads, in the order they are reported.
LIVE_SOURCES = ("runtime", "space info", "commits", "other spaces", "status page", "build logs", "run logs", "app url")
_BASE_RATE_MARKERS = ("common cause in this stage", "base rate", "no direct evidence")


def known_evidence(signals: Signals) -> tuple[str, ...]:
    """The kinds of evidence present, beyond the identity of the Space."""
    o = signals.observations
    out: list[str] = []
    if (signals.runtime_stage or "").strip() or (o.hub_page_state or "").strip():
        out.append("stage")
    checks = (
        ("errorMessage", bool((signals.error_message or "").strip())),
        ("moderation fields", bool(signals.abuse)),
        ("build log", signals.build_log is not None or o.build_logs is not None),
        ("run log", signals.run_log is not None or o.run_logs is not None),
        ("configuration", bool((signals.config or "").strip())),
        ("time in stage", o.stage_duration_minutes is not None),
        ("restart outcome", o.restart not in (None, Outcome.NOT_TRIED)),
        ("factory rebuild outcome", o.factory_rebuild not in (None, Outcome.NOT_TRIED)),
        ("new commit outcome", o.new_commit_triggers_build is not None),
        ("other Spaces", o.other_spaces_affected is not None),
        ("other users", o.other_users_affected is not None),
        ("status page", o.status_page_incident is not None),
        ("direct URL", o.direct_url is not None),
        ("restart error text", bool((o.restart_error_text or "").strip())),
        ("works locally", o.works_locally is not None),
        ("lint findings", bool(signals.lint)),
    )
    out += [name for name, present in checks if present]
    return tuple(out)


def sources_of(signals: Signals) -> tuple[SourceSeen, ...]:
    """Per-source states: from the collector when live, else what the observations carry."""
    if signals.sources:
        return signals.sources
    o = signals.observations
    has = {
        "runtime": bool(signals.runtime_stage or signals.error_message),
        "build logs": signals.build_log is not None or o.build_logs is not None,
        "run logs": signals.run_log is not None or o.run_logs is not None,
        "other spaces": o.other_spaces_affected is not None,
        "status page": o.status_page_incident is not None,
        "app url": o.direct_url is not None,
    }
    return tuple(SourceSeen(s, SourceState.ANSWERED if present else SourceState.NOT_COLLECTED) for s, present in has.items())


def assess(signals: Signals) -> Sufficiency:
    """The evidence level of `signals` and, when it is thin, what to collect next."""
    known = known_evidence(signals)
    if not known:
        level = EvidenceLevel.NONE
    elif known == ("stage",):
        level = EvidenceLevel.STAGE_ONLY
    else:
        level = EvidenceLevel.SOME
    sources = sources_of(signals)
    nxt = _collect_next(signals, sources) if level is not EvidenceLevel.SOME else ()
    return Sufficiency(level=level, sources=sources, known=known, collect_next=nxt, live=bool(signals.sources))


def supported(h: Hypothesis) -> bool:
    """A cause the evidence supports: stated by the platform, or with evidence of its own beyond
    how often it explains a Space in this stage."""
    if h.confidence is Confidence.STATED:
        return True
    if not h.direct_evidence:  # the classifier's own verdict: only the stage's base rate
        return False
    return any(not any(m in item for m in _BASE_RATE_MARKERS) for item in h.evidence_for)


def judge(diagnosis: Diagnosis, signals: Signals) -> Diagnosis:
    """`diagnosis` with its evidence level; no ranking at all when there is no evidence."""
    evidence = assess(signals)
    hypotheses = diagnosis.hypotheses if evidence.enough else ()
    return dataclasses.replace(diagnosis, evidence=evidence, hypotheses=hypotheses,
                               stage_since=diagnosis.stage_since or signals.stage_since)


def _collect_next(signals: Signals, sources: tuple[SourceSeen, ...]) -> tuple[str, ...]:
    space = signals.id if signals.id and "/" in signals.id else "OWNER/SPACE"
    state = {s.source: s.state for s in sources}
    o = signals.observations
    out: list[str] = []

    def retry_hint(source: str) -> str:
        st = state.get(source)
        if st is SourceState.TIMED_OUT:
            return " (it timed out: retry later or with a longer --timeout)"
        if st is SourceState.REFUSED:
            return " (it was refused: use the owner's token, `hf auth login` or HF_TOKEN)"
        return ""

    if not (signals.runtime_stage or o.hub_page_state):
        out.append(f"The runtime stage and errorMessage: `spacemedic diagnose {space}` live, or "
                   f"https://huggingface.co/api/spaces/{space}/runtime{retry_hint('runtime')}.")
    if signals.build_log is None and o.build_logs is None:
        out.append(f"The build log (the owner's token is needed): `hf spaces logs {space} --build`{retry_hint('build logs')}.")
    if signals.run_log is None and o.run_logs is None:
        out.append(f"The run log: `hf spaces logs {space}`{retry_hint('run logs')}.")
    if o.restart is None and o.factory_rebuild is None and o.new_commit_triggers_build is None:
        out.append("What a restart, a factory rebuild or a new commit did: pass it as --tried restart=failed, "
                   "--tried factory-rebuild=no-effect, --tried new-commit=no-build.")
    if o.status_page_incident is None:
        out.append("Whether https://status.huggingface.co shows an incident for Spaces" + retry_hint("status page") + ".")
    if o.direct_url is None:
        out.append("What the direct https://SUBDOMAIN.hf.space URL answers (status code, page).")
    if o.other_spaces_affected is None:
        out.append("Whether the owner's other Spaces fail too" + retry_hint("other spaces") + ".")
    return tuple(out)
