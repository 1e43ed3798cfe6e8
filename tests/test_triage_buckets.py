"""One synthetic case per bucket, built from the verbatim platform strings and payloads in
../shared/knowledge/hf-platform.md and generic pip/apt/docker/Python error lines — never from
the dev cases' text — to show the classifier generalises from signal families."""

from __future__ import annotations

import pytest

from spacemedic.models import (
    Bucket,
    Category,
    Confidence,
    DirectUrl,
    Finding,
    LogState,
    Observations,
    Outcome,
    Severity,
    Signals,
)
from spacemedic.triage import diagnose

B = Bucket
O = Observations

TRACEBACK = 'Traceback (most recent call last):\n  File "/home/user/app/app.py", line 3, in <module>\n'

CASES: list[tuple[str, Signals, Bucket, Confidence | None]] = [
    ("runtime hardware capacity",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Scheduling failure: not enough hardware capacity"),
     B.HARDWARE_CAPACITY, Confidence.STATED),
    ("runtime unable to schedule, UI banner",
     Signals(runtime_stage="RUNTIME_ERROR",
             error_message="runtime error\nScheduling failure: unable to schedule\nContainer logs:\n\n"
                           "Failed to retrieve error logs: SSE is not enabled"),
     B.HARDWARE_CAPACITY, Confidence.STATED),
    ("abuse object, manual lock",
     Signals(runtime_stage="PAUSED", error_message="Flagged as abusive",
             abuse={"detector": "manual/hub", "flaggedAt": "2026-07-20T23:25:26.201Z",
                    "reason": "[USER-LOCKED-OUT]Locked by abuse-handler by rule: "}),
     B.MODERATION_LOCK, Confidence.STATED),
    ("abuse object, process rule, no errorMessage",
     Signals(runtime_stage="PAUSED",
             abuse={"detector": "abuse-handler",
                    "reason": "Blocked by abuse-handler by rule: Cast AI Alert: suspicious_binary:vnc_server"}),
     B.MODERATION_LOCK, Confidence.STATED),
    ("repo storage limit on push",
     Signals(error_message="403 Forbidden: Repository storage limit reached (Max: 1 GB)"),
     B.REPO_STORAGE_LIMIT, Confidence.STATED),
    ("clone failure at build",
     Signals(runtime_stage="BUILD_ERROR", error_message="Build error: Error while cloning repository"),
     B.REPO_STORAGE_LIMIT, Confidence.INFERRED),
    ("memory limit, Gi",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Memory limit exceeded (32Gi)"),
     B.OUT_OF_MEMORY, Confidence.STATED),
    ("memory limit, older GB wording",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="CPU Memory limit exceeded (16GB)"),
     B.OUT_OF_MEMORY, Confidence.STATED),
    ("build killed, exit 137",
     Signals(runtime_stage="BUILD_ERROR", error_message="Job failed with exit code: 137"),
     B.OUT_OF_MEMORY, None),
    ("CUDA OOM in run log",
     Signals(runtime_stage="RUNTIME_ERROR", run_log=TRACEBACK + "torch.OutOfMemoryError: CUDA out of memory. "
             "Tried to allocate 2.00 GiB"),
     B.OUT_OF_MEMORY, Confidence.INFERRED),
    ("ephemeral disk eviction",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Workload evicted, storage limit exceeded (50G)"),
     B.PERMISSION_OR_FILESYSTEM, Confidence.STATED),
    ("PermissionError in run log",
     Signals(runtime_stage="RUNTIME_ERROR", run_log=TRACEBACK + "PermissionError: [Errno 13] Permission denied: '/.cache'"),
     B.PERMISSION_OR_FILESYSTEM, Confidence.INFERRED),
    ("config missing",
     Signals(runtime_stage="CONFIG_ERROR", error_message="Missing configuration in README"),
     B.CONFIG_ERROR_YAML, Confidence.STATED),
    ("no app file (page label only)",
     Signals(observations=O(hub_page_state="No app file")),
     B.CONFIG_ERROR_YAML, None),
    ("launch timeout, server on 8000 in a docker Space",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Launch timed out, workload was not healthy after 30 min",
             run_log="INFO:     Started server process [1]\nINFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
             observations=O(sdk="docker")),
     B.PORT_OR_BIND_MISMATCH, Confidence.INFERRED),
    ("launch timeout, older wording, loopback bind",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="launch timed out, space was not healthy after 30 min",
             run_log="Running on local URL:  http://127.0.0.1:7860"),
     B.PORT_OR_BIND_MISMATCH, None),
    ("launch timeout while downloading",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Launch timed out, workload was not healthy after 30 min",
             run_log="===== Application Startup at 2024-09-11 23:33:10 =====\nFetching 12 files:  25%|██▌       | 3/12\n"
                     "Downloading model-00001-of-00004.safetensors"),
     B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, None),
    ("launch timeout though the app listens right",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Launch timed out, workload was not healthy after 30 min",
             run_log="INFO:     Uvicorn running on http://0.0.0.0:7860 (Press CTRL+C to quit)", observations=O(sdk="docker")),
     B.LIFECYCLE_STUCK_STATE, None),
    ("Cannot find empty port",
     Signals(runtime_stage="RUNTIME_ERROR", run_log=TRACEBACK + "OSError: Cannot find empty port in range: 7860-7860."),
     B.PORT_OR_BIND_MISMATCH, None),
    ("containerd task",
     Signals(runtime_stage="RUNTIME_ERROR",
             error_message="Exit code: 128. Reason: failed to create containerd task: failed to create shim task: context canceled"),
     B.PLATFORM_INCIDENT, None),
    ("status page incident",
     Signals(runtime_stage="BUILDING", observations=O(status_page_incident=True, other_users_affected=True)),
     B.PLATFORM_INCIDENT, None),
    ("registry push 401",
     Signals(runtime_stage="BUILD_ERROR", error_message="Unexpected job error",
             build_log="ERROR: failed to push spaces-registry.huggingface.tech/spaces/abc:cpu-1-2: 401 Unauthorized"),
     B.BUILDER_OR_SCHEDULER_STUCK, None),
    ("queued-only build log",
     Signals(runtime_stage="BUILDING", build_log="===== Build Queued at 2025-04-03 01:39:30 / Commit SHA: 59f0ef5 =====\n"),
     B.BUILDER_OR_SCHEDULER_STUCK, None),
    ("direct URL loads while starting",
     Signals(runtime_stage="APP_STARTING", observations=O(direct_url=DirectUrl.LOADS, stage_duration_minutes=240)),
     B.LIFECYCLE_STUCK_STATE, None),
    ("paused, restart and factory rebuild fail, no moderation wording",
     Signals(runtime_stage="PAUSED", observations=O(restart=Outcome.FAILED, factory_rebuild=Outcome.FAILED,
                                                     restart_error_text="503 Something went wrong when restarting this Space")),
     B.LIFECYCLE_STUCK_STATE, None),
    ("paused, restart works",
     Signals(runtime_stage="PAUSED", observations=O(restart=Outcome.SUCCEEDED)),
     B.NORMAL_SLEEP_OR_PAUSE, None),
    ("sleeping payload",
     Signals(runtime_stage="SLEEPING"),
     B.NORMAL_SLEEP_OR_PAUSE, None),
    ("pip resolution",
     Signals(runtime_stage="BUILD_ERROR", build_log="ERROR: Cannot install torch==2.1.0 and torchvision==0.20.0 because these "
             "package versions have conflicting dependencies.\nERROR: ResolutionImpossible: for help visit https://pip.pypa.io"),
     B.DEPENDENCY_INSTALL_FAILURE, None),
    ("python version",
     Signals(runtime_stage="BUILD_ERROR", build_log="ERROR: Package 'foo' requires a different Python: 3.9.18 not in '>=3.10'"),
     B.DEPENDENCY_INSTALL_FAILURE, None),
    ("import drift in the errorMessage tail",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Exit code: 1. Reason: " + TRACEBACK +
             "ImportError: cannot import name 'cached_download' from 'huggingface_hub'"),
     B.DEPENDENCY_INSTALL_FAILURE, None),
    ("apt package renamed",
     Signals(runtime_stage="BUILD_ERROR", build_log="E: Package 'libgl1-mesa-glx' has no installation candidate\n"
             "ERROR: process \"/bin/sh -c apt-get update && apt-get install -y libgl1-mesa-glx\" did not complete "
             "successfully: exit code: 100"),
     B.APT_PACKAGE_FAILURE, None),
    ("missing system library at run time",
     Signals(runtime_stage="RUNTIME_ERROR", run_log=TRACEBACK + "ImportError: libGL.so.1: cannot open shared object file: "
             "No such file or directory"),
     B.APT_PACKAGE_FAILURE, None),
    ("COPY checksum",
     Signals(runtime_stage="BUILD_ERROR", build_log="--> COPY config.yaml /app/config.yaml\n--> ERROR: failed to calculate "
             "checksum of ref abc123"),
     B.DOCKERFILE_BUILD_FAILURE, None),
    ("exit 127",
     Signals(runtime_stage="BUILD_ERROR", build_log="--> ERROR: process \"/bin/sh -c wget -O /app/x.bin https://example.com\" "
             "did not complete successfully: exit code: 127"),
     B.DOCKERFILE_BUILD_FAILURE, None),
    ("app error in errorMessage tail",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Exit code: 1. Reason: " + TRACEBACK +
             "    x = load(\nTypeError: load() missing 1 required positional argument: 'path'"),
     B.APP_CRASH_AT_STARTUP, None),
    ("import error inside the app's own code (platform payload tail)",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Exit code: 1. Reason: \n[notice] A new release of pip is available: "
             "26.1.2 -> 26.2\n" + TRACEBACK + "ImportError: cannot import name 'check_token' from 'helpers' "
             "(/home/user/app/helpers.py)\n"),
     B.APP_CRASH_AT_STARTUP, None),
    ("secret missing",
     Signals(runtime_stage="RUNTIME_ERROR", run_log=TRACEBACK + "KeyError: 'OPENAI_API_KEY'"),
     B.MISSING_SECRET_OR_ENV, None),
    ("gated model 401",
     Signals(runtime_stage="RUNTIME_ERROR", run_log="huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access "
             "gated repo for url https://huggingface.co/meta-llama/Llama-3-8B/resolve/main/config.json."),
     B.MISSING_SECRET_OR_ENV, None),
    ("quota",
     Signals(runtime_stage="PAUSED", error_message="You’ve reached your null quota limit, please upgrade your account, or "
             "pause your previous Spaces to restart this one"),
     B.OTHER, Confidence.STATED),
    ("lint port finding lifts the port bucket on a bare timeout",
     Signals(runtime_stage="RUNTIME_ERROR", error_message="Launch timed out, workload was not healthy after 30 min",
             lint=(Finding("SM100", "app-port-mismatch", Category.PORT, Severity.ERROR, "server listens on 8080, app_port is 7860"),)),
     B.PORT_OR_BIND_MISMATCH, None),
]


