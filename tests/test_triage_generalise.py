"""Kinds of evidence that reach a cause only indirectly (issue 17): the SDK and hardware behind a
stage, log shapes, what a restart did in which stage, and messages in other words."""

from __future__ import annotations

import pytest

from spacemedic.models import Bucket, Observations, Outcome, Signals
from spacemedic.triage import diagnose
from spacemedic.triage.facts import derive
from spacemedic.triage.priors import prior


def _first(signals: Signals) -> Bucket:
    return diagnose(signals).hypotheses[0].bucket


def _ranked(signals: Signals, n: int = 3) -> list[Bucket]:
    return [h.bucket for h in diagnose(signals).hypotheses[:n]]


def test_a_docker_build_error_with_nothing_else_is_the_dockerfile_an_sdk_one_the_install() -> None:
    docker = Signals(runtime_stage="BUILD_ERROR", observations=Observations(sdk="docker"))
    gradio = Signals(runtime_stage="BUILD_ERROR", observations=Observations(sdk="gradio"))
    assert _first(docker) is Bucket.DOCKERFILE_BUILD_FAILURE
    assert _first(gradio) is Bucket.DEPENDENCY_INSTALL_FAILURE
    # The platform ignores a Dockerfile in a Gradio Space: its own steps are what fails.
    assert Bucket.DOCKERFILE_BUILD_FAILURE not in _ranked(gradio)


def test_a_docker_runtime_error_with_nothing_else_leans_to_the_uid_1000_filesystem() -> None:
    d = Signals(runtime_stage="RUNTIME_ERROR", observations=Observations(sdk="docker"))
    assert _first(d) is Bucket.PERMISSION_OR_FILESYSTEM


def test_a_running_docker_space_with_nothing_else_keeps_the_app_crash_in_the_top_three() -> None:
    # The uid-1000 lean is for a Docker Space that fails to build or start; one the API reports
    # RUNNING has passed both, so its own code stays among the first guesses.
    d = Signals(runtime_stage="RUNNING", observations=Observations(sdk="docker"))
    assert Bucket.APP_CRASH_AT_STARTUP in _ranked(d)[:3]
    assert prior("RUNNING", "docker") == prior("RUNNING")


def test_the_sdk_factor_needs_a_stage_and_zerogpu_raises_capacity() -> None:
    assert prior(None, "docker") == prior(None)
    assert prior("RUNNING", None, "zero-a10g")[Bucket.HARDWARE_CAPACITY] > prior("RUNNING")[Bucket.HARDWARE_CAPACITY]
    assert prior("RUNNING", None, "cpu-basic") == prior("RUNNING")


def test_a_build_log_that_stops_at_the_base_image_is_the_builder() -> None:
    log = ("===== Build Queued at 2026-01-01 10:00:00 / Commit SHA: abc1234 =====\n\n"
           "--> FROM docker.io/library/python:3.11@sha256:0123abcd\nDONE 0.0s\n")
    s = Signals(runtime_stage="BUILD_ERROR", build_log=log, observations=Observations(sdk="docker"))
    assert derive(s).build_stopped_at_base
    assert _first(s) is Bucket.BUILDER_OR_SCHEDULER_STUCK
    ran = Signals(runtime_stage="BUILD_ERROR", build_log=log + "--> RUN pip install -r requirements.txt\n",
                  observations=Observations(sdk="docker"))
    assert not derive(ran).build_stopped_at_base


def test_a_failure_reason_that_lists_build_steps_is_not_a_builder_that_never_ran() -> None:
    reason = ("Job failed with exit code: 1. Reason: cache miss: [base 8/9] RUN --mount=target=/tmp/requirements.txt,"
              "source=requirements.txt pip install --no-cache-dir -r /tmp/requirements.txt")
    s = Signals(runtime_stage="BUILD_ERROR", error_message=reason, observations=Observations(sdk="gradio"),
                build_log="===== Build Queued at 2026-01-01 10:00:00 / Commit SHA: abc1234 =====")
    assert derive(s).steps_ran
    assert _first(s) is not Bucket.BUILDER_OR_SCHEDULER_STUCK


def test_a_restart_that_moves_a_space_out_of_preparing_says_the_record_was_stuck() -> None:
    s = Signals(observations=Observations(hub_page_state="Preparing Space", restart=Outcome.SUCCEEDED))
    assert _first(s) is Bucket.LIFECYCLE_STUCK_STATE
    # In a sleeping Space the same restart just woke it up.
    asleep = Signals(runtime_stage="SLEEPING", observations=Observations(restart=Outcome.SUCCEEDED))
    assert _first(asleep) is Bucket.NORMAL_SLEEP_OR_PAUSE
    # A factory rebuild of the same commit that gets a starting Space going says the same.
    rebuilt = Signals(runtime_stage="APP_STARTING", observations=Observations(sdk="docker", factory_rebuild=Outcome.SUCCEEDED))
    assert _first(rebuilt) is Bucket.LIFECYCLE_STUCK_STATE


