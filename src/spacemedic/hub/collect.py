"""Run every collector at once, each in its own time box; return one `Bundle`.

Collectors run in daemon threads so a server that never answers cannot hold the process: the
caller stops waiting at the box and the thread is abandoned. The whole takes about as long as the
slowest collector. Only GET requests are ever sent.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from spacemedic.hub import collectors as c
from spacemedic.hub.bundle import Bundle, now_iso, scrub
from spacemedic.hub.log_stream import space_log
from spacemedic.hub.logs import LogBounds, LogCapture, read_log
from spacemedic.hub.reasons import timed_out, unavailable_from
from spacemedic.models import SourceState, Unavailable


@dataclass(frozen=True)
class CollectOptions:
    time_box: float = 10.0  # seconds per Hub / HTTP collector
    log_bounds: LogBounds = field(default_factory=LogBounds)


class _Job:
    def __init__(self, source: str, fn: Callable[[], Any], box: float) -> None:
        self.source, self.fn, self.box = source, fn, box
        self.result: Any = None
        self.error: BaseException | None = None
        self.elapsed: float | None = None
        self.done = threading.Event()

    def run(self) -> None:
        from spacemedic.hub.client import request_cap

        start = time.perf_counter()
        try:
            with request_cap(self.box):
                self.result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - becomes an Unavailable note
            self.error = exc
        finally:
            self.elapsed = time.perf_counter() - start
            self.done.set()


def _warm_up(box: float) -> None:
    """Import and build the HTTP clients before the clocks start: boxes measure the network.

    The client is spacemedic's (`runtime_poll.time_box`): timeouts, a byte cap on every answer but
    the log streams, and huggingface_hub's own log lines routed through the redaction layer."""
    import httpx  # noqa: F401
    from huggingface_hub import get_session

    from spacemedic.hub.runtime_poll import time_box

    time_box(box)  # installs spacemedic's client once (spacemedic.hub.client), capped at the box
    get_session()


def has_token(target: c.HubTarget) -> bool:
    if target.token:
        return True
    from huggingface_hub import get_token

    return bool(get_token())


def collect(target: c.HubTarget, options: CollectOptions = CollectOptions()) -> Bundle:
    """Read everything about `target.repo_id` concurrently. Never raises for Hub failures."""
    _warm_up(options.time_box)
    api = c.make_api(target)
    box, bounds = options.time_box, options.log_bounds
    jobs: dict[str, _Job] = {}
    token = has_token(target)

    def log_job(build: bool) -> Callable[[], Any]:
        def source() -> Any:
            return space_log(api, target.repo_id, build=build)

        return lambda: read_log(source, "build" if build else "run", bounds, has_token=token)

    def probe() -> Any:
        info = jobs["space info"]
        if not info.done.wait(box):
            raise LookupError("no app URL: the Space info did not answer in time")
        host = (info.result or {}).get("host") if info.error is None else None
        if not host:
            raise LookupError("no app URL: the Space info could not be read, and the host is never guessed")
        return c.app_probe(str(host), target)

    specs: list[tuple[str, Callable[[], Any], float]] = [
        ("runtime", lambda: c.runtime(api, target), box),
        ("space info", lambda: c.info(api, target), box),
        ("commits", lambda: c.commits(api, target), box),
        ("other spaces", lambda: c.other_spaces(api, target), box),
        ("status page", lambda: c.status_page(target), box),
        ("build logs", log_job(True), bounds.max_seconds + 2),
        ("run logs", log_job(False), bounds.max_seconds + 2),
        ("app url", probe, box + target.http_timeout + 1),
    ]
    started = time.perf_counter()
    for source, fn, limit in specs:
        jobs[source] = job = _Job(source, fn, limit)
        threading.Thread(target=job.run, name=f"collect-{source}", daemon=True).start()

    notes: list[Unavailable] = []
    values: dict[str, Any] = {}
    timings: dict[str, float] = {}
    for source, job in jobs.items():
        remaining = started + job.box - time.perf_counter()
        if not job.done.wait(max(0.0, remaining)):
            notes.append(timed_out(source, job.box))
            continue
        timings[source] = round(job.elapsed or 0.0, 3)
        if job.error is not None:
            note = unavailable_from(source, job.error, has_token=token)
            if isinstance(job.error, LookupError):
                note = Unavailable(source, str(job.error), SourceState.NOT_COLLECTED)
            notes.append(note)
            continue
        if source.endswith("logs"):
            capture, note = job.result
            if note is not None:
                notes.append(note)
            values[source] = capture
            continue
        values[source] = job.result

    def logs(source: str) -> LogCapture | None:
        value = values.get(source)
        return value if isinstance(value, LogCapture) else None

    return Bundle(
        space=target.repo_id,
        collected_at=now_iso(),
        endpoint=target.endpoint,
        runtime=scrub(values["runtime"]) if "runtime" in values else None,
        info=scrub(values["space info"]) if "space info" in values else None,
        commits=tuple(scrub(values["commits"])) if "commits" in values else None,
        other_spaces=tuple(scrub(values["other spaces"])) if "other spaces" in values else None,
        status_page=scrub(values["status page"]) if "status page" in values else None,
        app=scrub(values["app url"]) if "app url" in values else None,
        build_log=logs("build logs"),
        run_log=logs("run logs"),
        unavailable=tuple(Unavailable(n.source, scrub(n.reason), n.state) for n in notes),
        timings=timings,
    )