@pytest.mark.parametrize("name,signals,bucket,confidence", CASES, ids=[c[0] for c in CASES])
def test_bucket_ranked_first(name: str, signals: Signals, bucket: Bucket, confidence: Confidence | None) -> None:
    d = diagnose(signals)
    assert d.top is not None
    assert d.top.bucket is bucket, [(h.bucket.value, round(h.likelihood, 3)) for h in d.hypotheses[:4]]
    if confidence is not None:
        assert d.top.confidence is confidence
    assert d.top.evidence_for, "the top cause must say why"
    assert d.top.next_steps


def test_likelihoods_sum_to_one_and_are_sorted() -> None:
    for _, signals, _, _ in CASES:
        hs = diagnose(signals).hypotheses
        assert abs(sum(h.likelihood for h in hs) - 1.0) < 1e-6
        assert [h.likelihood for h in hs] == sorted((h.likelihood for h in hs), reverse=True)
        assert len({h.bucket for h in hs}) == len(hs)


def test_empty_signals_rank_nothing_and_say_what_to_collect() -> None:
    d = diagnose(Signals())
    assert d.hypotheses == () and not d.sufficient
    assert d.evidence is not None and d.evidence.known == ()
    assert any("runtime" in step for step in d.evidence.collect_next)
    assert any(u.source == "runtime" for u in d.unavailable)


