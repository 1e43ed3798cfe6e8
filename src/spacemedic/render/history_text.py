"""The recorded timeline as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from spacemedic.recovery.models import Attempt
from spacemedic.recovery.record import tried_lines
from spacemedic.watch.detect import Detection
from spacemedic.watch.timeline import Event, format_duration, segments


def event_line(ev: Event) -> str:
    """One recorded change: UTC (and local time when it differs), stage, hardware, short sha, the
    first line of the error."""
    local = ev.at_local
    same = local.endswith(("+00:00", "Z")) and local[:19] == ev.at_utc[:19]
    parts = [ev.at_utc] + ([] if same else [f"(local {local})"]) + [f"{ev.stage:<20}"]
    if ev.hardware:
        parts.append(f"[{ev.hardware}]")
    if ev.sha:
        parts.append(f"sha {ev.sha[:8]}")
    if ev.error_message:
        first = ev.error_message.strip().splitlines()[0][:160] if ev.error_message.strip() else ""
        parts.append(f"- {first}")
    from spacemedic.sanitize import one_line

    return one_line("  ".join(parts))  # stage and hardware come from the Hub: a newline cannot forge a row


def render_human(space_id: str, events: Sequence[Event], now: float, detections: Sequence[Detection] = (),
                 attempts: Sequence[Attempt] = ()) -> str:
    if not events and not attempts:
        return f"{space_id}: nothing recorded yet (run `spacemedic watch {space_id}`)"
    lines = [f"{space_id}: {len(events)} recorded changes", ""]
    lines += [event_line(ev) for ev in events]
    lines.append("")
    lines.append("time in each stage:")
    segs = segments(events, until=now)
    for i, seg in enumerate(segs):
        note = " (current, until now)" if i == len(segs) - 1 else ""
        lines.append(f"  {seg.stage:<20} {format_duration(seg.minutes):>8}{note}")
    if detections:
        lines.append("")
        lines += [f"! {d.summary}" for d in detections]
    if attempts:
        lines += ["", "actions taken by spacemedic fix:"]
        lines += [f"  {line}" for line in tried_lines(attempts)]
        lines += [f"  {a.action.value}: declined at the prompt" for a in attempts if a.result.value == "declined"]
    return "\n".join(lines)


def render_json(space_id: str, events: Sequence[Event], now: float, detections: Sequence[Detection] = (),
                attempts: Sequence[Attempt] = ()) -> str:
    segs = segments(events, until=now)
    return json.dumps(
        {
            "schema": "spacemedic.history/1",
            "space": space_id,
            "events": [e.to_dict() for e in events],
            "segments": [
                {"stage": s.stage, "minutes": round(s.minutes, 2), "current": i == len(segs) - 1}
                for i, s in enumerate(segs)
            ],
            "detections": [d.to_dict() for d in detections],
            "attempts": [a.to_dict() for a in attempts],
        },
        indent=2,
    )
