"""`--format markdown` for diagnose: for issues, forum posts and support emails."""

from __future__ import annotations

from spacemedic.models import Confidence, Diagnosis
from spacemedic.render.evidence import evidence_lines, insufficient_lines
from spacemedic.render.words import bucket_title


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(diagnosis: Diagnosis, verbose: bool = False) -> str:
    out = [f"# spacemedic diagnose: `{diagnosis.target or 'unnamed Space'}`", ""]
    since = f" for {diagnosis.minutes_in_stage:g} min" if diagnosis.minutes_in_stage is not None else ""
    if since and diagnosis.stage_since:
        at, source = diagnosis.stage_since
        since += f" (since {at}, from {_cell(source)})" if at else f" ({_cell(source)})"
    out += [f"Stage: **{diagnosis.stage or 'unknown'}**{since}.", ""]
    ev = evidence_lines(diagnosis.evidence)
    if ev:
        out += [ev[0]] + [f"- {_cell(line.strip())}" for line in ev[1:]] + [""]
    out += [f"- {_cell(f)}" for f in diagnosis.facts]
    if diagnosis.facts:
        out.append("")
    if diagnosis.evidence is not None and not diagnosis.evidence.enough:
        lines = insufficient_lines(diagnosis.evidence)
        out += [f"**{_cell(lines[0])}**", "", lines[1], ""] + [f"- {_cell(x.strip()[2:])}" for x in lines[2:]] + [""]
        if diagnosis.unavailable:
            out += ["## Not checked", ""] + [f"- `{u.source}`: {_cell(u.reason)}" for u in diagnosis.unavailable] + [""]
        return "\n".join(out)
    out += ["| # | cause | likelihood | confidence | side |", "|---|---|---|---|---|"]
    for i, h in enumerate(diagnosis.backed, start=1):
        side = "HF" if h.bucket.hf_side else "app"
        out.append(f"| {i} | {bucket_title(h.bucket)} | {h.likelihood:.0%} | {h.confidence.value} | {side} |")
    out.append("")
    if diagnosis.also_possible:
        also = ", ".join(f"{bucket_title(h.bucket)} {h.likelihood:.0%}" for h in diagnosis.also_possible)
        out += [f"Also possible, no direct evidence (base rate only): {also}.", ""]
    for h in diagnosis.backed[:3]:
        voice = "stated" if h.confidence is Confidence.STATED else "inferred"
        out += [f"## {bucket_title(h.bucket)} ({h.likelihood:.0%}, {voice})", "", _cell(h.summary), ""]
        if h.evidence_for:
            out += ["**Evidence for**", ""] + [f"- {_cell(e)}" for e in h.evidence_for] + [""]
        if h.evidence_against:
            out += ["**Evidence against**", ""] + [f"- {_cell(e)}" for e in h.evidence_against] + [""]
        if h.path and verbose:  # the scoring behind the ranking: --verbose, and always in JSON
            out += ["**Path**: " + " → ".join(_cell(p) for p in h.path), ""]
        if h.next_steps:
            out += ["**Next steps**", ""] + [f"1. {_cell(s)}" for s in h.next_steps] + [""]
        if h.avoid:
            out += ["**Avoid**", ""] + [f"- {_cell(a)}" for a in h.avoid] + [""]
    if diagnosis.unavailable:
        out += ["## Not checked", ""] + [f"- `{u.source}`: {_cell(u.reason)}" for u in diagnosis.unavailable] + [""]
    return "\n".join(out)