def test_paused_after_queue_keeps_moderation_in_view() -> None:
    """The seeds' new-Docker-Space pattern: queued, then PAUSED, restarts failing, no wording."""
    d = diagnose(Signals(runtime_stage="PAUSED", build_log="===== Build Queued at 2026-01-01 10:00:00 =====",
                         observations=O(restart=Outcome.FAILED, build_logs=LogState.QUEUED_ONLY)))
    top3 = [h.bucket for h in d.hypotheses[:3]]
    assert B.MODERATION_LOCK in top3 and B.LIFECYCLE_STUCK_STATE in top3
    assert B.NORMAL_SLEEP_OR_PAUSE not in top3


def test_hf_side_buckets_end_with_the_support_route() -> None:
    from spacemedic.triage.playbook import PLAYBOOK

    for bucket, play in PLAYBOOK.items():
        text = " ".join(play.next_steps)
        if bucket.hf_side:
            assert "website@huggingface.co" in text, bucket
        elif bucket is not B.OTHER:
            assert "website@huggingface.co" not in text, bucket
    assert "Content Policy" in " ".join(PLAYBOOK[B.MODERATION_LOCK].next_steps)
    assert "status.huggingface.co" in " ".join(PLAYBOOK[B.PLATFORM_INCIDENT].next_steps)
    assert set(PLAYBOOK) == set(Bucket)
