"""What a watch says when it ends or detects something: evidence for triage and the JSON summary.

Pure: the webhook payload is built here and posted by `spacemedic.hub.notify`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacemedic.models import Diagnosis, Observations, Signals, SourceSeen, SourceState, Unavailable
from spacemedic.watch.detect import Detection, Kind
from spacemedic.watch.platform_clock import StageStart, time_in_stage
from spacemedic.watch.timeline import Event, format_duration, iso_utc, segments


def signals_for(space_id: str, events: Sequence[Event], now: float, detections: Sequence[Detection], sdk: str | None = None,
                stage_start: StageStart | None = None) -> Signals:
    """The classifier's input, with the time in stage (seen or platform-proven) as evidence."""
    last = events[-1] if events else None
    seg = segments(events, until=now)[-1] if events else None
    clock = time_in_stage(seg.stage, seg.start, now, stage_start) if seg else None
    kinds = {d.kind for d in detections}
    since = None
    if seg and clock:
        start = stage_start.at if stage_start is not None and clock[1] == stage_start.source else seg.start
        since = (iso_utc(start), clock[1])
    return Signals(
        id=space_id,
        runtime_stage=last.stage if last else None,
        error_message=last.error_message if last else None,
        observations=Observations(
            hub_page_state=last.stage if last else None,
            stage_duration_minutes=round(clock[0], 2) if clock else None,
            new_commit_triggers_build=False if Kind.COMMIT_NOT_BUILDING in kinds else None,
            hardware=last.hardware if last else None,
            sdk=sdk,
        ),
        stage_since=since,
        sources=_WATCH_SOURCES if last else (),
    )


# What a watch reads: the runtime, on every look; the rest is for `spacemedic diagnose`.
_WATCH_SOURCES = (SourceSeen("runtime", SourceState.ANSWERED),) + tuple(
    SourceSeen(s, SourceState.NOT_COLLECTED)
    for s in ("space info", "commits", "other spaces", "status page", "build logs", "run logs", "app url"))


def run_triage(signals: Signals) -> Diagnosis | Unavailable:
    """The classifier's diagnosis, or why there is none (the triage package may be absent)."""
    try:
        from spacemedic.triage import diagnose
    except ImportError:
        return Unavailable("triage", "the classifier (spacemedic.triage) is not installed")
    try:
        result = diagnose(signals)
    except Exception as exc:  # noqa: BLE001 - a classifier bug must not kill a watch that ran for hours
        return Unavailable("triage", f"the classifier failed: {type(exc).__name__}")
    return result if isinstance(result, Diagnosis) else Unavailable("triage", "the classifier returned no diagnosis")


def summary(
    space_id: str,
    *,
    event: str,
    outcome: str | None,
    events: Sequence[Event],
    detections: Sequence[Detection],
    now: float,
    diagnosis: Diagnosis | Unavailable | None = None,
) -> dict[str, Any]:
    """The JSON summary (`spacemedic.watch/1`), also the webhook body.

    `text` (Slack) and `content` (Discord) carry the one-line summary so both webhooks show it.
    """
    seg = segments(events, until=now)[-1] if events else None
    stage = seg.stage if seg else None
    headline = f"{space_id}: {stage or 'unknown'}"
    if seg:
        headline += f" for {format_duration(seg.minutes)}"
    if detections:
        headline += " - " + "; ".join(d.summary for d in detections)
    top = diagnosis.top if isinstance(diagnosis, Diagnosis) else None
    if top is not None:
        headline += f" - likely {top.bucket.value}"
    return {
        "schema": "spacemedic.watch/1",
        "event": event,
        "space": space_id,
        "url": f"https://huggingface.co/spaces/{space_id}",
        "outcome": outcome,
        "stage": stage,
        "minutes_in_stage": round(seg.minutes, 2) if seg else None,
        "at": iso_utc(now),
        "detections": [d.to_dict() for d in detections],
        "timeline": [e.to_dict() for e in events],
        "diagnosis": diagnosis.to_dict() if diagnosis is not None else None,
        "text": headline,
        "content": headline[:1900],
    }
