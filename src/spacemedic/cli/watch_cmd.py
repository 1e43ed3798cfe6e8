"""`spacemedic watch OWNER/SPACE`: poll, record every stage change, detect a stuck Space."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from spacemedic.cli.params import Choice

from spacemedic.cli.hub_options import FORMAT_HELP, Duration, db_option, hub_options, space_id
from spacemedic.cli.output import emit, progress


@click.command()
@click.argument("space")
@click.option("--interval", type=Duration(), default="30s", show_default=True, help="Time between polls.")
@click.option("--until", type=Choice(("running", "settled", "never")), default="running", show_default=True,
              help="Stop when the Space runs (or sleeps), when it settles in any final stage, or never (until --timeout).")
@click.option("--timeout", type=Duration(), default="2h", show_default=True, help="Length of the whole watch (not per request).")
@click.option("--margin", type=Duration(), default="5m", show_default=True, help="Grace beyond the startup timeout.")
@click.option("--notify-url", default=None, help="POST a JSON summary here on detection and at the end.")
@click.option("-f", "--format", "fmt", type=Choice(("human", "json")), default="human", show_default=True, help=FORMAT_HELP)
@db_option
@hub_options
def watch(
    space: str,
    interval: float,
    until: str,
    timeout: float,
    margin: float,
    notify_url: str | None,
    fmt: str,
    db: str | None,
    endpoint: str | None,
    token: str | None,
) -> int:
    """Watch a Space's runtime, record every stage change, and say when it is stuck.

    Exit 0 when the Space ended RUNNING, 1 when it ended stuck, failed or not running.
    """
    from spacemedic.history.store import HistoryStore
    from spacemedic.hub.runtime_poll import fetch_meta, fetch_runtime, fetch_stage_start, make_api
    from spacemedic.watch.clock import clock_from_env
    from spacemedic.watch.detect import Limits
    from spacemedic.watch.loop import WatchOptions, exit_code
    from spacemedic.watch.loop import watch as run_watch

    import time

    from spacemedic.hub.runtime_poll import REQUEST_BOX_S

    sid = space_id(space)
    api = make_api(endpoint, token, timeout=REQUEST_BOX_S)
    clock = clock_from_env()
    # --timeout is a wall-clock bound: no Hub call may run past it (each gets what is left).
    hard_end = time.monotonic() + timeout

    def box() -> float:
        return max(0.5, min(REQUEST_BOX_S, hard_end - time.monotonic()))

    options = WatchOptions(interval, until, timeout, Limits(margin_min=margin / 60.0))
    _line_buffered()
    reporter = _Reporter(sid, fmt, notify_url, started=clock.now())
    if fmt == "human":
        emit(f"{sid}: {WATCH_EVIDENCE}")
    with HistoryStore(db) as store, _sigterm_interrupts():
        if store.read_only:
            progress(f"spacemedic: the history database {store.path} cannot be written: watching anyway, "
                     "but nothing is recorded (pass --db with a writable file to keep the timeline)")
        try:
            result = run_watch(
                sid,
                fetch_runtime=lambda: fetch_runtime(api, sid, box()),
                fetch_meta=lambda: fetch_meta(api, sid, box=box()),
                store=store,
                clock=clock,
                options=options,
                hooks=reporter.hooks(),
                fetch_stage_start=lambda stage, raw: fetch_stage_start(api, sid, stage, raw),
            )
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: say what was seen before stopping
            reporter.stop_status()
            reporter.interrupted(clock.now())
            return 130
        finally:
            reporter.stop_status()
    reporter.finish(result)
    return exit_code(result)


WATCH_EVIDENCE = ("Evidence: watch polls the runtime (stage, errorMessage, hardware) and reads the log banner "
                  "that dates a build or a start; the logs' content, the status page, the other Spaces and the "
                  "direct URL are not collected (spacemedic diagnose reads them)")


def _line_buffered() -> None:
    """One line at a time even into a pipe (`watch ... | tee`), not a block at exit."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(line_buffering=True)
        except (ValueError, OSError):  # a stream that cannot be reconfigured keeps its buffering
            pass


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a service manager, `timeout`, `kill`) ends the watch like Ctrl-C: with a summary."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Reporter:
    """Turns loop callbacks into output: lines on stdout, a live status on stderr, webhooks."""

    def __init__(self, space_id: str, fmt: str, notify_url: str | None, started: float) -> None:
        self.space_id, self.fmt, self.notify_url = space_id, fmt, notify_url
        self.started = started
        self.diagnosis: Any = None
        self.stage_start: Any = None
        self.polls = self.errors = self.changes = 0
        self.last: tuple[str, float | None, float] | None = None  # stage, minutes in it, when seen
        self._status: Any = None
        if sys.stderr.isatty():
            from rich.console import Console

            self._status = Console(stderr=True).status(f"watching {space_id}")
            self._status.start()

    def hooks(self) -> Any:
        from spacemedic.watch.loop import Hooks

        return Hooks(on_event=self.event, on_detections=self.detected, on_status=self.status, on_error=self.error,
                     on_clock=self.clock)

    def clock(self, start: Any, now: float) -> None:
        from spacemedic.watch.timeline import format_duration, iso_utc

        self.stage_start = start
        if self.fmt == "human":
            emit(f"{self.space_id}: {start.stage} since {iso_utc(start.at)} by {start.source} "
                 f"({format_duration((now - start.at) / 60.0)} before this look)")

    def stop_status(self) -> None:
        if self._status is not None:
            self._status.stop()

    def event(self, ev: Any) -> None:
        from spacemedic.render.history_text import event_line

        self.changes += 1
        if self.last is None or self.last[0] != ev.stage:
            self.last = (ev.stage, 0.0, ev.at)
        if self.fmt == "human":
            emit(event_line(ev))

    def status(self, stage: str, minutes: float | None, now: float) -> None:
        from spacemedic.watch.timeline import format_duration, iso_utc

        self.polls += 1
        self.last = (stage, minutes, now)
        line = f"{self.space_id}: {stage} for {format_duration(minutes)} (last look {iso_utc(now)})"
        if self._status is not None:
            self._status.update(line)
        elif self.polls % 10 == 0:
            progress(line)

    def error(self, exc: Exception, wait: float) -> None:
        self.errors += 1
        progress(f"{self.space_id}: {exc}; retrying in {wait:.0f} s")

    def detected(self, new: Any, events: Any, now: float) -> None:
        from spacemedic.watch.summary import run_triage, signals_for, summary

        self.diagnosis = run_triage(signals_for(self.space_id, events, now, new, stage_start=self.stage_start))
        if self.fmt == "human":
            emit("\n".join(f"! {d.summary}" for d in new))
            emit(_diagnosis_text(self.diagnosis))
        self._notify(summary(self.space_id, event="detected", outcome=None, events=events, detections=new,
                             now=now, diagnosis=self.diagnosis))

    def finish(self, result: Any) -> None:
        from spacemedic.render.words import plural
        from spacemedic.watch.summary import run_triage, signals_for, summary
        from spacemedic.watch.timeline import format_duration

        if not result.healthy and self.diagnosis is None and not result.quiet_timeout:
            # Ended PAUSED or failed without a detection: still say what it most likely is.
            self.diagnosis = run_triage(signals_for(self.space_id, result.events, result.ended_at, result.detections,
                                                    stage_start=result.stage_start))
            if self.fmt == "human":
                emit(_diagnosis_text(self.diagnosis))

        payload = summary(self.space_id, event="ended", outcome=result.outcome, events=result.events,
                          detections=result.detections, now=result.ended_at, diagnosis=self.diagnosis)
        if self.fmt == "json":
            emit(json.dumps(payload, indent=2))
        else:
            counts = f"({plural(result.polls, 'look')}, {plural(result.errors, 'error')})"
            clock = f", {result.clock_source}" if result.clock_source else ""
            stage = f"{result.stage} for {format_duration(result.minutes_in_stage)}{clock}"
            if result.quiet_timeout:
                emit(f"{self.space_id}: the watch reached its --timeout with nothing wrong detected; "
                     f"{stage} {counts}")
            elif result.outcome == "sleeping":
                emit(f"{self.space_id}: ended sleeping (healthy: it wakes on the next visit), {stage} {counts}")
            else:
                emit(f"{self.space_id}: ended {result.outcome}, {stage} {counts}")
        self._notify(payload)

    def interrupted(self, now: float) -> None:
        """The summary when the watch is stopped from outside: what was seen, for how long."""
        from spacemedic.render.words import plural
        from spacemedic.watch.timeline import format_duration

        watched = format_duration(max(0.0, now - self.started) / 60.0)
        seen = f"last seen {self.last[0]} for {format_duration(self.last[1])}" if self.last else "the runtime was never read"
        line = (f"{self.space_id}: interrupted after watching for {watched}; {seen} "
                f"({plural(self.polls, 'look')}, {plural(self.changes, 'stage change')}, {plural(self.errors, 'error')})")
        if self.fmt == "json":
            emit(json.dumps({"schema": "spacemedic.watch/1", "space": self.space_id, "event": "interrupted",
                             "outcome": "interrupted", "stage": self.last[0] if self.last else None,
                             "watched_s": round(max(0.0, now - self.started), 1), "polls": self.polls,
                             "stage_changes": self.changes, "errors": self.errors, "text": line}, indent=2))
        else:
            emit(line)

    def _notify(self, payload: dict[str, Any]) -> None:
        if not self.notify_url:
            return
        from spacemedic.hub.notify import post_json

        failed = post_json(self.notify_url, payload)
        if failed is not None:
            progress(f"{self.space_id}: {failed.reason}")


def _diagnosis_text(diagnosis: Any) -> str:
    from spacemedic.models import Diagnosis
    from spacemedic.render.words import bucket_title

    if not isinstance(diagnosis, Diagnosis):
        return f"(no diagnosis: {diagnosis.reason})"
    from spacemedic.render.evidence import evidence_lines, insufficient_lines

    lines = ["  " + line for line in evidence_lines(diagnosis.evidence)]
    if diagnosis.evidence is not None and not diagnosis.evidence.enough:
        lines += ["  " + line for line in insufficient_lines(diagnosis.evidence)]
    for h in diagnosis.backed[:3]:  # a runner-up only with evidence of its own
        side = "HF side" if h.bucket.hf_side else "your repo"
        lines.append(f"  {bucket_title(h.bucket)} ({h.likelihood:.0%}, {h.confidence.value}, {side}): {h.summary}")
        lines += [f"    next: {s}" for s in h.next_steps[:2]]
    return "\n".join(lines) or "  (the classifier had no hypothesis)"
