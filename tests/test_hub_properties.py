"""Property tests: log streams and runtime JSON from the network never make spacemedic raise."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.errors import InputError
from spacemedic.hub import Bundle, CollectOptions, HubTarget, LogBounds, collect
from spacemedic.hub.bundle import bundle_from_dict
from spacemedic.hub.logs import LogCapture, read_log
from spacemedic.models import LogState, Signals
from spacemedic.testing import FakeHub, load_scenario, scenario_from_dict

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
RUNTIME_KEYS = st.sampled_from(["stage", "errorMessage", "hardware", "abuse", "sha", "replicas", "domains", "gcTimeout"])
RUNTIME = st.dictionaries(RUNTIME_KEYS, JSON, max_size=8)


@settings(deadline=None)
@given(lines=st.lists(st.text(max_size=200), max_size=40), bounds=st.integers(min_value=1, max_value=10))
def test_log_reader_takes_any_lines(lines: list[str], bounds: int) -> None:
    capture, note = read_log(lambda: iter(lines), "build", LogBounds(max_lines=bounds, max_seconds=5))
    assert note is None and isinstance(capture, LogCapture)
    assert capture.lines_read == sum(len(line.splitlines() or [line]) for line in lines)  # an event may hold several
    assert capture.state is (LogState.EMPTY if not lines else capture.state)
    assert len(capture.text) <= bounds * (LogBounds().max_line_chars + 1) + 200  # only the last lines are kept
    assert capture.bytes_read == sum(len(line) for line in lines)


def test_log_reader_turns_a_failing_stream_into_a_note() -> None:
    def source() -> Any:
        yield "===== Build Queued at 2026-01-01 10:00:00 / Commit SHA: 59f0ef5 ====="
        raise ValueError("bad event")

    capture, note = read_log(source, "build", LogBounds(max_seconds=5))
    assert capture is not None and capture.state is LogState.QUEUED_ONLY and capture.queued_sha == "59f0ef5"
    assert note is not None and "bad event" in note.reason


@settings(deadline=None)
@given(runtime=RUNTIME, info=st.dictionaries(st.sampled_from(["sdk", "card_data", "host", "runtime"]), JSON, max_size=4),
       commits=st.lists(st.dictionaries(st.sampled_from(["id", "title"]), JSON, max_size=2), max_size=3),
       app=st.dictionaries(st.sampled_from(["status", "space_in_error", "preparing"]), JSON, max_size=3))
def test_to_signals_takes_any_runtime_json(runtime: dict, info: dict, commits: list, app: dict) -> None:  # type: ignore[type-arg]
    bundle = Bundle(space="a/b", collected_at="2026-01-01T10:00:00Z", runtime=runtime, info=info,
                    commits=tuple(commits), app=app)
    assert isinstance(bundle.to_signals(), Signals)


@settings(deadline=None)
@given(data=JSON)
def test_bundle_reader_takes_any_json(data: Any) -> None:
    for doc in (data, {"schema": "spacemedic.bundle/1", "space": "a/b", "runtime": data, "build_log": data}):
        try:
            bundle = bundle_from_dict(doc)
        except InputError:
            continue
        assert isinstance(bundle.to_signals(), Signals)


_HUB: dict[str, FakeHub] = {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.text(max_size=300), lines=st.lists(st.text(max_size=80), max_size=5))
def test_arbitrary_sse_payloads_over_the_wire_never_raise(raw: str, lines: list[str]) -> None:
    base = load_scenario("out_of_memory").data
    scenario = scenario_from_dict("prop", dict(base, logs={"build": {"raw": raw, "lines": lines}, "run": {"raw": raw}}))
    with FakeHub(scenario) as hub:
        target = HubTarget(hub.space, hub.url, token="hf_" + "p" * 34, status_url=hub.status_url)
        bundle = collect(target, CollectOptions(time_box=5, log_bounds=LogBounds(max_seconds=3)))
    assert isinstance(bundle.to_signals(), Signals)
    assert bundle.build_log is not None or any(u.source == "build logs" for u in bundle.unavailable)
