"""Log streams read through huggingface_hub's `fetch_space_logs` against the fake Hub's real SSE:
"open, no output yet", "closed empty", "no answer", "silent" and errors stay apart. (Run with the
minimum versions too, so no hypothesis here: the property test on odd bytes is in test_real_shapes.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from huggingface_hub import HfApi

from spacemedic.hub.log_stream import space_log
from spacemedic.hub.logs import LogBounds, LogCapture, read_log
from spacemedic.models import LogState, SourceState, Unavailable
from spacemedic.testing import FakeHub, Fault, scenario_from_dict
from tests.hubkit import TOKEN

RUNTIME = {"stage": "BUILDING", "hardware": {"current": None, "requested": "cpu-basic"}}


def log_hub(build: dict[str, Any], **faults: Fault) -> FakeHub:
    scenario = scenario_from_dict("logs", {"space": "lea/logs", "runtime": RUNTIME,
                                           "logs": {"build": build, "run": {"lines": []}}})
    return FakeHub(scenario.with_faults(**faults) if faults else scenario)


def read_build_log(hub: FakeHub, bounds: LogBounds, token: str | None = TOKEN) -> tuple[LogCapture | None, Unavailable | None]:
    from spacemedic.hub.runtime_poll import time_box

    time_box(10.0)  # spacemedic's client, as `collect` and `watch` install it
    api = HfApi(endpoint=hub.url, token=token)
    return read_log(lambda: space_log(api, hub.space, build=True), "build", bounds, has_token=token is not None)


@pytest.mark.parametrize("mode", ["keepalive", "comment"])
def test_an_open_stream_with_keepalives_only_is_no_output_yet(mode: str) -> None:
    with log_hub({"lines": [], "mode": mode, "interval": 0.2}) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=2.0))
    assert note is None and capture is not None
    assert capture.open and capture.lines_read == 0 and capture.source_state is SourceState.NO_OUTPUT_YET
    assert "answered and stayed open" in str(capture.stopped)


def test_a_closed_empty_stream_is_empty_not_open() -> None:
    with log_hub({"lines": []}) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=4.0))
    assert note is None and capture is not None
    assert not capture.open and capture.source_state is SourceState.EMPTY and capture.state is LogState.EMPTY


def test_a_server_that_never_answers_is_a_timeout_not_an_empty_log() -> None:
    with log_hub({"lines": ["x"]}, logs_build=Fault(hang=True)) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=1.5))
    assert capture is None and note is not None
    assert note.state is SourceState.TIMED_OUT and "never started" in note.reason


def test_a_silent_open_stream_the_library_gives_up_on_is_no_output_yet() -> None:
    # Headers, then not a byte: fetch_space_logs ends it at its read timeout as if complete.
    with log_hub({"lines": [], "mode": "comment", "interval": 60}) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=12.0))
    assert note is None and capture is not None
    assert capture.open and capture.source_state is SourceState.NO_OUTPUT_YET
    assert "huggingface_hub stops reading" in str(capture.stopped)


def test_lines_then_keepalives_are_kept_and_the_stream_is_left_open() -> None:
    with log_hub({"lines": ["===== Build Queued at {since} / Commit SHA: 59f0ef5 =====", "Step 1/3 : FROM python"],
               "mode": "keepalive", "interval": 0.2}) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=6.0, idle_seconds=1.0))
    assert note is None and capture is not None
    assert capture.lines_read == 2 and capture.queued_sha == "59f0ef5" and capture.state is LogState.HAS_OUTPUT
    assert capture.open and "stayed open" in str(capture.stopped)


def test_an_abandoned_open_stream_does_not_keep_its_thread() -> None:
    # The library drops keep-alives, so the reading thread only regains control when its
    # response is closed; it must end while the server keeps the stream open.
    before = set(threading.enumerate())
    with log_hub({"lines": [], "mode": "keepalive", "interval": 0.2}) as hub:
        capture, _ = read_build_log(hub, LogBounds(max_seconds=1.0))
        workers = [t for t in threading.enumerate() if t not in before and t.name == "log-build"]
        for worker in workers:
            worker.join(timeout=20)
        alive = [t for t in workers if t.is_alive()]
    assert capture is not None and capture.open
    assert workers and not alive


@pytest.mark.parametrize(("status", "words", "state"), [
    (401, "need the Space owner's token", SourceState.REFUSED),
    (403, "not allowed to read this", SourceState.REFUSED),
    (404, "not found", SourceState.NOT_FOUND),
    (429, "rate limited", SourceState.FAILED),
    (503, "the server failed", SourceState.FAILED),
])
def test_http_errors_on_the_log_stream_explain_themselves(status: int, words: str, state: SourceState) -> None:
    with log_hub({"lines": ["x"]}, logs_build=Fault(status=status)) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=4.0))
    assert capture is None and note is not None
    assert note.reason.startswith(f"{status}:") and words in note.reason and note.state is state


def test_a_malformed_event_keeps_the_lines_before_it() -> None:
    raw = 'data: {"data": "Step 1/3 : FROM python\\n", "timestamp": "2026-01-01T10:00:00Z"}\n\ndata: {not json\n\n'
    with log_hub({"lines": [], "raw": raw}) as hub:
        capture, note = read_build_log(hub, LogBounds(max_seconds=4.0))
    assert capture is not None and capture.text == "Step 1/3 : FROM python"
    assert note is not None and note.reason.startswith("read 1 lines, then:") and "not valid JSON" in note.reason


def test_tokens_in_the_stream_are_redacted() -> None:
    secret = "hf_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7"
    with log_hub({"lines": [f"\x1b[33mtoken {secret}\x1b[0m", f"HF_TOKEN={secret}"]}) as hub:
        capture, _ = read_build_log(hub, LogBounds(max_seconds=4.0))
    assert capture is not None and capture.lines_read == 2 and secret not in capture.text
