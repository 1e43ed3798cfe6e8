"""Read a Space's build or run log within bounds: lines kept, bytes read, seconds waited.

The Hub's log stream may never close (keep-alives forever) or may be huge. `fetch_space_logs`
is drained in a daemon thread that keeps only the last `max_lines` lines in a deque; the caller
waits at most `max_seconds` and takes what has arrived. Memory stays bounded whatever the size.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from spacemedic.models import LogState, Unavailable
from spacemedic.redact import redact

SILENT_END_S = 4.5  # huggingface_hub's no-follow read timeout (5 s), less a margin
QUEUED = re.compile(r"=====\s*Build Queued at ([0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:]{8})(?:[^=]*?Commit SHA:\s*([0-9a-f]{7,40}))?")
STARTUP = re.compile(r"=====\s*Application Startup at ([0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:]{8})")


@dataclass(frozen=True)
class LogBounds:
    max_lines: int = 400
    max_bytes: int = 32 * 1024 * 1024
    max_seconds: float = 8.0
    max_line_chars: int = 4000
    idle_seconds: float = 1.0  # after the first line: the Hub replays history at once, then goes quiet


@dataclass(frozen=True)
class LogCapture:
    """The tail of one log, how much was read, and what it says at a glance."""

    kind: str  # "build" | "run"
    text: str
    state: LogState
    lines_read: int = 0
    bytes_read: int = 0
    stopped: str | None = None  # why reading stopped early, if it did
    queued_at: str | None = None  # last "Build Queued at" time (UTC, as printed)
    queued_sha: str | None = None  # the commit that build was for
    startup_at: str | None = None  # last "Application Startup at" time

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "state": self.state.value, "lines_read": self.lines_read,
                "bytes_read": self.bytes_read, "stopped": self.stopped, "queued_at": self.queued_at,
                "queued_sha": self.queued_sha, "startup_at": self.startup_at, "text": self.text}


class _Reader:
    """Accumulates lines; thread-safe snapshot."""

    def __init__(self, kind: str, bounds: LogBounds) -> None:
        self.kind, self.bounds = kind, bounds
        self.tail: deque[str] = deque(maxlen=bounds.max_lines)
        self.lines = self.nbytes = 0
        self.has_output = False
        self.queued_at: str | None = None
        self.queued_sha: str | None = None
        self.startup_at: str | None = None
        self.stopped: str | None = None
        self.error: BaseException | None = None
        self.last_line_at: float | None = None
        self.waiting_since: float | None = None  # when the worker last asked the stream for a line
        self.lock = threading.Lock()
        self.halt = threading.Event()
        self.done = threading.Event()

    def feed(self, line: str) -> bool:
        """Take one line; False when a bound says stop."""
        line = line if isinstance(line, str) else str(line)
        with self.lock:
            self.lines += 1
            self.nbytes += len(line)
            clipped = line[: self.bounds.max_line_chars]
            if (m := QUEUED.search(clipped)) is not None:
                self.queued_at, self.queued_sha = m.group(1), m.group(2)
            elif (s := STARTUP.search(clipped)) is not None:
                self.startup_at = s.group(1)
                self.has_output = True
            elif clipped.strip():
                self.has_output = True
            self.tail.append(clipped.rstrip("\n"))
            self.last_line_at = time.monotonic()
            if self.nbytes >= self.bounds.max_bytes:
                self.stopped = f"stopped after {self.bounds.max_bytes} bytes (byte bound); kept the last {len(self.tail)} lines"
                return False
        return not self.halt.is_set()

    def run(self, source: Callable[[], Iterable[str]]) -> None:
        stream: Iterator[str] | None = None
        try:
            stream = iter(source())
            while True:
                with self.lock:
                    self.waiting_since = time.monotonic()
                line = next(stream, None)
                with self.lock:
                    self.waiting_since = None
                if line is None or not self.feed(line):
                    break
        except BaseException as exc:  # noqa: BLE001 - any failure becomes evidence, not a crash
            self.error = exc
        finally:
            # Close the stream here, in its own thread, rather than whenever the garbage collector
            # reaches the abandoned generator (in whichever thread is running then).
            close = getattr(stream, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001 - closing a broken stream may fail again
                    pass
            self.done.set()

    def idle_for(self, now: float) -> float:
        """Seconds the stream has kept the worker waiting since its last line (0 before the
        first line, and while the worker is busy with a line: a starved CPU is not a quiet stream)."""
        with self.lock:
            if self.last_line_at is None or self.waiting_since is None:
                return 0.0
            return now - max(self.waiting_since, self.last_line_at)

    def capture(self) -> LogCapture:
        with self.lock:
            if self.lines == 0:
                state = LogState.EMPTY
            else:
                state = LogState.HAS_OUTPUT if self.has_output else LogState.QUEUED_ONLY
            text = redact("\n".join(self.tail))
            return LogCapture(self.kind, text, state, self.lines, self.nbytes, self.stopped,
                              self.queued_at, self.queued_sha, self.startup_at)


def read_log(
    source: Callable[[], Iterable[str]], kind: str, bounds: LogBounds = LogBounds(), *, has_token: bool = True
) -> tuple[LogCapture | None, Unavailable | None]:
    """Drain `source()` (e.g. `lambda: api.fetch_space_logs(id, build=True)`) within `bounds`.

    Returns the capture, and an `Unavailable` note when the log could not be read (capture None)
    or was read only in part (capture kept).
    """
    from spacemedic.hub.reasons import unavailable_from

    reader = _Reader(kind, bounds)
    thread = threading.Thread(target=reader.run, args=(source,), name=f"log-{kind}", daemon=True)
    thread.start()
    label = f"{kind} logs"
    deadline = time.monotonic() + bounds.max_seconds
    while not reader.done.wait(0.05):
        now = time.monotonic()
        idle = reader.idle_for(now) >= bounds.idle_seconds
        if now < deadline and not idle:
            continue
        reader.halt.set()  # the worker stops at its next line; a silent stream is simply abandoned
        with reader.lock:
            if reader.lines == 0:  # not even a replayed line: we cannot tell empty from hanging
                return None, Unavailable(label, f"no log line within {bounds.max_seconds:g} s (no answer or a silent stream)")
            why = f"{bounds.idle_seconds:g} s without a new line" if idle else f"{bounds.max_seconds:g} s"
            reader.stopped = reader.stopped or f"stopped after {why} (the stream stayed open)"
        break
    waited = time.monotonic() - (deadline - bounds.max_seconds)
    if reader.error is None and reader.lines == 0 and waited >= SILENT_END_S:
        # huggingface_hub ends a stream that sent nothing for 5 s as if it were complete: that is a
        # silent server, not an empty log.
        return None, Unavailable(label, f"no log line within {waited:.0f} s (the stream stayed silent)")
    if reader.error is not None:
        note = unavailable_from(label, reader.error, has_token=has_token)
        if reader.lines == 0:
            return None, note
        return reader.capture(), Unavailable(label, f"read {reader.lines} lines, then: {note.reason}")
    return reader.capture(), None
