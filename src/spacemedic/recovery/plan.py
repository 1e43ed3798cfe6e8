"""From a diagnosis to a plan: which rungs of the ladder apply to this Space now. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from spacemedic.recovery.ladder import LADDERS, Action, After
from spacemedic.recovery.models import Plan, Step
from spacemedic.models import Bucket, Diagnosis, Outcome, Signals

MIN_LIKELIHOOD = 0.5
"""Below this the top cause is a guess: a guess does not justify changing a Space."""

DEFAULT_NOOP_FILE = ".spacemedic-rebuild"
"""The file a no-op commit writes unless the owner names another (one line, spacemedic's own)."""


@dataclass(frozen=True)
class Context:
    """What the planner knows besides the diagnosis: the owner's statements and the guard rails."""

    space: str
    sdk: str | None = None
    write_refusal: str | None = None  # why the token may not change this Space, when known
    minutes_since_last_action: float | None = None  # from the history of `fix` attempts
    cooldown_minutes: float = 10.0
    force: bool = False
    fix_pushed: bool = False
    wake: bool = False
    noop_file: str = DEFAULT_NOOP_FILE
    noop_file_exists: bool = False
    already: tuple[Action, ...] = ()  # rungs recorded in the history for this episode


def make_plan(diagnosis: Diagnosis, signals: Signals, ctx: Context) -> Plan:
    """The plan for `ctx.space`. Every rung not taken carries its reason."""
    top = diagnosis.top
    if top is None:
        return Plan(ctx.space, None, "Not enough evidence to say what is wrong, so nothing to act on.",
                    (), (), After.REPORT, refused="not enough evidence to act on")
    ladder = LADDERS[top.bucket]
    summary = f"{top.bucket.value.replace('_', ' ')} ({round(top.likelihood * 100)} %, {top.confidence.value}): {ladder.why}"
    steps = tuple(Step(a, ladder.why, _skip(a, top.bucket, signals, ctx, ladder.needs)) for a in ladder.steps)
    refused = None
    if any(s.skipped is None and s.action.mutates for s in steps):
        refused = _guard(ctx, top.likelihood, top.direct_evidence)
    return Plan(ctx.space, top.bucket.value, summary, steps, ladder.never, ladder.after, refused)


def _skip(action: Action, bucket: Bucket, signals: Signals, ctx: Context, needs: str | None) -> str | None:
    obs = signals.observations
    stage = (signals.runtime_stage or "").upper()
    if needs == "fix_pushed" and not ctx.fix_pushed:
        return "only after you have pushed the fix (say so with --fix-pushed)"
    if needs == "wake" and not ctx.wake:
        return "nothing is broken; only when you ask (--wake)"
    if action is Action.WAKE and stage != "SLEEPING":
        return "the Space is not sleeping"
    if bucket is Bucket.NORMAL_SLEEP_OR_PAUSE and action is Action.RESTART and stage != "PAUSED":
        return "the Space is not paused"
    if action in (Action.RESTART, Action.FACTORY_REBUILD) and (signals.observations.sdk or ctx.sdk) == "static":
        return "a static Space has nothing to restart (the Hub answers 400)"
    if action in ctx.already:
        return "already tried (recorded in the history)"
    tried = {Action.RESTART: obs.restart, Action.FACTORY_REBUILD: obs.factory_rebuild}.get(action)
    if tried in (Outcome.FAILED, Outcome.NO_EFFECT):
        return f"you already tried it ({tried.value.replace('_', ' ')})"
    if action is Action.NOOP_COMMIT:
        if obs.new_commit_triggers_build is not False:
            return ("only when the newest commit started no build (not known here: if you saw it, "
                    "say --tried new-commit=no-build)")
        if ctx.noop_file_exists and ctx.noop_file != DEFAULT_NOOP_FILE:
            return f"{ctx.noop_file} exists in the Space: a no-op commit never overwrites your files"
    return None


def _guard(ctx: Context, likelihood: float, direct_evidence: bool) -> str | None:
    if not direct_evidence:
        return ("the top cause rests on the stage's base rate alone, with no evidence of its own; "
                "collect more evidence (logs need the owner's token) or write to support")
    if likelihood < MIN_LIKELIHOOD:
        return (f"the diagnosis is not sure enough to act on (top cause at {round(likelihood * 100)} %); "
                "collect more evidence or write to support")
    if ctx.write_refusal:
        return ctx.write_refusal
    recent = ctx.minutes_since_last_action
    if recent is not None and recent < ctx.cooldown_minutes and not ctx.force:
        return (f"spacemedic changed this Space {recent:.0f} min ago; let that settle for "
                f"{ctx.cooldown_minutes:.0f} min (or --force)")
    return None
