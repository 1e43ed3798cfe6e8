"""Recorded attempts as the report and the classifier read them. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from spacemedic.recovery.ladder import Action
from spacemedic.recovery.models import Attempt, Result
from spacemedic.watch.timeline import iso_utc

_TRIED = {
    Result.RECOVERED: "succeeded", Result.NO_EFFECT: "no-effect", Result.FAILED: "failed",
    Result.REFUSED: "failed", Result.NOW_FAILING: "no-effect",
}


def tried_forms(attempts: Sequence[Attempt]) -> tuple[str, ...]:
    """`--tried` forms for what spacemedic did (the last outcome of each action wins)."""
    forms: dict[str, str] = {}
    for a in attempts:
        outcome = _TRIED.get(a.result)
        if outcome is None:
            continue
        if a.action is Action.RESTART:
            forms["restart"] = f"restart={outcome}"
        elif a.action is Action.FACTORY_REBUILD:
            forms["factory-rebuild"] = f"factory-rebuild={outcome}"
        elif a.action is Action.NOOP_COMMIT and a.result is Result.NO_EFFECT:
            forms["new-commit"] = "new-commit=no-build"
    return tuple(forms.values())


def tried_lines(attempts: Sequence[Attempt]) -> tuple[str, ...]:
    """One sentence per attempt for the report's "Already tried", with UTC times and request ids."""
    lines = []
    for a in sorted(attempts, key=lambda x: x.started_at):
        if a.result is Result.DECLINED:
            continue
        text = f"{a.action.value} at {iso_utc(a.started_at)} (by spacemedic fix): {a.result.value.replace('-', ' ')}"
        if a.http_status and a.http_status >= 400:
            text += f", HTTP {a.http_status}"
        if a.request_id:
            text += f", request id {a.request_id}"
        if a.timeline:
            text += "; stages after it: " + " → ".join(f"{s} ({iso_utc(t)[11:19]})" for t, s in a.timeline)
        elif a.stage_after:
            text += f"; stage after it: {a.stage_after}"
        lines.append(text)
    return tuple(lines)


def attempt_request_ids(attempts: Sequence[Attempt]) -> tuple[str, ...]:
    """The Hub's request ids of the actions, with what each was and when (support correlates them)."""
    return tuple(f"{a.request_id} ({a.action.value} at {iso_utc(a.started_at)}, HTTP {a.http_status or '?'})"
                 for a in sorted(attempts, key=lambda x: x.started_at) if a.request_id)
