"""The watch loop: poll, record, detect, report. I/O comes in as functions; time as a Clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from spacemedic.errors import HubAuthError, HubError, HubNotFoundError, HubRateLimitError
from spacemedic.history.store import HistoryStore
from spacemedic.hub.runtime_poll import SpaceMeta
from spacemedic.watch.clock import Clock
from spacemedic.watch.detect import Detection, Kind, Limits, detect
from spacemedic.watch.platform_clock import StageStart, time_in_stage
from spacemedic.watch.timeline import FAILED_STAGES, HEALTHY_STAGES, SETTLED_STAGES, Event, Snapshot, segments

UNTIL = ("running", "settled", "never")
MAX_BACKOFF_S = 300.0
META_EVERY_S = 300.0
# Stages after which waiting for RUNNING is pointless without someone acting (a sleeping Space
# wakes only when visited).
_DEAD_ENDS = FAILED_STAGES | frozenset({"PAUSED", "STOPPED", "DELETING"})
# A sleeping Space is healthy, as in `fleet`: it wakes on the next visit.
SLEEPING = "SLEEPING"


@dataclass(frozen=True)
class WatchOptions:
    interval_s: float = 30.0
    until: str = "running"
    timeout_s: float = 7200.0
    limits: Limits = field(default_factory=Limits)
    limits_from_space: bool = True  # take the startup timeout from the Space's README


@dataclass(frozen=True)
class WatchResult:
    space_id: str
    outcome: str  # running | sleeping | settled | stuck | failed | timeout
    stage: str | None
    minutes_in_stage: float | None
    events: tuple[Event, ...]
    detections: tuple[Detection, ...]
    polls: int
    errors: int
    limits: Limits
    started_at: float
    ended_at: float
    stage_start: StageStart | None = None  # the platform-proven start of the last stage, if known
    clock_source: str | None = None  # what minutes_in_stage comes from

    @property
    def healthy(self) -> bool:
        return (self.stage in HEALTHY_STAGES or self.stage == SLEEPING) and self.outcome not in ("stuck", "failed")

    @property
    def quiet_timeout(self) -> bool:
        """The watch reached its --timeout with nothing detected and no failed stage."""
        return self.outcome == "timeout" and not self.detections and self.stage not in FAILED_STAGES


@dataclass
class Hooks:
    """What the loop tells the outside world. All optional."""

    on_event: Callable[[Event], None] = lambda ev: None
    on_detections: Callable[[tuple[Detection, ...], tuple[Event, ...], float], None] = lambda d, e, t: None
    on_status: Callable[[str, float | None, float], None] = lambda stage, minutes, now: None
    on_error: Callable[[HubError, float], None] = lambda exc, wait: None
    # The platform's timestamps date the current stage earlier than the first look (a log banner).
    on_clock: Callable[[StageStart, float], None] = lambda start, now: None


def watch(
    space_id: str,
    *,
    fetch_runtime: Callable[[], dict[str, Any]],
    fetch_meta: Callable[[], SpaceMeta] | None,
    store: HistoryStore,
    clock: Clock,
    options: WatchOptions = WatchOptions(),
    hooks: Hooks | None = None,
    fetch_stage_start: Callable[[str, dict[str, Any]], StageStart | None] | None = None,
) -> WatchResult:
    """Poll until the `until` condition, a detection that ends the watch, or the timeout.

    `fetch_stage_start(stage, runtime)` asks the platform once per stage when it began (the build
    log's banner, say); the time in stage is then the longer of that and what the watch saw.

    Raises HubNotFoundError / HubAuthError when the Space cannot be read at all, and HubError when
    no poll succeeded before the timeout.
    """
    hooks = hooks or Hooks()
    limits = options.limits
    started = clock.now()
    deadline = started + options.timeout_s
    next_meta, sha = started, None
    backoff = options.interval_s
    polls = errors = 0
    seen: set[Kind] = set()
    found: list[Detection] = []
    outcome, snap = "timeout", None
    platform: StageStart | None = None
    asked_for: str | None = None
    while True:
        now = clock.now()
        if now >= deadline:
            break
        if fetch_meta is not None and now >= next_meta:
            next_meta = now + META_EVERY_S
            try:
                meta = fetch_meta()
            except HubError as exc:  # the runtime alone still tells the stage
                hooks.on_error(HubError(f"{exc} (head commit and startup timeout unknown)"), 0.0)
            else:
                sha = meta.sha
                if options.limits_from_space and meta.startup_timeout_min:
                    limits = replace(limits, startup_timeout_min=meta.startup_timeout_min)
        try:
            raw = fetch_runtime()
        except (HubNotFoundError, HubAuthError):
            if polls == 0:
                raise
            errors += 1
            wait = backoff = min(backoff * 2, MAX_BACKOFF_S)
            hooks.on_error(HubError("the Space disappeared or became private"), wait)
            clock.sleep(min(wait, max(0.0, deadline - clock.now())))  # the failed call took time too
            continue
        except HubError as exc:
            errors += 1
            backoff = min(backoff * 2, MAX_BACKOFF_S)
            retry = exc.retry_after if isinstance(exc, HubRateLimitError) else None
            wait = max(retry, options.interval_s) if retry is not None else backoff
            hooks.on_error(exc, wait)
            clock.sleep(min(wait, max(0.0, deadline - clock.now())))
            continue
        polls += 1
        backoff = options.interval_s
        snap = Snapshot.from_runtime(raw, sha)
        event = store.record(space_id, snap, now)
        if event is not None:
            hooks.on_event(event)
        if fetch_stage_start is not None and asked_for != snap.stage:
            asked_for, platform = snap.stage, None
            try:
                platform = fetch_stage_start(snap.stage, raw)
            except Exception:  # noqa: BLE001 - the platform's clock is a bonus; the watch goes on without it
                platform = None
            if platform is not None:
                hooks.on_clock(platform, now)
        events = store.events(space_id)
        detections = detect(events, now, limits, platform)
        new = tuple(d for d in detections if d.kind not in seen)
        if new:
            seen.update(d.kind for d in new)
            found.extend(new)
            hooks.on_detections(new, events, now)
        seg = segments(events, until=now)[-1] if events else None
        hooks.on_status(snap.stage, time_in_stage(seg.stage, seg.start, now, platform)[0] if seg else None, now)
        verdict = _verdict(options.until, snap.stage, detections)
        if verdict is not None:
            outcome = verdict
            break
        clock.sleep(min(options.interval_s, max(0.0, deadline - clock.now())))
    ended = clock.now()
    if polls == 0:
        raise HubError(f"could not read the runtime of {space_id} in {int(options.timeout_s)} s ({errors} errors)")
    events = store.events(space_id)
    seg = segments(events, until=ended)[-1] if events else None
    in_stage = time_in_stage(seg.stage, seg.start, ended, platform) if seg else None
    return WatchResult(
        space_id=space_id,
        outcome=outcome,
        stage=snap.stage if snap else None,
        minutes_in_stage=in_stage[0] if in_stage else None,
        events=events,
        detections=tuple(found),
        polls=polls,
        errors=errors,
        limits=limits,
        started_at=started,
        ended_at=ended,
        stage_start=platform,
        clock_source=in_stage[1] if in_stage else None,
    )


def _verdict(until: str, stage: str, detections: tuple[Detection, ...]) -> str | None:
    if until == "never":
        return None
    if stage in HEALTHY_STAGES:
        return "running"
    if stage == SLEEPING:
        return "sleeping"
    if any(d.kind is Kind.FAILED for d in detections):
        return "failed"
    if detections:
        return "stuck"
    if until == "settled" and stage in SETTLED_STAGES:
        return "settled"
    if until == "running" and stage in _DEAD_ENDS:
        return "settled"
    return None


def exit_code(result: WatchResult) -> int:
    """0 when the Space ended healthy (RUNNING or SLEEPING), else 1."""
    return 0 if result.healthy else 1
