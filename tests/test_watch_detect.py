"""Stuck detection as pure functions of a timeline."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spacemedic.watch.detect import Kind, Limits, detect
from spacemedic.watch.timeline import Event, segments

T0 = 1_000_000.0


def _events(*rows: tuple[str, float] | tuple[str, float, str]) -> list[Event]:
    return [Event("a/b", r[0], T0 + r[1], sha=r[2] if len(r) > 2 else None) for r in rows]  # type: ignore[misc]


DEFAULT = Limits()


def kinds(events: list[Event], now: float, limits: Limits = DEFAULT) -> list[Kind]:
    return [d.kind for d in detect(events, T0 + now, limits)]


def test_nothing_recorded_nothing_detected() -> None:
    assert detect([], T0) == ()


def test_building_within_timeout_plus_margin_is_fine() -> None:
    assert kinds(_events(("BUILDING", 0)), 34 * 60) == []
    assert kinds(_events(("BUILDING", 0)), 36 * 60) == [Kind.STUCK_IN_STAGE]
    assert kinds(_events(("APP_STARTING", 0)), 70 * 60, Limits(startup_timeout_min=60)) == [Kind.STUCK_IN_STAGE]
    assert kinds(_events(("APP_STARTING", 0)), 64 * 60, Limits(startup_timeout_min=60)) == []


def test_a_long_sleep_or_run_is_not_stuck() -> None:
    assert kinds(_events(("SLEEPING", 0)), 3 * 86400) == []
    assert kinds(_events(("RUNNING", 0)), 3 * 86400) == []


def test_queued_then_paused_only_when_quick() -> None:
    assert kinds(_events(("BUILDING", 0), ("PAUSED", 8)), 20) == [Kind.QUEUED_THEN_PAUSED]
    # paused by the owner long after a build: not the "never ran" pattern
    assert kinds(_events(("BUILDING", 0), ("RUNNING", 300), ("PAUSED", 4000)), 4010) == []
    assert kinds(_events(("BUILDING", 0), ("PAUSED", 600)), 610) == []


def test_flapping_counts_changes_in_the_window() -> None:
    rows = [("RUNNING" if i % 2 else "APP_STARTING", i * 60.0) for i in range(7)]
    assert Kind.FLAPPING in kinds(_events(*rows), 7 * 60)
    # the same changes long ago are history, not flapping
    assert Kind.FLAPPING not in kinds(_events(*rows), 3 * 3600)


def test_commit_that_never_builds() -> None:
    rows = (("RUNNING", 0, "aaa"), ("RUNNING", 60, "bbb"))
    assert kinds(_events(*rows), 60 + 11 * 60) == [Kind.COMMIT_NOT_BUILDING]
    assert kinds(_events(*rows), 60 + 5 * 60) == []
    assert kinds(_events(*rows, ("BUILDING", 120, "bbb")), 60 + 11 * 60) == []


def test_failed_carries_the_error() -> None:
    ev = [Event("a/b", "RUNTIME_ERROR", T0, error_message="Scheduling failure: unable to schedule")]
    (d,) = detect(ev, T0 + 60)
    assert d.kind is Kind.FAILED and "Scheduling failure" in d.summary
    assert d.to_dict()["evidence"] == ["errorMessage: Scheduling failure: unable to schedule"]


@given(st.lists(st.tuples(st.sampled_from(["BUILDING", "RUNNING", "PAUSED", "APP_STARTING", "X", ""]),
                          st.floats(0, 1e6, allow_nan=False)), max_size=30), st.floats(0, 2e6, allow_nan=False))
def test_detect_and_segments_never_raise(rows: list[tuple[str, float]], now: float) -> None:
    events = [Event("a/b", s, T0 + t) for s, t in sorted(rows, key=lambda r: r[1])]
    for d in detect(events, T0 + now):
        assert d.summary
    segs = segments(events, until=T0 + now)
    assert all(s.minutes >= 0 for s in segs)