def test_restarts_that_fail_on_several_of_the_owners_spaces_are_a_shared_cause() -> None:
    alone = Signals(runtime_stage="RUNNING", observations=Observations(restart=Outcome.NO_EFFECT))
    shared = Signals(runtime_stage="RUNNING", observations=Observations(
        restart=Outcome.NO_EFFECT, factory_rebuild=Outcome.NO_EFFECT, other_spaces_affected=True))
    # One running Space no restart mends is not pushed anywhere (the real reports of that shape
    # were the code, its dependencies or the builder about equally); several are a shared cause.
    assert _ranked(alone) == _ranked(Signals(runtime_stage="RUNNING"))
    assert _first(shared) is Bucket.PLATFORM_INCIDENT


def test_a_running_space_a_restart_brings_back_for_a_while_leans_to_memory() -> None:
    s = Signals(runtime_stage="RUNNING", observations=Observations(restart=Outcome.SUCCEEDED))
    assert _first(s) is Bucket.OUT_OF_MEMORY


def test_not_initialized_reads_by_sdk() -> None:
    msg = "Exit code: 0. Reason: application does not seem to be initialized"
    docker = Signals(runtime_stage="RUNTIME_ERROR", error_message=msg, observations=Observations(sdk="docker"))
    gradio = Signals(runtime_stage="RUNTIME_ERROR", error_message=msg, observations=Observations(sdk="gradio"))
    assert _first(docker) is Bucket.PORT_OR_BIND_MISMATCH
    assert _first(gradio) is Bucket.APP_CRASH_AT_STARTUP


@pytest.mark.parametrize(("text", "field", "bucket"), [
    ("The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 137", "build_log",
     Bucket.OUT_OF_MEMORY),
    ("subprocess.CalledProcessError: Command '['python', 'train.py']' returned non-zero exit status -9.", "run_log",
     Bucket.OUT_OF_MEMORY),
    ("ERROR: process \"/bin/sh -c make\" did not complete successfully: signal: killed", "build_log",
     Bucket.OUT_OF_MEMORY),
    ("error: mapping values are not allowed here\n  in \"README.md\", line 3, column 12", "error_message",
     Bucket.CONFIG_ERROR_YAML),
    ("The image's USER directive names a user that is not found in\n/etc/passwd", "error_message",
     Bucket.DOCKERFILE_BUILD_FAILURE),
])
def test_messages_in_other_words_point_to_their_bucket(text: str, field: str, bucket: Bucket) -> None:
    stage = "BUILD_ERROR" if field == "build_log" else "RUNTIME_ERROR"
    assert _first(Signals(runtime_stage=stage, **{field: text})) is bucket  # type: ignore[arg-type]


def test_paused_right_after_the_queue_is_not_an_ordinary_pause() -> None:
    banner = "===== Build Queued at 2026-03-02 08:00:00 / Commit SHA: 9f8e7d6 ====="
    s = Signals(runtime_stage="PAUSED", build_log=banner, observations=Observations(sdk="docker"))
    ranked = _ranked(s)
    assert ranked[0] is Bucket.MODERATION_LOCK
    assert Bucket.NORMAL_SLEEP_OR_PAUSE is not ranked[0]


def test_a_long_build_that_keeps_writing_output_is_a_slow_step_not_the_builder() -> None:
    log = ("--> RUN pip install -r requirements.txt\nCollecting vllm==0.6.3\n"
           "  Downloading vllm-0.6.3-cp38-abi3-manylinux1_x86_64.whl (194.6 MB)\n")
    s = Signals(runtime_stage="BUILDING", build_log=log, observations=Observations(stage_duration_minutes=95))
    assert _first(s) is Bucket.DEPENDENCY_INSTALL_FAILURE


def test_a_space_that_runs_and_serves_is_said_to_look_up() -> None:
    from spacemedic.models import DirectUrl

    up = Signals(runtime_stage="RUNNING", run_log="Running on local URL:  http://0.0.0.0:7860",
                 observations=Observations(direct_url=DirectUrl.LOADS))
    assert any("nothing seen says the Space is down" in f for f in diagnose(up).facts)
    failing = Signals(runtime_stage="RUNNING", observations=Observations(direct_url=DirectUrl.ERROR))
    assert not any("nothing seen says" in f for f in diagnose(failing).facts)


def test_with_no_stage_the_repository_storage_outranks_memory() -> None:
    # A push refused for its size happens before any stage moves; memory runs out in a stage.
    base = prior(None)
    assert base[Bucket.REPO_STORAGE_LIMIT] > base[Bucket.OUT_OF_MEMORY]
    assert max(base, key=lambda b: base[b]) is Bucket.DEPENDENCY_INSTALL_FAILURE
