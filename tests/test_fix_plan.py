"""The recovery planner and ladder, pure: which rungs apply, and why the others do not."""

from __future__ import annotations

from pathlib import Path

from spacemedic.models import Bucket, Confidence, Diagnosis, Hypothesis, Observations, Outcome, Signals
from spacemedic.recovery.ladder import LADDERS, Action, After
from spacemedic.recovery.plan import Context, make_plan


def _diag(bucket: Bucket, likelihood: float = 0.8) -> Diagnosis:
    return Diagnosis("o/s", (Hypothesis(bucket, likelihood, Confidence.INFERRED, "x"),), stage="BUILDING")


def _plan(bucket: Bucket, obs: Observations = Observations(), stage: str = "BUILDING", **ctx: object):
    return make_plan(_diag(bucket), Signals(runtime_stage=stage, observations=obs), Context(space="o/s", **ctx))  # type: ignore[arg-type]


def test_every_bucket_has_a_ladder_and_hf_side_ladders_end_with_support_or_waiting() -> None:
    assert set(LADDERS) == set(Bucket)
    for bucket in Bucket:
        ladder = LADDERS[bucket]
        assert ladder.why
        if bucket.hf_side:
            assert ladder.after in (After.REPORT, After.WATCH, After.FIX_LIST)
        assert len(set(ladder.steps)) == len(ladder.steps), "each rung at most once"
        assert ladder.steps.count(Action.NOOP_COMMIT) <= 1


def test_builder_ladder_order_and_the_commit_condition() -> None:
    unknown = _plan(Bucket.BUILDER_OR_SCHEDULER_STUCK)
    assert [s.action for s in unknown.actions] == [Action.RESTART, Action.FACTORY_REBUILD]
    assert "newest commit started no build" in (unknown.steps[2].skipped or "")
    known = _plan(Bucket.BUILDER_OR_SCHEDULER_STUCK, Observations(new_commit_triggers_build=False))
    assert [s.action for s in known.actions] == [Action.RESTART, Action.FACTORY_REBUILD, Action.NOOP_COMMIT]


def test_rungs_already_tried_are_skipped() -> None:
    plan = _plan(Bucket.LIFECYCLE_STUCK_STATE, Observations(restart=Outcome.FAILED))
    assert [s.action for s in plan.actions] == [Action.FACTORY_REBUILD]
    assert _plan(Bucket.LIFECYCLE_STUCK_STATE, already=(Action.RESTART, Action.FACTORY_REBUILD)).actions == ()


def test_guard_rails() -> None:
    unsure = make_plan(_diag(Bucket.LIFECYCLE_STUCK_STATE, 0.3), Signals(runtime_stage="PAUSED"), Context(space="o/s"))
    assert unsure.actions == () and "not sure enough" in (unsure.refused or "")
    base_only = Diagnosis("o/s", (Hypothesis(Bucket.LIFECYCLE_STUCK_STATE, 0.9, Confidence.INFERRED, "x",
                                             direct_evidence=False),))
    unbacked = make_plan(base_only, Signals(runtime_stage="PAUSED"), Context(space="o/s"))
    assert unbacked.actions == () and "base rate" in (unbacked.refused or "")
    assert "read-only" in (_plan(Bucket.LIFECYCLE_STUCK_STATE, write_refusal="the token is read-only").refused or "")
    recent = _plan(Bucket.LIFECYCLE_STUCK_STATE, minutes_since_last_action=3.0)
    assert recent.actions == () and "min ago" in (recent.refused or "")
    assert _plan(Bucket.LIFECYCLE_STUCK_STATE, minutes_since_last_action=3.0, force=True).actions
    static = _plan(Bucket.LIFECYCLE_STUCK_STATE, sdk="static")
    assert static.actions == () and all("static" in (s.skipped or "") for s in static.steps)
    mine = _plan(Bucket.BUILDER_OR_SCHEDULER_STUCK, Observations(new_commit_triggers_build=False),
                 noop_file="app.py", noop_file_exists=True)
    assert Action.NOOP_COMMIT not in [s.action for s in mine.actions]


def test_app_side_and_sleep_need_the_owners_word() -> None:
    assert _plan(Bucket.PORT_OR_BIND_MISMATCH).actions == ()
    assert [s.action for s in _plan(Bucket.PORT_OR_BIND_MISMATCH, fix_pushed=True).actions] == [Action.RESTART]
    assert _plan(Bucket.NORMAL_SLEEP_OR_PAUSE, stage="SLEEPING").actions == ()
    assert [s.action for s in _plan(Bucket.NORMAL_SLEEP_OR_PAUSE, stage="SLEEPING", wake=True).actions] == [Action.WAKE]
    assert [s.action for s in _plan(Bucket.NORMAL_SLEEP_OR_PAUSE, stage="PAUSED", wake=True).actions] == [Action.RESTART]


def test_no_evidence_means_no_plan() -> None:
    plan = make_plan(Diagnosis("o/s", ()), Signals(), Context(space="o/s"))
    assert plan.actions == () and plan.refused


def test_library_fix_plans_without_changing_anything(tmp_path: Path) -> None:
    import spacemedic
    from spacemedic.testing import FakeHub, load_scenario
    from tests.hubkit import TOKEN

    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        outcome = spacemedic.fix(hub.space, endpoint=hub.url, token=TOKEN, status_url=hub.status_url,
                                 time_box=4, db=tmp_path / "h.db", collect_options={"log_seconds": 1})
        mutations = hub.mutations
    assert outcome.ending.value == "plan-only" and outcome.plan.actions
    assert mutations == [], "planning reads (whoami is a GET); it never changes the Space"
