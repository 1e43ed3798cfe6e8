"""The seeds' decision combinations, as a table: when -> (bucket, weight)... -> why.

A symptom is not a cause: PAUSED, a 503 and "stuck on Building" each belong to several buckets.
These rows read the combination (stage x time in stage x logs x what restart / factory rebuild /
a new commit did x other Spaces or users x status page x direct URL x lint) and move the
scores. Each `when` is a small pure predicate over `Ctx`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacemedic.models import Bucket as B
from spacemedic.models import Category, DirectUrl, LogState, Observations, Outcome, Severity
from spacemedic.triage.facts import Facts

_FAILED = (Outcome.FAILED, Outcome.NO_EFFECT)
_QUIET = (LogState.EMPTY, LogState.QUEUED_ONLY)
_BUILD_SIDE = (B.DEPENDENCY_INSTALL_FAILURE, B.APT_PACKAGE_FAILURE, B.DOCKERFILE_BUILD_FAILURE)
_NOT_UP_PAGES = ("preparing space", "preparing", "starting")
_APP_SIDE = (B.APP_CRASH_AT_STARTUP, B.PORT_OR_BIND_MISMATCH, B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD,
             B.DEPENDENCY_INSTALL_FAILURE, B.MISSING_SECRET_OR_ENV, B.PERMISSION_OR_FILESYSTEM)


@dataclass(frozen=True)
class Ctx:
    facts: Facts
    obs: Observations
    matched: frozenset[B]          # buckets with a strong (>= 2.0) signature match
    tags: frozenset[str]           # signature families that matched (see Signature.tag)
    has_error_text: bool           # any error message / restart error text at all
    lint: frozenset[tuple[Category, Severity]]

    @property
    def launch_timeout(self) -> bool:
        return "launch-timeout" in self.tags


@dataclass(frozen=True)
class Combo:
    name: str
    when: Callable[[Ctx], bool]
    effects: tuple[tuple[B, float], ...]
    why: str


def _st(c: Ctx, *stages: str) -> bool:
    return c.facts.stage in stages


def _resets_failed(c: Ctx) -> bool:
    return c.obs.restart in _FAILED or c.obs.factory_rebuild in _FAILED


def _unpause_failed(c: Ctx) -> bool:
    """A paused Space is resumed by a restart; a factory rebuild only rebuilds its image, so one
    that leaves the Space paused says nothing, while one that errors does."""
    return c.obs.restart in _FAILED or c.obs.factory_rebuild is Outcome.FAILED


def _queued_build(c: Ctx) -> bool:
    """A new build sits in the queue: its log has the queued banner only, and the page shows it
    building (or shows nothing)."""
    return c.facts.build_logs is LogState.QUEUED_ONLY and (c.facts.stage is None or _st(c, "BUILDING"))


def _lint(c: Ctx, *cats: Category) -> bool:
    return any(cat in cats and sev is not Severity.INFO for cat, sev in c.lint)


def _down(buckets: tuple[B, ...], w: float) -> tuple[tuple[B, float], ...]:
    return tuple((b, w) for b in buckets)


C = Combo
COMBOS: tuple[Combo, ...] = (
    # ---- PAUSED: the owner, the lifecycle, or moderation --------------------------------
    # A build that never got past the queue and a Space that then shows PAUSED is not a quiet
    # pause: nothing ran that the owner could have paused (paused-after-queue reads that case).
    C("paused-quietly", lambda c: _st(c, "PAUSED") and not c.has_error_text and not _unpause_failed(c)
      and B.MODERATION_LOCK not in c.matched and c.facts.build_logs is not LogState.QUEUED_ONLY,
      ((B.NORMAL_SLEEP_OR_PAUSE, 1.5),), "PAUSED with no error and no failed restart looks like an ordinary pause"),
    C("paused-restart-fails", lambda c: _st(c, "PAUSED") and _unpause_failed(c) and B.MODERATION_LOCK not in c.matched,
      ((B.LIFECYCLE_STUCK_STATE, 2.0), (B.MODERATION_LOCK, 0.8), (B.BUILDER_OR_SCHEDULER_STUCK, 0.6),
       (B.NORMAL_SLEEP_OR_PAUSE, -3.0)),
      "PAUSED while restart / factory rebuild fail, with no moderation wording in sight: not an ordinary pause"),
    C("paused-after-queue", lambda c: _st(c, "PAUSED") and c.facts.build_logs in _QUIET,
      ((B.MODERATION_LOCK, 1.0), (B.BUILDER_OR_SCHEDULER_STUCK, 1.0), (B.LIFECYCLE_STUCK_STATE, 0.5),
       (B.NORMAL_SLEEP_OR_PAUSE, -1.0)),
      "the build never produced output and the Space went to PAUSED: above the app layer"),
    C("paused-with-tunnel", lambda c: _st(c, "PAUSED") and "tunnel" in c.tags,
      ((B.MODERATION_LOCK, 2.0), (B.NORMAL_SLEEP_OR_PAUSE, -1.5)),
      "a PAUSED Space that runs tunnel or remote-desktop software fits the abuse scanners' rules"),
    C("restart-works", lambda c: c.obs.restart is Outcome.SUCCEEDED and not _st(c, "PREPARING", "APP_STARTING"),
      ((B.LIFECYCLE_STUCK_STATE, -1.0), (B.MODERATION_LOCK, -1.5), (B.BUILDER_OR_SCHEDULER_STUCK, -1.0)),
      "a restart worked, so the Space is not locked or wedged"),
    # Only a Space that was asleep or paused is simply woken by a restart; in a failing stage a
    # restart that works says the failure comes and goes (memory, capacity), not that all is well.
    C("restart-wakes", lambda c: c.obs.restart is Outcome.SUCCEEDED and _st(c, "SLEEPING", "PAUSED", "STOPPED"),
      ((B.NORMAL_SLEEP_OR_PAUSE, 1.5),), "a restart woke the Space up"),
    # With the stage unknown, a restart that was all it took fits a Space that slept as well as a
    # transient failure of the platform (taxonomy: "recovery without any change").
    C("restart-works-stage-unknown", lambda c: c.obs.restart is Outcome.SUCCEEDED and c.facts.stage is None,
      ((B.NORMAL_SLEEP_OR_PAUSE, 1.1), (B.PLATFORM_INCIDENT, 1.0)),
      "a restart was all it took (the stage it was in is not known): a sleeping Space or a passing failure"),
    # On ZeroGPU a failure that goes away by itself is most often the shared pool having had no GPU.
    C("restart-works-on-zero-gpu", lambda c: c.obs.restart is Outcome.SUCCEEDED and "zero" in (c.obs.hardware or "").lower()
      and not c.matched, ((B.HARDWARE_CAPACITY, 0.6),),
      "on ZeroGPU a failure a restart clears is often a moment when the shared pool had no GPU"),
    # A Space held in Preparing/Starting that a restart moves on was wedged there: a wrong port
    # or a crash would come back after the restart.
    C("restart-unsticks-start", lambda c: Outcome.SUCCEEDED in (c.obs.restart, c.obs.factory_rebuild)
      and _st(c, "PREPARING", "APP_STARTING"),
      ((B.LIFECYCLE_STUCK_STATE, 1.5), (B.PORT_OR_BIND_MISMATCH, -1.0), (B.APP_CRASH_AT_STARTUP, -0.5)),
      "a restart or a rebuild of the same commit moved the Space out of the start-up stage it was held in: "
      "the record was stuck, not the app"),
    C("restart-helps-a-running-app", lambda c: c.obs.restart is Outcome.SUCCEEDED and _st(c, "RUNNING")
      and not c.matched,
      ((B.OUT_OF_MEMORY, 1.0), (B.PLATFORM_INCIDENT, 0.3), (B.NORMAL_SLEEP_OR_PAUSE, -1.5)),
      "a restart brings the app back for a while: something builds up while it runs (memory most often)"),
    # ---- Recovery without a change: the same code works again ------------------------------
    # A bug in the repo comes back on every restart; a failed Space that a restart or a factory
    # rebuild alone brings back failed for a reason outside the repo (taxonomy: platform_incident,
    # "recovery without any change"), or for memory that had built up while it ran.
    C("restart-recovers-failed-app", lambda c: c.obs.restart is Outcome.SUCCEEDED and _st(c, "RUNTIME_ERROR")
      and not c.matched,
      ((B.PLATFORM_INCIDENT, 1.3), (B.OUT_OF_MEMORY, 0.6), (B.NORMAL_SLEEP_OR_PAUSE, -1.5))
      + _down((B.DEPENDENCY_INSTALL_FAILURE, B.APP_CRASH_AT_STARTUP, B.PORT_OR_BIND_MISMATCH), -0.5),
      "a restart alone brought the failed Space back: the code did not change, so the failure came from outside it"),
    C("factory-rebuild-recovers", lambda c: c.obs.factory_rebuild is Outcome.SUCCEEDED
      and (c.facts.stage is None or _st(c, "RUNTIME_ERROR", "RUNNING")) and not c.matched,
      ((B.PLATFORM_INCIDENT, 1.5), (B.NORMAL_SLEEP_OR_PAUSE, -1.0))
      + _down((B.APP_CRASH_AT_STARTUP, B.PORT_OR_BIND_MISMATCH, B.MISSING_SECRET_OR_ENV), -0.5),
      "a factory rebuild of the same commit fixed it: the repo was not the cause"),
    C("build-recovers-without-change", lambda c: _st(c, "BUILD_ERROR")
      and Outcome.SUCCEEDED in (c.obs.restart, c.obs.factory_rebuild) and not (c.matched - {B.BUILDER_OR_SCHEDULER_STUCK}),
      ((B.BUILDER_OR_SCHEDULER_STUCK, 1.8), (B.PLATFORM_INCIDENT, 0.6)) + _down(_BUILD_SIDE, -0.8),
      "the same commit built after a restart or a factory rebuild: the build job failed, not the repo"),
    C("restart-fails", lambda c: c.obs.restart is Outcome.FAILED,
      ((B.LIFECYCLE_STUCK_STATE, 0.5), (B.MODERATION_LOCK, 0.3), (B.NORMAL_SLEEP_OR_PAUSE, -1.5)),
      "a restart fails: not an ordinary sleep or pause"),
    C("factory-rebuild-no-help", lambda c: c.obs.factory_rebuild in _FAILED and not (
        _st(c, "PAUSED") and c.obs.factory_rebuild is Outcome.NO_EFFECT),
      ((B.LIFECYCLE_STUCK_STATE, 0.5), (B.MODERATION_LOCK, 0.5), (B.BUILDER_OR_SCHEDULER_STUCK, 0.3),
       (B.PLATFORM_INCIDENT, 0.3), (B.NORMAL_SLEEP_OR_PAUSE, -1.0)),
      "a factory rebuild did not help: a clean image is not the fix"),
    # ---- BUILDING: is the builder running at all? ----------------------------------------
    C("building-without-output", lambda c: _st(c, "BUILDING") and c.facts.build_logs in _QUIET,
      ((B.BUILDER_OR_SCHEDULER_STUCK, 2.5), (B.MODERATION_LOCK, 0.4), (B.PLATFORM_INCIDENT, 0.4))
      + _down(_BUILD_SIDE, -1.0),
      "BUILDING with empty or queued-only build logs: the build job was never dispatched"),
    C("queued-banner-beside-generic-error", lambda c: c.facts.build_logs in _QUIET and not c.facts.steps_ran
      and (_st(c, "BUILD_ERROR") or c.has_error_text) and not (c.matched - {B.BUILDER_OR_SCHEDULER_STUCK}),
      ((B.BUILDER_OR_SCHEDULER_STUCK, 2.5),) + _down(_BUILD_SIDE, -1.0),
      "the build log is empty or holds only the queued banner next to a generic build error: no build step ran"),
    C("build-error-without-an-error-line", lambda c: _st(c, "BUILD_ERROR") and c.facts.build_logs is LogState.HAS_OUTPUT
      and not c.matched and not c.has_error_text and not {"source-build", "failed-step"} & c.tags
      and not c.facts.build_error_line,
      ((B.BUILDER_OR_SCHEDULER_STUCK, 2.0),),
      "the build failed, yet its log shows no failing step or error line: the build job itself may have died"),
    C("build-log-stops-at-base-image", lambda c: _st(c, "BUILD_ERROR") and c.facts.build_stopped_at_base
      and not c.matched and not c.has_error_text,
      ((B.BUILDER_OR_SCHEDULER_STUCK, 1.5),) + _down(_BUILD_SIDE, -0.8),
      "the build log ends right after pulling the base image: no step of the Dockerfile ever ran"),
    C("queued-for-long", lambda c: _queued_build(c) and (c.facts.minutes or 0) > 30,
      ((B.BUILDER_OR_SCHEDULER_STUCK, 1.5),),
      "the new build has waited in the queue for over half an hour without a single step"),
    C("building-for-long", lambda c: _st(c, "BUILDING") and (c.facts.minutes or 0) > 60,
      ((B.BUILDER_OR_SCHEDULER_STUCK, 1.0), (B.MODERATION_LOCK, 0.5)),
      "BUILDING for over an hour is far beyond a normal build"),
    C("building-with-output", lambda c: _st(c, "BUILDING") and c.facts.build_logs is LogState.HAS_OUTPUT,
      ((B.BUILDER_OR_SCHEDULER_STUCK, -2.0), (B.MODERATION_LOCK, -0.5), (B.DEPENDENCY_INSTALL_FAILURE, 0.8),
       (B.DOCKERFILE_BUILD_FAILURE, 0.4), (B.APT_PACKAGE_FAILURE, 0.2)),
      "the build is running and writing output: a step is slow or hangs, the builder itself works"),
    C("build-ran", lambda c: c.facts.build_logs is LogState.HAS_OUTPUT and not _st(c, "BUILDING", "PAUSED"),
      ((B.BUILDER_OR_SCHEDULER_STUCK, -1.0), (B.MODERATION_LOCK, -0.5)),
      "the builder ran and wrote output"),
    C("container-ran", lambda c: c.facts.run_logs is LogState.HAS_OUTPUT,
      ((B.BUILDER_OR_SCHEDULER_STUCK, -1.0), (B.MODERATION_LOCK, -0.3), (B.HARDWARE_CAPACITY, -0.5)),
      "the container ran and wrote output: the Space was scheduled and built"),
    C("commit-builds-nothing", lambda c: c.obs.new_commit_triggers_build is False,
      ((B.BUILDER_OR_SCHEDULER_STUCK, 1.0), (B.LIFECYCLE_STUCK_STATE, 1.0), (B.MODERATION_LOCK, 0.5))
      + _down(_APP_SIDE, -0.5),
      "a new commit dispatched no build: no change to the repo can reach the Space"),
    C("commit-builds-nothing-while-up", lambda c: c.obs.new_commit_triggers_build is False
      and _st(c, "RUNNING", "PAUSED", "APP_STARTING", "PREPARING", "RUNTIME_ERROR"),
      ((B.LIFECYCLE_STUCK_STATE, 0.8),), "the stage never moves although commits land: the record is stuck"),
    C("commit-builds-nothing-while-building", lambda c: c.obs.new_commit_triggers_build is False and _st(c, "BUILDING"),
      ((B.BUILDER_OR_SCHEDULER_STUCK, 0.8),), "still BUILDING and commits do not start a new build"),
    C("commit-builds", lambda c: c.obs.new_commit_triggers_build is True,
      ((B.BUILDER_OR_SCHEDULER_STUCK, -0.7), (B.MODERATION_LOCK, -0.3)), "commits do dispatch builds"),
    # ---- Starting / Preparing ------------------------------------------------------------
    C("starting-past-timeout", lambda c: _st(c, "APP_STARTING", "PREPARING") and c.facts.past_timeout,
      ((B.LIFECYCLE_STUCK_STATE, 1.2), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 0.5), (B.PORT_OR_BIND_MISMATCH, 0.5)),
      "starting for longer than startup_duration_timeout: the platform should have given up by now"),
    C("preparing-after-good-build", lambda c: _st(c, "PREPARING", "APP_STARTING")
      and c.facts.build_logs is LogState.HAS_OUTPUT and c.facts.run_logs is LogState.HAS_OUTPUT and not c.matched,
      ((B.LIFECYCLE_STUCK_STATE, 1.0),), "the build finished and the app wrote output, yet the page still prepares"),
    C("starting-resets-fail", lambda c: _st(c, "PREPARING", "APP_STARTING") and _resets_failed(c)
      and c.obs.other_spaces_affected is not True,
      ((B.LIFECYCLE_STUCK_STATE, 1.5),), "restart / factory rebuild did not move the stage"),
    # (A Space the API reports RUNNING that no restart mends is not pushed towards a wedged record:
    # in the real reports such a failure was as often the code, its dependencies or the builder.)
    # One wedged record is one Space's; several Spaces that no restart moves share a cause.
    C("resets-fail-across-spaces", lambda c: _resets_failed(c) and c.obs.other_spaces_affected is True
      and not _st(c, "PAUSED"),
      ((B.PLATFORM_INCIDENT, 1.0),), "restarts do not help here nor on the owner's other Spaces: a shared cause"),
    # The container never wrote a line while the page waits for it: a wrong port, a crash or a slow
    # download all need a running app that logs; a Space that was never started does not.
    C("starting-without-any-output", lambda c: _st(c, "APP_STARTING", "PREPARING") and c.facts.run_logs is LogState.EMPTY,
      ((B.LIFECYCLE_STUCK_STATE, 0.8), (B.MODERATION_LOCK, 1.0), (B.PLATFORM_INCIDENT, 0.5), (B.HARDWARE_CAPACITY, 0.5),
       (B.PORT_OR_BIND_MISMATCH, -1.5), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, -1.5), (B.APP_CRASH_AT_STARTUP, -0.5)),
      "the page waits for the app but the container has written nothing: it may never have been started"),
    # A runtime error reached after the whole start-up budget, with no message quoted: the platform
    # gave up waiting for a healthy app, which is what a launch timeout is.
    C("error-after-the-start-budget", lambda c: _st(c, "RUNTIME_ERROR") and not c.has_error_text and not c.matched
      and (c.facts.page in _NOT_UP_PAGES or (c.facts.minutes is not None
                                            and c.facts.timeout_minutes * 0.9 <= c.facts.minutes <= c.facts.timeout_minutes * 3)),
      ((B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.2), (B.PORT_OR_BIND_MISMATCH, 0.8), (B.DEPENDENCY_INSTALL_FAILURE, -0.5)),
      "the Space failed after starting for about its whole start-up budget: it never became healthy in time"),
    # The app logged that it is up (no port named), yet the page or the URL does not serve it:
    # what lies between the two is the port, the bind address or the platform's view.
    C("app-up-but-not-served", lambda c: c.facts.app_started and not c.facts.listening and not c.launch_timeout
      and (_st(c, "APP_STARTING", "PREPARING") or c.obs.direct_url is DirectUrl.ERROR),
      ((B.PORT_OR_BIND_MISMATCH, 1.2), (B.LIFECYCLE_STUCK_STATE, 0.6), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, -1.0),
       (B.APP_CRASH_AT_STARTUP, -0.5)),
      "the app logged that its start-up completed, yet the Space is not served: the port, the bind address or the platform"),
    # The log shows an error and, after it, the server coming up: the error was logged and survived,
    # so it is not what keeps the Space from being served.
    C("server-up-after-the-error", lambda c: c.facts.started_after_error
      and _st(c, "APP_STARTING", "PREPARING", "RUNNING") and not c.launch_timeout,
      ((B.APP_CRASH_AT_STARTUP, -2.0), (B.PERMISSION_OR_FILESYSTEM, -3.0), (B.DEPENDENCY_INSTALL_FAILURE, -2.0),
       (B.MISSING_SECRET_OR_ENV, -1.0), (B.PORT_OR_BIND_MISMATCH, 0.8)),
      "the server came up after the error in the log, so the error did not stop the app"),
    C("api-running-page-not", lambda c: c.facts.api_stage == "RUNNING" and c.facts.page in _NOT_UP_PAGES,
      ((B.LIFECYCLE_STUCK_STATE, 1.5),),
      "the runtime API says RUNNING while the page still prepares or starts: the two views of the Space disagree"),
    # While a new build waits in the queue the previous revision keeps serving, so a URL that
    # loads says nothing about a wedged record then.
    C("direct-url-loads", lambda c: c.obs.direct_url is DirectUrl.LOADS and not _st(c, "RUNNING")
      and not _queued_build(c),
      ((B.LIFECYCLE_STUCK_STATE, 3.0), (B.PORT_OR_BIND_MISMATCH, -1.5), (B.APP_CRASH_AT_STARTUP, -1.5),
       (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, -1.0), (B.OUT_OF_MEMORY, -1.0)),
      "the *.hf.space URL serves the app while the Hub shows another stage: a control-plane mismatch"),
    C("running-serves-error", lambda c: c.obs.direct_url is DirectUrl.ERROR and _st(c, "RUNNING"),
      ((B.LIFECYCLE_STUCK_STATE, 0.8), (B.PORT_OR_BIND_MISMATCH, 0.5), (B.PLATFORM_INCIDENT, 0.8)),
      "the page says Running but the app URL answers with an error"),
    # ---- Ports: what the server logged vs where the proxy looks --------------------------
    C("listens-on-loopback", lambda c: c.facts.only_loopback,
      ((B.PORT_OR_BIND_MISMATCH, 3.0), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, -0.8)),
      "the server listens on 127.0.0.1/localhost, which the proxy cannot reach (so start-up itself finished)"),
    C("listens-on-other-port", lambda c: c.facts.listens_wrong_port,
      ((B.PORT_OR_BIND_MISMATCH, 2.5), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, -0.8)),
      "the server listens on another port than the one the proxy probes (so start-up itself finished)"),
    C("timeout-but-listening-right", lambda c: c.launch_timeout and c.facts.listens_right,
      ((B.LIFECYCLE_STUCK_STATE, 2.5), (B.PORT_OR_BIND_MISMATCH, -2.0), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, -1.2)),
      "the app logged that it listens on the right port and host, yet the launch timed out"),
    C("listening-right", lambda c: c.facts.listens_right and not c.launch_timeout,
      ((B.PORT_OR_BIND_MISMATCH, -1.0),), "the app logged that it listens on the right port and host"),
    # The same without the platform's banner: longer than the start-up budget, still busy with
    # start-up work and no server up yet.
    C("past-budget-still-loading", lambda c: c.facts.past_timeout and not c.launch_timeout and not c.facts.listening
      and "slow-start" in c.tags and not _st(c, "BUILDING", "BUILD_ERROR", "PAUSED", "SLEEPING"),
      ((B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.5),),
      "past the start-up budget, the app is still downloading or preparing data and no server listens yet"),
    C("timeout-still-loading", lambda c: c.launch_timeout and not c.facts.listening and "slow-start" in c.tags,
      ((B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.5), (B.PORT_OR_BIND_MISMATCH, -0.5)),
      "the launch timed out while start-up work was still running and no server was up yet"),
    C("docker-not-initialized", lambda c: "not-initialized" in c.tags and c.facts.sdk == "docker",
      ((B.PORT_OR_BIND_MISMATCH, 2.5), (B.APP_CRASH_AT_STARTUP, -1.0)),
      "in a Docker Space \"not initialized\" means no server answered on app_port: the port or bind address"),
    C("config-names-two-ports", lambda c: len(c.facts.config_ports) >= 2,
      ((B.PORT_OR_BIND_MISMATCH, 1.5),), "the configuration quoted names more than one port"),
    C("local-requirement-in-docker", lambda c: "local-requirement" in c.tags and c.facts.sdk == "docker",
      ((B.DOCKERFILE_BUILD_FAILURE, 3.0), (B.DEPENDENCY_INSTALL_FAILURE, -1.0)),
      "in a Docker Space a local requirement path is missing because the Dockerfile did not copy it before installing"),
    # pip finds no version of anything when it cannot reach the index: the resolver error is the
    # network failure's consequence, not a wrong requirement.
    C("network-explains-install-error", lambda c: "network" in c.tags,
      ((B.DEPENDENCY_INSTALL_FAILURE, -2.5), (B.BUILDER_OR_SCHEDULER_STUCK, 0.8)),
      "the install failed because the network failed, which also makes pip find no version"),
    # An exit reason and a run log both empty: the container left no output at all. A crash or a
    # failed import prints a traceback, so the output was lost or never written.
    C("no-output-behind-the-exit", lambda c: "empty-reason" in c.tags and not c.matched
      and c.facts.run_logs is not LogState.HAS_OUTPUT,
      ((B.PLATFORM_INCIDENT, 1.3), (B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 0.8), (B.DEPENDENCY_INSTALL_FAILURE, -0.6)),
      "the container exited with an error but left no output at all: lost output or a start-up cut short"),
    C("runtime-cannot-exec-command", lambda c: "start-command" in c.tags,
      ((B.PLATFORM_INCIDENT, -3.0),),
      "the runtime reached the image and failed on its start command: the image, not the infrastructure"),
    # ---- Who else is affected ------------------------------------------------------------
    # Real reports say "others see it too" of builder outages, capacity shortages and a tool's
    # image being flagged as often as of incidents: all HF-side, none the one repo's fault.
    C("other-users-affected", lambda c: c.obs.other_users_affected is True,
      ((B.PLATFORM_INCIDENT, 1.2), (B.BUILDER_OR_SCHEDULER_STUCK, 0.8), (B.HARDWARE_CAPACITY, 0.8),
       (B.MODERATION_LOCK, 0.6)),
      "other users see the same at the same time: something shared by many Spaces, not this repo alone"),
    # Many users of one Docker tool stuck Building at once: public cases are the abuse scanners
    # blocking the tool's image or keywords as often as a builder outage.
    C("others-stuck-building-the-same-image", lambda c: c.obs.other_users_affected is True and _st(c, "BUILDING")
      and c.facts.sdk == "docker" and c.facts.build_logs is not LogState.HAS_OUTPUT and not c.has_error_text,
      ((B.MODERATION_LOCK, 1.4),),
      "other users' Docker Spaces of the same kind are stuck building too: a block on the tool itself is possible"),
    C("only-this-user", lambda c: c.obs.other_users_affected is False,
      ((B.PLATFORM_INCIDENT, -1.0),), "other users are not affected"),
    C("owner-spaces-affected", lambda c: c.obs.other_spaces_affected is True,
      ((B.MODERATION_LOCK, 1.2), (B.PLATFORM_INCIDENT, 0.6), (B.BUILDER_OR_SCHEDULER_STUCK, 0.5),
       (B.LIFECYCLE_STUCK_STATE, 0.3)),
      "several Spaces of the same owner fail at once: account- or platform-side, not one repo"),
    # Unless the app itself ran and failed: Spaces built from one template or one unpinned stack
    # break together when a release of a shared dependency changes under them.
    C("owner-spaces-affected-silently", lambda c: c.obs.other_spaces_affected is True
      and c.facts.run_logs is not LogState.HAS_OUTPUT and not (c.matched & set(_APP_SIDE)),
      _down(_APP_SIDE, -1.0), "nothing shows the app itself failing, while other Spaces fail with it"),
    C("owner-spaces-fail-to-run", lambda c: c.obs.other_spaces_affected is True and _st(c, "RUNTIME_ERROR")
      and not c.has_error_text and not c.matched, ((B.HARDWARE_CAPACITY, 0.6),),
      "several Spaces are in error at once with no message: a shortage of their hardware is one shared cause"),
    C("spaces-fail-together-in-their-code", lambda c: c.obs.other_spaces_affected is True
      and (c.facts.run_logs is LogState.HAS_OUTPUT or bool(c.matched & set(_APP_SIDE))),
      ((B.DEPENDENCY_INSTALL_FAILURE, 0.6), (B.MODERATION_LOCK, -1.0)),
      "the app ran and failed in several Spaces at once: a shared dependency release is a common reason"),
    C("owner-spaces-fine", lambda c: c.obs.other_spaces_affected is False,
      ((B.PLATFORM_INCIDENT, -0.5), (B.MODERATION_LOCK, -0.3)), "the owner's other Spaces work"),
    C("status-incident", lambda c: c.obs.status_page_incident is True,
      ((B.PLATFORM_INCIDENT, 4.0),), "the status page reports an incident"),
    C("status-green", lambda c: c.obs.status_page_incident is False,
      ((B.PLATFORM_INCIDENT, -0.8),), "the status page is green (this does not rule out a single-Space problem)"),
    C("works-locally", lambda c: c.obs.works_locally is True,
      ((B.PORT_OR_BIND_MISMATCH, 0.3), (B.PERMISSION_OR_FILESYSTEM, 0.3), (B.MISSING_SECRET_OR_ENV, 0.3),
       (B.OUT_OF_MEMORY, 0.3), (B.APP_CRASH_AT_STARTUP, -0.3)),
      "it works locally: what differs on Spaces (port, user, secrets, memory) matters"),
    C("gpu-not-running", lambda c: _st(c, "RUNTIME_ERROR", "BUILDING") and not c.has_error_text
      and any(g in (c.obs.hardware or "").lower() for g in ("gpu", "a10g", "a100", "t4", "l4", "l40", "h100", "h200", "rtx")),
      ((B.HARDWARE_CAPACITY, 0.5),), "GPU hardware is requested, and GPU capacity is sometimes short"),
    C("free-cpu-tier-fails-silently", lambda c: _st(c, "RUNTIME_ERROR", "RUNNING") and not c.has_error_text
      and not c.matched and (c.obs.hardware or "").strip().lower() in ("cpu-basic", "cpu basic", "free", "cpu"),
      ((B.OUT_OF_MEMORY, 0.8),),
      "on the free CPU tier (16 GB RAM) memory runs out first when nothing else is shown"),
    # ---- The repo's own files (lint) ------------------------------------------------------
    C("lint-port", lambda c: _lint(c, Category.PORT, Category.BIND, Category.STREAMLIT_CONFIG),
      ((B.PORT_OR_BIND_MISMATCH, 1.5),), "the linter found a port or bind-address problem in the repo"),
    C("lint-config", lambda c: _lint(c, Category.FRONT_MATTER), ((B.CONFIG_ERROR_YAML, 1.5),),
      "the linter found a README front-matter problem"),
    C("lint-requirements", lambda c: _lint(c, Category.REQUIREMENTS), ((B.DEPENDENCY_INSTALL_FAILURE, 1.0),),
      "the linter found a requirements problem"),
    C("lint-apt", lambda c: _lint(c, Category.APT), ((B.APT_PACKAGE_FAILURE, 1.2),),
      "the linter found a packages.txt / apt problem"),
    C("lint-dockerfile", lambda c: _lint(c, Category.DOCKERFILE), ((B.DOCKERFILE_BUILD_FAILURE, 1.0),),
      "the linter found a Dockerfile problem"),
    C("lint-permissions", lambda c: _lint(c, Category.PERMISSIONS), ((B.PERMISSION_OR_FILESYSTEM, 1.2),),
      "the linter found a file-permission problem"),
    C("lint-repo-size", lambda c: _lint(c, Category.REPO_SIZE), ((B.REPO_STORAGE_LIMIT, 1.5),),
      "the linter found large files in the repository"),
    C("lint-startup-download", lambda c: _lint(c, Category.STARTUP_DOWNLOAD), ((B.STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD, 1.0),),
      "the linter found large downloads at start-up"),
    C("lint-policy", lambda c: _lint(c, Category.POLICY), ((B.MODERATION_LOCK, 1.0),),
      "the linter found content the abuse scanners are known to flag"),
    C("lint-app-code", lambda c: _lint(c, Category.APP_CODE), ((B.APP_CRASH_AT_STARTUP, 0.8),),
      "the linter found a problem in the app code"),
)
