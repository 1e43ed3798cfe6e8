"""Read a Space's build or run log within bounds: lines kept, bytes read, seconds waited.

The Hub's log stream may never close (keep-alives forever) or may be huge. The source (normally
`spacemedic.hub.log_stream.space_log`, i.e. huggingface_hub's `fetch_space_logs`) is drained in a
daemon thread that keeps only the last `max_lines` lines in a deque; the caller waits at most
`max_seconds` and takes what has arrived. Memory stays bounded whatever the size. Whether the
stream answered is heard from the HTTP client, not from the lines (see `log_stream`).
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from spacemedic.hub.log_stream import LIBRARY_READ_TIMEOUT_S
from spacemedic.models import LogState, SourceState, Unavailable
from spacemedic.redact import redact

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
    open: bool = False  # the stream answered and was still open (or silent) when reading stopped

    @property
    def source_state(self) -> SourceState:
        """What the stream did: answered with lines, closed empty, or open without output yet."""
        if self.lines_read:
            return SourceState.ANSWERED
        return SourceState.NO_OUTPUT_YET if self.open else SourceState.EMPTY

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "state": self.state.value, "lines_read": self.lines_read,
                "bytes_read": self.bytes_read, "stopped": self.stopped, "queued_at": self.queued_at,
                "queued_sha": self.queued_sha, "startup_at": self.startup_at, "open": self.open, "text": self.text}


class _Reader:
    """Accumulates lines; thread-safe snapshot."""

    def __init__(self, kind: str, bounds: LogBounds) -> None:
        self.kind, self.bounds = kind, bounds
        self.tail: deque[str] = deque(maxlen=bounds.max_lines)
        self.lines = self.nbytes = 0
        self.opened = False  # the server answered 200 (heard from the client) or a line came
        self.opened_at: float | None = None
        self.ended_at: float | None = None
        self.response: Any = None  # the open stream's response, to end it when abandoned
        self.silent_after = LIBRARY_READ_TIMEOUT_S
        self.left_open = False  # reading stopped while the stream was still open
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

    def answered(self, response: Any) -> None:
        """Response hook, in the worker thread: a 200 means the stream opened, line or not."""
        if getattr(response, "status_code", None) != 200:
            return
        with self.lock:
            self.opened, self.response = True, response
            self.opened_at = self.opened_at or time.monotonic()

    def feed(self, item: str) -> bool:
        """Take one event's text (it may hold several lines); False when a bound says stop."""
        text = item if isinstance(item, str) else str(item)
        with self.lock:
            self.opened = True
            self.nbytes += len(text)
            # One SSE event may carry several log lines: each is a line of its own.
            for line in text.splitlines() or [text]:
                self._line(line)
            self.last_line_at = time.monotonic()
            if self.nbytes >= self.bounds.max_bytes:
                self.stopped = f"stopped after {self.bounds.max_bytes} bytes (byte bound); kept the last {len(self.tail)} lines"
                return False
        return not self.halt.is_set()

    def _line(self, line: str) -> None:
        self.lines += 1
        clipped = line[: self.bounds.max_line_chars]
        if (m := QUEUED.search(clipped)) is not None:
            self.queued_at, self.queued_sha = m.group(1), m.group(2)
        elif (s := STARTUP.search(clipped)) is not None:
            self.startup_at = s.group(1)
            self.has_output = True
        elif clipped.strip():
            self.has_output = True
        self.tail.append(clipped.rstrip("\n"))

    def run(self, source: Callable[[], Iterable[str]]) -> None:
        from spacemedic.hub.client import current_cap, observe_responses

        # huggingface_hub's read timeout is capped by spacemedic's client (`request_cap`).
        self.silent_after = min(LIBRARY_READ_TIMEOUT_S, current_cap())
        stream: Iterator[str] | None = None
        try:
            with observe_responses(self.answered):
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
            self.ended_at = time.monotonic()
            self.done.set()

    def ended_silent(self) -> bool:
        """The stream answered, gave no line, and ended only after the library's read timeout:
        huggingface_hub stopped reading a silent open stream (a closed empty log ends at once)."""
        if self.opened_at is None or self.ended_at is None:
            return False
        return self.ended_at - self.opened_at >= 0.9 * self.silent_after

    def abandon(self) -> None:
        """End a stream the worker is still blocked in. The library drops keep-alives, so the
        worker never regains control on an open stream; closing its response ends the read
        (within one read timeout) instead of holding a thread and a connection until the server
        closes it, which for a live Space may be never."""
        with self.lock:
            response = None if self.done.is_set() else self.response
        if response is not None:
            try:
                response.close()
            except Exception:  # noqa: BLE001 - the worker may be closing it too
                pass

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
                              self.queued_at, self.queued_sha, self.startup_at, open=self.left_open)


def read_log(
    source: Callable[[], Iterable[str]], kind: str, bounds: LogBounds = LogBounds(), *, has_token: bool = True
) -> tuple[LogCapture | None, Unavailable | None]:
    """Drain `source()` (e.g. `lambda: space_log(api, id, build=True)`) within `bounds`.

    Returns the capture, and an `Unavailable` note when the log could not be read (capture None)
    or was read only in part (capture kept). A stream that answered and stayed open without a
    line is a capture with no output yet, not a note; one that never answered is a timeout note.
    """
    reader = _Reader(kind, bounds)
    thread = threading.Thread(target=reader.run, args=(source,), name=f"log-{kind}", daemon=True)
    thread.start()
    try:
        return _outcome(reader, bounds, has_token)
    finally:
        reader.abandon()


def _outcome(reader: _Reader, bounds: LogBounds, has_token: bool) -> tuple[LogCapture | None, Unavailable | None]:
    from spacemedic.hub.reasons import unavailable_from

    label = f"{reader.kind} logs"
    deadline = time.monotonic() + bounds.max_seconds
    while not reader.done.wait(0.05):
        now = time.monotonic()
        idle = reader.idle_for(now) >= bounds.idle_seconds
        if now < deadline and not idle:
            continue
        reader.halt.set()  # the worker stops at its next line; a stream still open is abandoned
        with reader.lock:
            reader.left_open = reader.opened
            if reader.lines == 0 and not reader.opened:  # the server never answered
                return None, Unavailable(label, f"no answer within {bounds.max_seconds:g} s: the stream never "
                                                "started (timeout)", SourceState.TIMED_OUT)
            if reader.lines == 0:
                reader.stopped = (f"stopped after {bounds.max_seconds:g} s: the stream answered and stayed open "
                                  "without a line (no output yet)")
                break
            why = f"{bounds.idle_seconds:g} s without a new line" if idle else f"{bounds.max_seconds:g} s"
            reader.stopped = reader.stopped or f"stopped after {why} (the stream stayed open)"
        break
    if reader.done.is_set() and reader.error is None and reader.lines == 0 and reader.ended_silent():
        with reader.lock:
            reader.left_open = True
            reader.stopped = (f"the stream answered, then sent nothing for {reader.silent_after:g} s, where "
                              "huggingface_hub stops reading (no output yet)")
    if reader.error is not None:
        note = unavailable_from(label, reader.error, has_token=has_token)
        if reader.lines == 0:
            return None, note
        return reader.capture(), Unavailable(label, f"read {reader.lines} lines, then: {note.reason}", note.state)
    return reader.capture(), None
