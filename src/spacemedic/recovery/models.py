"""The frozen values of `spacemedic fix`: the plan, each attempt, and the outcome."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from spacemedic.recovery.ladder import COST, WHAT, Action, After
from spacemedic.models import Diagnosis


@dataclass(frozen=True)
class Step:
    """One rung of the plan: an action, or a rung left out and why."""

    action: Action
    why: str
    skipped: str | None = None  # the reason this rung will not be taken

    @property
    def what(self) -> str:
        return WHAT[self.action]

    @property
    def cost(self) -> str:
        return COST[self.action]

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action.value, "what": self.what, "why": self.why, "cost": self.cost,
                "skipped": self.skipped}


@dataclass(frozen=True)
class Plan:
    """What `fix` would do for one Space, decided from its diagnosis (pure, see fix.plan)."""

    space: str
    bucket: str | None
    summary: str
    steps: tuple[Step, ...]
    never: tuple[str, ...]
    after: After
    refused: str | None = None  # a guard rail that stops every action, with its reason

    @property
    def actions(self) -> tuple[Step, ...]:
        """The rungs that will be offered, in order."""
        return () if self.refused else tuple(s for s in self.steps if s.skipped is None)

    def to_dict(self) -> dict[str, Any]:
        return {"space": self.space, "bucket": self.bucket, "summary": self.summary,
                "steps": [s.to_dict() for s in self.steps], "never": list(self.never),
                "after": self.after.value, "refused": self.refused}


class Result(str, enum.Enum):
    """How one attempt ended."""

    RECOVERED = "recovered"  # the Space reached RUNNING
    NO_EFFECT = "no-effect"  # it stayed where it was (or went back) within the time allowed
    NOW_FAILING = "now-failing"  # it moved on and now fails visibly (a build or runtime error)
    REFUSED = "refused"  # the Hub refused the action (403, 400)
    FAILED = "failed"  # the action itself failed (5xx, timeout)
    DECLINED = "declined"  # the owner said no at the prompt
    INTERRUPTED = "interrupted"  # Ctrl-C while watching


@dataclass(frozen=True)
class Attempt:
    """One action taken (or declined), what the Hub said, and what the Space did after it."""

    space: str
    action: Action
    started_at: float
    ended_at: float
    result: Result
    http_status: int | None = None
    request_id: str | None = None
    stage_after: str | None = None
    timeline: tuple[tuple[float, str], ...] = ()  # (time, stage) seen while watching
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action.value, "started_at": self.started_at, "ended_at": self.ended_at,
                "result": self.result.value, "http_status": self.http_status, "request_id": self.request_id,
                "stage_after": self.stage_after, "timeline": [list(t) for t in self.timeline],
                "detail": self.detail}


class Ending(str, enum.Enum):
    RECOVERED = "recovered"
    NOT_RECOVERED = "not-recovered"
    NOTHING_TO_DO = "nothing-to-do"
    PLAN_ONLY = "plan-only"  # dry run, or no TTY and no --yes: nothing was changed
    STOPPED = "stopped"  # the owner declined a step, or a guard rail stopped the run


@dataclass(frozen=True)
class FixOutcome:
    """What `spacemedic fix` did: the diagnosis it acted on, the plan, every attempt, the end."""

    diagnosis: Diagnosis
    plan: Plan
    attempts: tuple[Attempt, ...]
    ending: Ending
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"schema": "spacemedic.fix/1", "ending": self.ending.value, "message": self.message,
                "plan": self.plan.to_dict(), "attempts": [a.to_dict() for a in self.attempts],
                "diagnosis": self.diagnosis.to_dict()}
