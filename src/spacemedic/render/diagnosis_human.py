"""The human format for diagnose: stage, ranked causes, evidence, path, next steps, what not
to do and what could not be checked. Colour only when asked (a TTY)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from spacemedic.models import Confidence, Diagnosis, Hypothesis
from spacemedic.render.evidence import evidence_lines, insufficient_lines
from spacemedic.render.words import bucket_title
from spacemedic.units import minutes_words

if TYPE_CHECKING:
    from rich.console import Console

SHOWN = 3  # full detail for the top causes; the rest as one line each


def render(diagnosis: Diagnosis, *, color: bool = False, width: int = 100, verbose: bool = False) -> str:
    """`verbose` adds each cause's decision path with its scoring (the JSON always has it)."""
    from rich.console import Console

    from spacemedic.sanitize import markup

    def escape(text: str) -> str:  # outside text: one line, no controls, no markup
        return markup(text, single_line=True)

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=True,
                  emoji=False)
    title = escape(diagnosis.target or "(unnamed Space)")
    stage = escape(diagnosis.stage or "unknown")
    # The stage and the time in it are said once, here: the facts that restate them are folded in.
    page = next((f[len(f"stage: {diagnosis.stage}"):] for f in diagnosis.facts
                 if diagnosis.stage and f.startswith(f"stage: {diagnosis.stage}")), "")
    timeout = next((f[f.index("(startup timeout"):] for f in diagnosis.facts
                    if f.startswith("in this stage for") and "(startup timeout" in f), "")
    since = f", for {_duration(diagnosis.minutes_in_stage)}" if diagnosis.minutes_in_stage is not None else ""
    if since and diagnosis.stage_since:
        at, source = diagnosis.stage_since
        since += escape(f" (since {at.replace('T', ' ').replace('Z', ' UTC')}, from {source})" if at else f" ({source})")
    extra = escape(page) + (f" {escape(timeout)}" if since and timeout else "")
    con.print(f"[bold]{title}[/bold]  stage: [bold]{stage}[/bold]{since}{extra}")
    for line in evidence_lines(diagnosis.evidence):
        con.print(escape(line))
    for fact in diagnosis.facts:
        if fact.startswith("stage: ") or (since and fact.startswith("in this stage for")):
            continue  # in the header above
        con.print(f"  [dim]·[/dim] {escape(fact)}")
    con.print()
    if diagnosis.evidence is not None and not diagnosis.evidence.enough:
        for line in insufficient_lines(diagnosis.evidence):
            con.print(escape(line))
        con.print()
    elif not diagnosis.hypotheses:
        con.print("No cause could be ranked.")
    backed = diagnosis.backed
    if diagnosis.top is not None and not diagnosis.top.direct_evidence:
        con.print("[yellow]No direct evidence for any cause[/yellow]: the order below is only how often each "
                  "cause explains a Space in this stage.")
        con.print()
    for rank, h in enumerate(backed[:SHOWN], start=1):
        _hypothesis(con, rank, h, verbose)
    rest = backed[SHOWN:]
    if rest:
        con.print("[bold]Less likely[/bold]: " + ", ".join(f"{bucket_title(h.bucket)} {h.likelihood:.0%}" for h in rest))
        con.print()
    if diagnosis.also_possible:
        con.print("[bold]Also possible, no direct evidence[/bold] (base rate only): "
                  + ", ".join(f"{bucket_title(h.bucket)} {h.likelihood:.0%}" for h in diagnosis.also_possible))
        con.print()
    if diagnosis.unavailable:
        con.print("[bold]Could not be checked[/bold]")
        for u in diagnosis.unavailable:
            con.print(f"  [yellow]-[/yellow] {escape(u.source)}: {escape(u.reason)}")
    return buf.getvalue()


def _hypothesis(con: Console, rank: int, h: Hypothesis, verbose: bool = False) -> None:
    from spacemedic.sanitize import markup as esc

    voice = "[green]stated[/green]" if h.confidence is Confidence.STATED else "[yellow]inferred[/yellow]"
    side = "HF side" if h.bucket.hf_side else "app side"
    con.print(f"[bold]{rank}. {esc(bucket_title(h.bucket))}[/bold]  {h.likelihood:.0%}  {voice}  [dim]({side})[/dim]")
    con.print(f"   {esc(h.summary)}")
    for label, items, style in (
        ("evidence for", h.evidence_for, "green"),
        ("evidence against", h.evidence_against, "red"),
    ):
        for item in items[:6]:
            con.print(f"   [{style}]{label}:[/{style}] {esc(item, single_line=True)}")
    if h.path and verbose:
        con.print(f"   [dim]path: {esc(' -> '.join(h.path))}[/dim]")
    for step in h.next_steps:
        con.print(f"   [cyan]next:[/cyan] {esc(step)}")
    for item in h.avoid:
        con.print(f"   [magenta]do not:[/magenta] {esc(item)}")
    con.print()


def _duration(minutes: float | None) -> str:
    return "unknown" if minutes is None else minutes_words(minutes)
