"""What the user says they already tried, as an Observations overlay (pure, shared by the
case path and the live path).

    --tried restart=failed|succeeded|no-effect     --tried factory-rebuild=...
    --tried new-commit=build|no-build              --in-stage-since 12h (90m, 2d, 45s)
    --other-users-affected yes|no                  --works-locally yes|no
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Iterable

from spacemedic.errors import UsageError
from spacemedic.models import Finding, Observations, Outcome, Signals, Unavailable

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days)?\s*$", re.I)
_UNIT_MINUTES = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0}
_OUTCOMES = {
    "failed": Outcome.FAILED, "fail": Outcome.FAILED, "error": Outcome.FAILED,
    "succeeded": Outcome.SUCCEEDED, "success": Outcome.SUCCEEDED, "worked": Outcome.SUCCEEDED, "ok": Outcome.SUCCEEDED,
    "no-effect": Outcome.NO_EFFECT, "no_effect": Outcome.NO_EFFECT, "noeffect": Outcome.NO_EFFECT,
    "nothing": Outcome.NO_EFFECT, "not-tried": Outcome.NOT_TRIED,
}
_ACTIONS = {"restart": "restart", "factory-rebuild": "factory_rebuild", "factory_rebuild": "factory_rebuild",
            "factory": "factory_rebuild", "rebuild": "factory_rebuild"}


def parse_duration_minutes(text: str) -> float:
    """'90m' -> 90.0, '12h' -> 720.0, '2d' -> 2880.0, a bare number is minutes."""
    m = _DURATION.match(text or "")
    if not m:
        raise ValueError(f"not a duration: {text!r} (use e.g. 90m, 12h, 2d)")
    unit = (m.group(2) or "m")[0].lower()
    minutes = float(m.group(1)) * _UNIT_MINUTES[unit]
    if not math.isfinite(minutes):
        raise ValueError(f"not a duration: {text!r} (too large)")
    return minutes


def parse_yes_no(text: str | None, option: str) -> bool | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value in ("yes", "y", "true", "1"):
        return True
    if value in ("no", "n", "false", "0"):
        return False
    raise UsageError(f"{option} takes yes or no, not {text!r}")


def parse_tried(values: Iterable[str]) -> dict[str, object]:
    """`--tried ACTION=OUTCOME` values -> Observations field changes."""
    changes: dict[str, object] = {}
    for item in values:
        action, sep, outcome = item.partition("=")
        action, outcome = action.strip().lower(), outcome.strip().lower()
        if not sep:
            raise UsageError(f"--tried takes ACTION=OUTCOME, e.g. restart=failed, not {item!r}")
        if action in ("new-commit", "new_commit", "commit"):
            if outcome not in ("build", "no-build", "no_build", "builds", "nobuild"):
                raise UsageError(f"--tried new-commit takes build or no-build, not {outcome!r}")
            changes["new_commit_triggers_build"] = outcome in ("build", "builds")
            continue
        if action not in _ACTIONS:
            raise UsageError(f"--tried: unknown action {action!r} (restart, factory-rebuild, new-commit)")
        if outcome not in _OUTCOMES:
            raise UsageError(f"--tried {action}: unknown outcome {outcome!r} (failed, succeeded, no-effect)")
        changes[_ACTIONS[action]] = _OUTCOMES[outcome]
    return changes


def user_overlay(
    *,
    tried: Iterable[str] = (),
    in_stage_since: str | None = None,
    other_users_affected: str | None = None,
    works_locally: str | None = None,
) -> dict[str, object]:
    """All the user-supplied facts as Observations field changes (raises UsageError)."""
    changes = parse_tried(tried)
    if in_stage_since is not None:
        try:
            changes["stage_duration_minutes"] = parse_duration_minutes(in_stage_since)
        except ValueError as exc:
            raise UsageError(f"--in-stage-since: {exc}") from exc
    for field, value, option in (
        ("other_users_affected", other_users_affected, "--other-users-affected"),
        ("works_locally", works_locally, "--works-locally"),
    ):
        parsed = parse_yes_no(value, option)
        if parsed is not None:
            changes[field] = parsed
    return changes


def apply_overlay(obs: Observations, changes: dict[str, object]) -> Observations:
    """What the user says wins over what was collected."""
    return dataclasses.replace(obs, **changes) if changes else obs  # type: ignore[arg-type]


def enrich(
    item: Signals, changes: dict[str, object], findings: tuple[Finding, ...], unavailable: tuple[Unavailable, ...],
    *, linted: bool = False,
) -> Signals:
    """The user's flags and the local lint findings on top of what was read or collected.

    `linted`: a local checkout was linted (so "no findings" is known, not merely absent)."""
    since = item.stage_since
    if "stage_duration_minutes" in changes:
        since = ("", "what you said (--in-stage-since)")
    return dataclasses.replace(
        item,
        observations=apply_overlay(item.observations, changes),
        lint=item.lint + findings,
        unavailable=item.unavailable + unavailable,
        linted=item.linted or linted,
        stage_since=since,
    )
