"""The fleet view as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from spacemedic.fleet.patterns import FleetSpace, Pattern
from spacemedic.models import Hypothesis
from spacemedic.render.words import bucket_title, plural
from spacemedic.watch.timeline import format_duration


def render_human(
    author: str, spaces: Sequence[FleetSpace], tops: Mapping[str, Hypothesis], patterns: Sequence[Pattern],
    sdk: str | None = None,
) -> str:
    if not spaces:
        return f"{author}: no Spaces found"
    w = max(len(s.id) for s in spaces)
    lines = [f"{'SPACE':<{w}}  {'STAGE':<20} {'HARDWARE':<14} {'IN STAGE':>8}  TOP HYPOTHESIS"]
    for s in spaces:
        top = tops.get(s.id)
        note = f"{bucket_title(top.bucket)} ({top.likelihood:.0%})" if top else (f"? {s.unavailable}" if s.unavailable else "")
        if s.stuck:
            note = f"STUCK ({s.clock_source}) " + note
        lines.append(
            f"{s.id:<{w}}  {s.stage or '?':<20} {s.hardware or '-':<14} "
            f"{format_duration(s.minutes_in_stage) if s.minutes_in_stage is not None else '-':>8}  {note}".rstrip()
        )
    bad = sum(1 for s in spaces if not s.healthy)
    lines += ["", f"{plural(len(spaces), 'Space')}, {bad} not running or sleeping"]
    unknown = sdk_unknown(spaces, sdk)
    if unknown:
        lines.append(f"{plural(unknown, 'Space')} with no SDK in the listing {'is' if unknown == 1 else 'are'} "
                     f"included: the filter --sdk {sdk} could not be applied to {'it' if unknown == 1 else 'them'}")
    for p in patterns:
        lines += ["", f"! {p.summary}", f"  suggests: {p.suggests}", "  " + ", ".join(p.spaces[:12])
                  + (f" and {len(p.spaces) - 12} more" if len(p.spaces) > 12 else "")]
    from spacemedic.sanitize import one_line

    return "\n".join(one_line(line) for line in lines)  # a newline in a Hub field cannot forge a row


def sdk_unknown(spaces: Sequence[FleetSpace], sdk: str | None) -> int:
    """How many Spaces kept under `--sdk` only because the listing did not say their SDK."""
    return sum(1 for s in spaces if s.sdk is None) if sdk else 0


def render_json(
    author: str, spaces: Sequence[FleetSpace], tops: Mapping[str, Hypothesis], patterns: Sequence[Pattern],
    unavailable: Sequence[Mapping[str, str]] = (), sdk: str | None = None,
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
            "sdk_filter": sdk,
            "sdk_unknown": sdk_unknown(spaces, sdk),
            "spaces": rows,
            "patterns": [p.to_dict() for p in patterns],
            "unavailable": list(unavailable),
        },
        indent=2,
    )
