"""Where the ranking starts: how often each bucket explains a Space seen in a given stage.

Relative weights (not probabilities), from the public reports the seeds and the case set
summarise. A stage narrows the field a lot (SLEEPING is almost always normal, BUILDING with
nothing else is mostly the builder); an unknown stage keeps everything open.
"""

from __future__ import annotations

import math

from spacemedic.models import Bucket as B

FLOOR = 0.05

# With no stage at all: of the 58 tuning cases whose report names no stage, 21 were a dependency
# problem, 9 the repository's storage (a push refused or an LFS quota happens before any stage
# moves), 6 the app, and none ran out of memory (that report comes with its runtime error).
_BASE: dict[B, float] = {
    B.DEPENDENCY_INSTALL_FAILURE: 1.3, B.APP_CRASH_AT_STARTUP: 1.1, B.OUT_OF_MEMORY: 0.5,
    B.LIFECYCLE_STUCK_STATE: 0.7, B.BUILDER_OR_SCHEDULER_STUCK: 0.7, B.PLATFORM_INCIDENT: 0.6,
    B.PERMISSION_OR_FILESYSTEM: 0.6, B.MISSING_SECRET_OR_ENV: 0.6, B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: 0.6,
    B.PORT_OR_BIND_MISMATCH: 0.6, B.HARDWARE_CAPACITY: 0.5, B.MODERATION_LOCK: 0.4, B.REPO_STORAGE_LIMIT: 0.9,
    B.CONFIG_ERROR_YAML: 0.4, B.APT_PACKAGE_FAILURE: 0.4, B.DOCKERFILE_BUILD_FAILURE: 0.4,
    B.NORMAL_SLEEP_OR_PAUSE: 0.4, B.OTHER: 0.2,
}

_BY_STAGE: dict[str, dict[B, float]] = {
    "RUNTIME_ERROR": {
        B.DEPENDENCY_INSTALL_FAILURE: 3.0, B.APP_CRASH_AT_STARTUP: 2.8, B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: 1.6,
        B.OUT_OF_MEMORY: 1.5, B.MISSING_SECRET_OR_ENV: 1.0, B.PERMISSION_OR_FILESYSTEM: 1.0,
        B.PORT_OR_BIND_MISMATCH: 1.0, B.HARDWARE_CAPACITY: 0.8, B.APT_PACKAGE_FAILURE: 0.6,
        B.PLATFORM_INCIDENT: 0.9, B.LIFECYCLE_STUCK_STATE: 0.3, B.MODERATION_LOCK: 0.2, B.CONFIG_ERROR_YAML: 0.2,
        B.OTHER: 0.2, B.BUILDER_OR_SCHEDULER_STUCK: 0.1, B.DOCKERFILE_BUILD_FAILURE: 0.1, B.REPO_STORAGE_LIMIT: 0.1,
    },
    "BUILD_ERROR": {
        B.DEPENDENCY_INSTALL_FAILURE: 3.0, B.APT_PACKAGE_FAILURE: 1.3, B.DOCKERFILE_BUILD_FAILURE: 1.8,
        B.OUT_OF_MEMORY: 0.7, B.PERMISSION_OR_FILESYSTEM: 0.6, B.BUILDER_OR_SCHEDULER_STUCK: 1.9,
        B.CONFIG_ERROR_YAML: 0.5, B.REPO_STORAGE_LIMIT: 0.5, B.MISSING_SECRET_OR_ENV: 0.3, B.PLATFORM_INCIDENT: 0.3,
        B.APP_CRASH_AT_STARTUP: 0.2, B.OTHER: 0.1,
    },
    "BUILDING": {
        B.BUILDER_OR_SCHEDULER_STUCK: 3.0, B.MODERATION_LOCK: 1.0, B.PLATFORM_INCIDENT: 0.8, B.HARDWARE_CAPACITY: 0.6,
        B.REPO_STORAGE_LIMIT: 0.5, B.DEPENDENCY_INSTALL_FAILURE: 0.5, B.LIFECYCLE_STUCK_STATE: 0.5,
        B.DOCKERFILE_BUILD_FAILURE: 0.3, B.APT_PACKAGE_FAILURE: 0.3, B.OUT_OF_MEMORY: 0.2,
    },
    "APP_STARTING": {
        B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: 2.0, B.PORT_OR_BIND_MISMATCH: 2.0, B.LIFECYCLE_STUCK_STATE: 1.8,
        B.APP_CRASH_AT_STARTUP: 0.6, B.PLATFORM_INCIDENT: 0.6, B.OUT_OF_MEMORY: 0.5, B.HARDWARE_CAPACITY: 0.4,
        B.DEPENDENCY_INSTALL_FAILURE: 0.3, B.MISSING_SECRET_OR_ENV: 0.3, B.PERMISSION_OR_FILESYSTEM: 0.3,
        B.MODERATION_LOCK: 0.3,  # a flagged Space is held before it is served, as public lock cases show
    },
    # A Space the platform reports RUNNING has passed its build and health check: what breaks
    # after that is mostly the app under use (memory growing with requests, an exception at the
    # first call) or something shared; a wedged record shows up more in the start-up stages. A
    # missing or stale secret often lets the app start and fails only the calls that need it.
    "RUNNING": {
        B.OUT_OF_MEMORY: 1.4, B.PLATFORM_INCIDENT: 1.3, B.APP_CRASH_AT_STARTUP: 1.1, B.LIFECYCLE_STUCK_STATE: 0.7,
        B.PORT_OR_BIND_MISMATCH: 0.8, B.MISSING_SECRET_OR_ENV: 1.0, B.DEPENDENCY_INSTALL_FAILURE: 0.5,
        B.PERMISSION_OR_FILESYSTEM: 0.5, B.HARDWARE_CAPACITY: 0.4, B.NORMAL_SLEEP_OR_PAUSE: 0.3,
        B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: 0.3,
    },
    "PAUSED": {
        B.NORMAL_SLEEP_OR_PAUSE: 3.0, B.LIFECYCLE_STUCK_STATE: 1.2, B.MODERATION_LOCK: 1.2,
        B.BUILDER_OR_SCHEDULER_STUCK: 0.5, B.OTHER: 0.4, B.PLATFORM_INCIDENT: 0.3,
    },
    "SLEEPING": {
        B.NORMAL_SLEEP_OR_PAUSE: 6.0, B.LIFECYCLE_STUCK_STATE: 0.4, B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD: 0.3,
        B.PLATFORM_INCIDENT: 0.2,
    },
    "CONFIG_ERROR": {B.CONFIG_ERROR_YAML: 8.0, B.REPO_STORAGE_LIMIT: 0.3},
}
# "Preparing Space" is the page's word once the build is done: a wedged record is the usual
# reason it stays, more than for a Space the API reports as starting.
_BY_STAGE["PREPARING"] = {**_BY_STAGE["APP_STARTING"], B.LIFECYCLE_STUCK_STATE: 2.4}
_BY_STAGE["STOPPED"] = _BY_STAGE["SLEEPING"]
_BY_STAGE["NO_APP_FILE"] = _BY_STAGE["CONFIG_ERROR"]


