"""A self-contained HTML page with the stage timeline as an inline SVG chart.

No scripts, no fonts, no external assets: the file opens the same offline, attached to a support
ticket, or in a headless browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from spacemedic.recovery.models import Attempt
from spacemedic.recovery.record import tried_lines
from spacemedic.watch.detect import Detection
from spacemedic.watch.timeline import Event, Segment, format_duration, iso_utc, segments

COLORS = {
    "RUNNING": "#2e9e44",
    "BUILDING": "#e0a800",
    "RUNNING_BUILDING": "#9bc53d",
    "APP_STARTING": "#f2c94c",
    "RUNNING_APP_STARTING": "#b5d96b",
    "PAUSED": "#8e8e93",
    "SLEEPING": "#5b8def",
    "STOPPED": "#5b8def",
    "BUILD_ERROR": "#d64545",
    "RUNTIME_ERROR": "#b02a2a",
    "CONFIG_ERROR": "#e0663a",
    "NO_APP_FILE": "#e0663a",
}
OTHER = "#444444"
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d1d1f;background:#fff}
h1{font-size:1.3rem}table{border-collapse:collapse;margin-top:1rem;font-size:.9rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
.alert{background:#fff4e5;border-left:4px solid #e0a800;padding:.5rem .8rem;margin:.5rem 0}
svg text{font-size:11px;fill:#1d1d1f}
"""
WIDTH, BAR_Y, BAR_H, LEFT, RIGHT = 960, 30, 36, 10, 10


def render(space_id: str, events: Sequence[Event], now: float, detections: Sequence[Detection] = (),
           attempts: Sequence[Attempt] = ()) -> str:
    segs = segments(events, until=now)
    title = f"spacemedic timeline: {space_id}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Generated {escape(iso_utc(now))}. {len(events)} recorded changes.</p>",
    ]
    parts += [f'<div class="alert">{escape(d.summary)}</div>' for d in detections]
    parts.append(_chart(segs, attempts))
    parts.append(_legend(segs))
    parts.append(_table(events))
    if attempts:
        items = "".join(f"<li>{escape(line)}</li>" for line in tried_lines(attempts))
        parts.append(f'<h2>Actions taken by spacemedic fix</h2><ul id="attempts">{items}</ul>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _chart(items: Sequence[Segment], attempts: Sequence[Attempt] = ()) -> str:
    svg = [
        (
            f'<svg id="stage-timeline" role="img" aria-label="stage timeline" xmlns="http://www.w3.org/2000/svg"'
            f' width="{WIDTH}" height="{BAR_Y + BAR_H + 40}" viewBox="0 0 {WIDTH} {BAR_Y + BAR_H + 40}">'
        )
    ]
    if not items:
        svg.append('<text x="10" y="20">nothing recorded yet</text></svg>')
        return "".join(svg)
    marks = [a.started_at for a in attempts]
    t0 = min([items[0].start, *marks])
    t1 = max([items[-1].end, items[0].start + 1, *marks])
    span, usable = t1 - t0, WIDTH - LEFT - RIGHT
    for seg in items:
        x = LEFT + (seg.start - t0) / span * usable
        w = max(2.0, (seg.end - seg.start) / span * usable)
        color = COLORS.get(seg.stage, OTHER)
        label = f"{seg.stage} {format_duration(seg.minutes)} from {iso_utc(seg.start)}"
        svg.append(
            f'<rect class="stage" data-stage="{escape(seg.stage)}" x="{x:.1f}" y="{BAR_Y}" width="{w:.1f}"'
            f' height="{BAR_H}" fill="{color}"><title>{escape(label)}</title></rect>'
        )
        if w > 70:
            svg.append(f'<text x="{x + 3:.1f}" y="{BAR_Y - 6}">{escape(seg.stage)}</text>')
    for a in attempts:  # each action as a mark across the bar, where it happened
        x = LEFT + (a.started_at - t0) / span * usable
        svg.append(
            f'<line class="action" data-action="{escape(a.action.value)}" x1="{x:.1f}" x2="{x:.1f}" y1="{BAR_Y - 4}"'
            f' y2="{BAR_Y + BAR_H + 4}" stroke="#1d1d1f" stroke-width="2"><title>{escape(a.action.value)} at '
            f'{escape(iso_utc(a.started_at))}: {escape(a.result.value)}</title></line>'
        )
    svg.append(f'<text x="{LEFT}" y="{BAR_Y + BAR_H + 16}">{escape(iso_utc(t0))}</text>')
    svg.append(f'<text x="{WIDTH - RIGHT}" y="{BAR_Y + BAR_H + 16}" text-anchor="end">{escape(iso_utc(t1))}</text>')
    svg.append("</svg>")
    return "".join(svg)


def _legend(segs: Sequence[Segment]) -> str:
    stages = list(dict.fromkeys(s.stage for s in segs))
    items = "".join(f'<span><i style="background:{COLORS.get(s, OTHER)}"></i>{escape(s)}</span>' for s in stages)
    return f'<div class="legend">{items}</div>'


def _table(events: Sequence[Event]) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{escape(e.at_utc)}</td><td>{escape(e.at_local)}</td><td>{escape(e.stage)}</td>"
        f"<td>{escape(e.hardware or '')}</td><td>{escape((e.sha or '')[:8])}</td>"
        f"<td>{escape((e.error_message or '')[:300])}</td>"
        "</tr>"
        for e in events
    )
    head = "<tr><th>UTC</th><th>local</th><th>stage</th><th>hardware</th><th>sha</th><th>error</th></tr>"
    return f'<table id="transitions">{head}{rows}</table>'
