"""Run a plan: one confirmed action at a time, watch what the Space does, record it, stop at the
right point. The Hub and the clock come in as functions, so this module never opens a socket.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacemedic.errors import HubError, HubRateLimitError
from spacemedic.recovery.ladder import Action
from spacemedic.recovery.models import Attempt, Ending, Plan, Result, Step
from spacemedic.history.attempts import AttemptLog
from spacemedic.hub.actions import Sent
from spacemedic.watch.clock import Clock
from spacemedic.watch.timeline import FAILED_STAGES, HEALTHY_STAGES, Snapshot

MAX_RETRY_AFTER_S = 120.0
IDLE_STAGES = frozenset({"PAUSED", "STOPPED", "SLEEPING"})


@dataclass(frozen=True)
class Watching:
    """How long to watch each action's outcome, and how often to look."""

    budget_s: float
    interval_s: float = 15.0
    grace_s: float = 30.0  # a stage the action should have left is believed only after this


@dataclass
class Io:
    """What the runner may do to the world, all injected."""

    send: Callable[[Action], Sent]
    fetch_runtime: Callable[[], dict[str, Any]]
    confirm: Callable[[Step], bool]
    record_snapshot: Callable[[Snapshot, float], object]
    say: Callable[[str], None]
    clock: Clock


def execute(plan: Plan, io: Io, log: AttemptLog, watching: Watching, *, stage_before: str | None,
            max_steps: int | None = None) -> tuple[tuple[Attempt, ...], Ending, str]:
    """Take the plan's actions in order until one recovers the Space or a stop condition."""
    attempts: list[Attempt] = []
    steps = plan.actions[:max_steps] if max_steps is not None else plan.actions
    for step in steps:
        if not io.confirm(step):
            now = io.clock.now()
            attempts.append(_logged(log, Attempt(plan.space, step.action, now, now, Result.DECLINED)))
            return tuple(attempts), Ending.STOPPED, f"stopped before {step.action.value}, as you asked"
        attempt = _one(plan.space, step.action, io, log, watching, stage_before)
        attempts.append(attempt)
        if attempt.result is Result.RECOVERED:
            return tuple(attempts), Ending.RECOVERED, (
                f"{attempt.stage_after} {_took(attempt.ended_at - attempt.started_at)} after the {step.action.value}")
        if attempt.result is Result.NOW_FAILING:
            return tuple(attempts), Ending.NOT_RECOVERED, (
                f"the Space moved on and now fails at {attempt.stage_after}: the failure is visible now, so it is "
                "no longer stuck; run `spacemedic diagnose` for its cause")
        if attempt.result is Result.REFUSED:
            return tuple(attempts), Ending.STOPPED, f"the Hub refused the {step.action.value}: {attempt.detail}"
        stage_before = attempt.stage_after or stage_before
    if not attempts:
        return (), Ending.NOTHING_TO_DO, "no action on the Hub can help here"
    return tuple(attempts), Ending.NOT_RECOVERED, "not recovered after " + ", ".join(
        f"{a.action.value} ({a.result.value})" for a in attempts)


def _took(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def _logged(log: AttemptLog, attempt: Attempt) -> Attempt:
    log.complete(log.begin(attempt.space, attempt.action, attempt.started_at), attempt)
    return attempt


def _one(space: str, action: Action, io: Io, log: AttemptLog, watching: Watching, stage_before: str | None) -> Attempt:
    started = io.clock.now()
    row = log.begin(space, action, started)
    try:
        io.say(f"{action.value}: sending")
        sent = io.send(action)
        if not sent.ok and sent.status == 429 and (sent.retry_after or 0) <= MAX_RETRY_AFTER_S:
            io.say(f"{action.value}: rate limited, trying once more in {sent.retry_after or 30:.0f} s")
            io.clock.sleep(sent.retry_after or 30.0)
            sent = io.send(action)
        if not sent.ok:
            result = Result.REFUSED if sent.status in (400, 401, 403, 404, 429) else Result.FAILED
            detail = f"HTTP {sent.status}: {sent.message}" if sent.status else str(sent.message)
            attempt = Attempt(space, action, started, io.clock.now(), result, sent.status, sent.request_id,
                              stage_before, (), detail)
            io.say(f"{action.value}: {result.value} ({detail})" + (f", request id {sent.request_id}" if sent.request_id else ""))
            log.complete(row, attempt)
            return attempt
        io.say(f"{action.value}: accepted" + (f" ({sent.stage})" if sent.stage else "") + "; watching the Space")
        result, stage, timeline = _watch(io, watching, started, stage_before, sent.stage)
        attempt = Attempt(space, action, started, io.clock.now(), result, sent.status, sent.request_id, stage,
                          timeline, sent.message)
    except KeyboardInterrupt:
        log.complete(row, Attempt(space, action, started, io.clock.now(), Result.INTERRUPTED, detail="Ctrl-C"))
        raise
    log.complete(row, attempt)
    io.say(f"{action.value}: {attempt.result.value}" + (f", now {stage}" if stage else ""))
    return attempt


def _watch(io: Io, watching: Watching, started: float, stage_before: str | None,
           answered: str | None) -> tuple[Result, str | None, tuple[tuple[float, str], ...]]:
    deadline = started + watching.budget_s
    grace = started + min(watching.grace_s, watching.budget_s / 4)
    timeline: list[tuple[float, str]] = [(started, answered)] if answered else []
    stage = answered
    moved = answered is not None and answered != stage_before
    while True:
        now = io.clock.now()
        if now >= deadline:
            return Result.NO_EFFECT, stage, tuple(timeline)
        try:
            snap = Snapshot.from_runtime(io.fetch_runtime())
        except HubRateLimitError as exc:
            io.clock.sleep(min(max(exc.retry_after or watching.interval_s, watching.interval_s), max(0.0, deadline - now)))
            continue
        except HubError as exc:
            io.say(f"could not read the runtime ({exc}); looking again")
            io.clock.sleep(min(watching.interval_s, max(0.0, deadline - now)))
            continue
        io.record_snapshot(snap, now)
        if snap.stage != stage:
            timeline.append((now, snap.stage))
            stage = snap.stage
            moved = moved or stage != stage_before
        if stage in HEALTHY_STAGES:
            return Result.RECOVERED, stage, tuple(timeline)
        if stage in FAILED_STAGES and (moved or now >= grace):
            return Result.NOW_FAILING, stage, tuple(timeline)
        if stage in IDLE_STAGES and now >= grace:
            return Result.NO_EFFECT, stage, tuple(timeline)
        io.clock.sleep(min(watching.interval_s, max(0.0, deadline - now)))