# Who writes the Dockerfile changes which causes a failing stage usually has (hf-platform.md,
# "Docker Spaces" and "dependencies"): in a Docker Space the owner's Dockerfile runs every step,
# the container runs as uid 1000 and must listen on app_port, and requirements files only count
# if the Dockerfile installs them; in a Gradio or Streamlit Space the platform writes the
# Dockerfile, installs requirements.txt / packages.txt itself and ignores a Dockerfile in the repo.
# Factors on the stage table, not evidence: they only reorder causes that have none of their own.
_SDK_FACTOR: dict[str, dict[B, float]] = {
    "docker": {
        B.DOCKERFILE_BUILD_FAILURE: 2.5, B.PERMISSION_OR_FILESYSTEM: 3.0, B.PORT_OR_BIND_MISMATCH: 1.5,
        B.DEPENDENCY_INSTALL_FAILURE: 0.8,
    },
    "gradio": {B.DOCKERFILE_BUILD_FAILURE: 0.15, B.PORT_OR_BIND_MISMATCH: 0.7},
}
_SDK_FACTOR["streamlit"] = _SDK_FACTOR["gradio"]
# ZeroGPU Spaces borrow a GPU from a shared pool on every call, so "no GPU free" is an everyday
# failure there, in whatever stage the page shows.
_ZERO_GPU_FACTOR = {B.HARDWARE_CAPACITY: 3.0}


# Stages in which the platform itself names the situation.
STAGE_STATES: dict[str, B] = {
    "SLEEPING": B.NORMAL_SLEEP_OR_PAUSE,
    "STOPPED": B.NORMAL_SLEEP_OR_PAUSE,
    "CONFIG_ERROR": B.CONFIG_ERROR_YAML,
    "NO_APP_FILE": B.CONFIG_ERROR_YAML,
}
COMMON = 1.5  # relative weight from which a bucket counts as "common in this stage"


def common_in(stage: str | None) -> frozenset[B]:
    """Buckets that often explain a Space seen in this stage."""
    table = _BY_STAGE.get(stage or "")
    return frozenset(b for b, w in table.items() if w >= COMMON) if table else frozenset()


def prior(stage: str | None, sdk: str | None = None, hardware: str | None = None, failed: bool = False) -> dict[B, float]:
    """Log prior score per bucket for a normalised stage (unknown stages use the base rates),
    adjusted for the SDK and for ZeroGPU hardware when they are known. `failed`: the stage is not
    known but the Space is known to sit in a failed one (its URL serves the proxy's error page)."""
    table = _BY_STAGE.get(stage or "", _BASE)
    # With the stage unknown it is not known whether anything failed at all: no SDK factor, unless
    # the Space is known to have failed. A Space reported RUNNING has already built and passed its
    # health check, so what the owner's Dockerfile decides (steps, user, port) weighs less there.
    failing = (stage in _BY_STAGE and stage != "RUNNING") or (stage is None and failed)
    factors = dict(_SDK_FACTOR.get((sdk or "").strip().lower(), {})) if failing else {}
    if "zero" in (hardware or "").lower():
        for b, f in _ZERO_GPU_FACTOR.items():
            factors[b] = factors.get(b, 1.0) * f
    return {b: math.log(table.get(b, FLOOR) * factors.get(b, 1.0)) for b in B}
