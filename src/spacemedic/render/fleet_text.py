"""The fleet view as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from spacemedic.fleet.patterns import FleetSpace, Pattern
from spacemedic.models import Hypothesis
from spacemedic.watch.timeline import format_duration


def render_human(
    author: str, spaces: Sequence[FleetSpace], tops: Mapping[str, Hypothesis], patterns: Sequence[Pattern]
) -> str:
    if not spaces:
        return f"{author}: no Spaces found"
    w = max(len(s.id) for s in spaces)
    lines = [f"{'SPACE':<{w}}  {'STAGE':<20} {'HARDWARE':<14} {'IN STAGE':>8}  TOP HYPOTHESIS"]
    for s in spaces:
        top = tops.get(s.id)
        note = f"{top.bucket.value} ({top.likelihood:.0%})" if top else (f"? {s.unavailable}" if s.unavailable else "")
        if s.stuck:
            note = f"STUCK ({s.clock_source}) " + note
        lines.append(
            f"{s.id:<{w}}  {s.stage or '?':<20} {s.hardware or '-':<14} "
            f"{format_duration(s.minutes_in_stage) if s.minutes_in_stage is not None else '-':>8}  {note}".rstrip()
        )
    bad = sum(1 for s in spaces if not s.healthy)
    lines += ["", f"{len(spaces)} Spaces, {bad} not running or sleeping"]
    for p in patterns:
        lines += ["", f"! {p.summary}", f"  suggests: {p.suggests}", "  " + ", ".join(p.spaces[:12])
                  + (f" and {len(p.spaces) - 12} more" if len(p.spaces) > 12 else "")]
    from spacemedic.sanitize import one_line

    return "\n".join(one_line(line) for line in lines)  # a newline in a Hub field cannot forge a row


def render_json(
    author: str, spaces: Sequence[FleetSpace], tops: Mapping[str, Hypothesis], patterns: Sequence[Pattern],
    unavailable: Sequence[Mapping[str, str]] = (),
) -> str:
    rows: list[dict[str, Any]] = []
    for s in spaces:
        row = s.to_dict()
        top = tops.get(s.id)
        row["top_hypothesis"] = top.to_dict() if top else None
        rows.append(row)
    return json.dumps(
        {
            "schema": "spacemedic.fleet/1",
            "author": author,
            "count": len(spaces),
            "not_healthy": sum(1 for s in spaces if not s.healthy),
            "spaces": rows,
            "patterns": [p.to_dict() for p in patterns],
            "unavailable": list(unavailable),
        },
        indent=2,
    )
