"""The values that flow through spacemedic: frozen, typed, comparable.

collect (I/O) -> evidence -> rules / triage (pure) -> findings + hypotheses -> render (pure)

Everything here is a frozen dataclass or an enum. "Could not check" is a value too
(`Unavailable`), and it travels with every report to every output format.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Mapping


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: ERROR > WARNING > INFO."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(str, enum.Enum):
    """The fixed vocabulary of lint categories (public: present on every finding in JSON)."""

    FRONT_MATTER = "front-matter"
    PORT = "port"
    BIND = "bind"
    STREAMLIT_CONFIG = "streamlit-config"
    DOCKERFILE = "dockerfile"
    PERMISSIONS = "permissions"
    APT = "apt"
    REQUIREMENTS = "requirements"
    REPO_SIZE = "repo-size"
    STARTUP_DOWNLOAD = "startup-download"
    POLICY = "policy"
    SECRET = "secret"
    IGNORED_FILE = "ignored-file"
    APP_CODE = "app-code"
    SUPPRESSION = "suppression"


class OutputFormat(str, enum.Enum):
    HUMAN = "human"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    MARKDOWN = "markdown"
    TEXT = "text"


class Applicability(str, enum.Enum):
    """How far an automatic fix can be trusted (as in ruff).

    SAFE: keeps what the author meant, applied by `lint --fix`. UNSAFE: changes behaviour or
    guesses (a new user, a dropped key, a version bound), applied only with `--unsafe-fixes`.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace bytes `start`..`end` (0-based, end exclusive) of the file `path` with `replacement`.

    Offsets are BYTE offsets into the file as stored on disk (a UTF-8 BOM counts; CRLF is two
    bytes), so an edit is exact whatever the encoding details; `replacement` is text, written
    as UTF-8. An insertion has `start == end`.
    """

    path: str
    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Autofix:
    """The machine-applicable form of a finding's fix: edits applied together or not at all."""

    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Finding:
    """One problem found in a Space repository, with where, why and how to fix it."""

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    evidence: tuple[str, ...] = ()
    fix: str | None = None
    autofix: Autofix | None = None

    def to_dict(self) -> dict[str, Any]:
        auto = self.autofix
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "evidence": list(self.evidence),
            "fix": {
                "message": self.fix,
                "applicability": auto.applicability.value if auto else None,
                "edits": [e.to_dict() for e in auto.edits] if auto else [],
            },
        }


class SourceState(str, enum.Enum):
    """What one source of evidence did when it was read. Distinct states, never merged: a log
    stream that timed out is not an empty one, and one that was never asked is neither."""

    ANSWERED = "answered"  # read, and it holds something
    EMPTY = "empty"  # answered, and there was nothing in it (a log stream that closed without a line)
    NO_OUTPUT_YET = "no_output_yet"  # a log stream that answered and stayed open without a line
    TIMED_OUT = "timed_out"  # no complete answer within its time box
    REFUSED = "refused"  # 401/403: the token is missing or not allowed
    NOT_FOUND = "not_found"  # 404: no such Space (or private and invisible)
    FAILED = "failed"  # a server error, a malformed or truncated answer, a connection error
    NOT_COLLECTED = "not_collected"  # never asked (offline input, or not part of this command)

    @property
    def seen(self) -> bool:
        """The source answered (even if with nothing)."""
        return self in (SourceState.ANSWERED, SourceState.EMPTY, SourceState.NO_OUTPUT_YET)


@dataclass(frozen=True)
class Unavailable:
    """Something that could not be checked, and why. Never silently dropped.

    `state` says how it failed when a collector knows (timed out, refused, ...); None for notes
    that are not about a source of evidence (an unreadable file in a lint, say)."""

    source: str
    reason: str
    state: SourceState | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"source": self.source, "reason": self.reason}
        if self.state is not None:
            out["state"] = self.state.value
        return out


@dataclass(frozen=True)
class Report:
    """The result of `spacemedic lint`."""

    root: str
    findings: tuple[Finding, ...] = ()
    unavailable: tuple[Unavailable, ...] = ()
    sdk: str | None = None
    files_scanned: int = 0
    digests: tuple[tuple[str, str], ...] = ()
    """(path, sha256 of the bytes read) for every file an automatic fix edits: `apply_fixes`
    refuses a file whose content changed since."""

    @property
    def fixes(self) -> tuple[Finding, ...]:
        """The findings that carry an automatic fix (safe and unsafe)."""
        return tuple(f for f in self.findings if f.autofix is not None)

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def worst(self) -> Severity | None:
        ranked = sorted((f.severity for f in self.findings), key=lambda s: s.rank, reverse=True)
        return ranked[0] if ranked else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "spacemedic.lint/2",
            "root": self.root,
            "sdk": self.sdk,
            "files_scanned": self.files_scanned,
            "summary": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "unavailable": [u.to_dict() for u in self.unavailable],
        }


# --------------------------------------------------------------------------- diagnosis


class Bucket(str, enum.Enum):
    """Why a Space is stuck. Ids are a public contract (../shared/knowledge/taxonomy.md)."""

    PLATFORM_INCIDENT = "platform_incident"
    BUILDER_OR_SCHEDULER_STUCK = "builder_or_scheduler_stuck"
    LIFECYCLE_STUCK_STATE = "lifecycle_stuck_state"
    MODERATION_LOCK = "moderation_lock"
    REPO_STORAGE_LIMIT = "repo_storage_limit"
    HARDWARE_CAPACITY = "hardware_capacity"
    CONFIG_ERROR_YAML = "config_error_yaml"
    DEPENDENCY_INSTALL_FAILURE = "dependency_install_failure"
    APT_PACKAGE_FAILURE = "apt_package_failure"
    DOCKERFILE_BUILD_FAILURE = "dockerfile_build_failure"
    APP_CRASH_AT_STARTUP = "app_crash_at_startup"
    PORT_OR_BIND_MISMATCH = "port_or_bind_mismatch"
    STARTUP_TIMEOUT_OR_SLOW_DOWNLOAD = "startup_timeout_or_slow_download"
    OUT_OF_MEMORY = "out_of_memory"
    PERMISSION_OR_FILESYSTEM = "permission_or_filesystem"
    MISSING_SECRET_OR_ENV = "missing_secret_or_env"
    NORMAL_SLEEP_OR_PAUSE = "normal_sleep_or_pause"
    OTHER = "other"

    @property
    def hf_side(self) -> bool:
        return self in HF_SIDE_BUCKETS


HF_SIDE_BUCKETS = frozenset(
    {
        Bucket.PLATFORM_INCIDENT,
        Bucket.BUILDER_OR_SCHEDULER_STUCK,
        Bucket.LIFECYCLE_STUCK_STATE,
        Bucket.MODERATION_LOCK,
        Bucket.REPO_STORAGE_LIMIT,
        Bucket.HARDWARE_CAPACITY,
    }
)


class Confidence(str, enum.Enum):
    """STATED: the platform (or its message) names the cause. INFERRED: a resemblance."""

    STATED = "stated"
    INFERRED = "inferred"


class LogState(str, enum.Enum):
    EMPTY = "empty"
    QUEUED_ONLY = "queued_only"
    HAS_OUTPUT = "has_output"


class Outcome(str, enum.Enum):
    """What an action the owner already tried did."""

    FAILED = "failed"
    SUCCEEDED = "succeeded"
    NO_EFFECT = "no_effect"
    NOT_TRIED = "not_tried"


class DirectUrl(str, enum.Enum):
    LOADS = "loads"
    ERROR = "error"


@dataclass(frozen=True)
class Observations:
    """Facts about a stuck Space, gathered live or read from a case file.

    Field names follow the `observations` keys of ../shared/cases/README.md. `None` means
    unknown, which is different from False.
    """

    hub_page_state: str | None = None
    stage_duration_minutes: float | None = None
    build_logs: LogState | None = None
    run_logs: LogState | None = None
    restart: Outcome | None = None
    factory_rebuild: Outcome | None = None
    new_commit_triggers_build: bool | None = None
    other_spaces_affected: bool | None = None
    other_users_affected: bool | None = None
    status_page_incident: bool | None = None
    direct_url: DirectUrl | None = None
    restart_error_text: str | None = None
    works_locally: bool | None = None
    hardware: str | None = None
    sdk: str | None = None


@dataclass(frozen=True)
class Signals:
    """Everything the classifier may read: the readable part of a case, or a collected bundle.

    Texts are already bounded in size by the collector. `lint` carries the findings of the
    linter on the Space's own files when they could be read.
    """

    id: str | None = None
    runtime_stage: str | None = None
    error_message: str | None = None
    build_log: str | None = None
    run_log: str | None = None
    config: str | None = None
    observations: Observations = field(default_factory=Observations)
    abuse: Mapping[str, Any] | None = None
    lint: tuple[Finding, ...] = ()
    unavailable: tuple[Unavailable, ...] = ()
    # What each source did when it was read live (or from a bundle): (source, state, detail).
    # Empty for case files, whose evidence is the observations themselves.
    sources: tuple[SourceSeen, ...] = ()
    linted: bool = False  # a local checkout was linted (`--repo`), even if it found nothing
    # When the platform's own timestamps date the current stage: (ISO-8601 UTC, what says so).
    stage_since: tuple[str, str] | None = None


@dataclass(frozen=True)
class SourceSeen:
    """One source of evidence and what it did: `runtime` answered, `run logs` refused, ..."""

    source: str
    state: SourceState
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "state": self.state.value, "detail": self.detail}


class EvidenceLevel(str, enum.Enum):
    """How much a diagnosis had to go on. NONE: not even a stage, nothing at all (no ranking is
    given). STAGE_ONLY: the stage and nothing else (a ranking of base rates, said as such).
    SOME: the stage or any observation beyond it."""

    NONE = "none"
    STAGE_ONLY = "stage_only"
    SOME = "some"


@dataclass(frozen=True)
class Sufficiency:
    """How much evidence a diagnosis saw, and what to collect next when it is too little."""

    level: EvidenceLevel
    sources: tuple[SourceSeen, ...] = ()
    known: tuple[str, ...] = ()  # the kinds of evidence present: "stage", "errorMessage", "build log", ...
    collect_next: tuple[str, ...] = ()
    live: bool = True  # the sources were read from the Hub (False: described by a case file)

    @property
    def enough(self) -> bool:
        return self.level is not EvidenceLevel.NONE

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "enough": self.enough,
            "sources": [s.to_dict() for s in self.sources],
            "known": list(self.known),
            "collect_next": list(self.collect_next),
            "live": self.live,
        }


@dataclass(frozen=True)
class Hypothesis:
    """One possible cause, with how sure we are and why."""

    bucket: Bucket
    likelihood: float
    confidence: Confidence
    summary: str
    evidence_for: tuple[str, ...] = ()
    evidence_against: tuple[str, ...] = ()
    path: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    # False when only the stage's base rate puts this cause on the list ("also possible, no
    # direct evidence"); a runner-up is shown as such only with evidence of its own.
    direct_evidence: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "bucket": self.bucket.value,
            "likelihood": round(self.likelihood, 3),
            "confidence": self.confidence.value,
            "hf_side": self.bucket.hf_side,
            "summary": self.summary,
            "evidence_for": list(self.evidence_for),
            "evidence_against": list(self.evidence_against),
            "path": list(self.path),
            "next_steps": list(self.next_steps),
            "avoid": list(self.avoid),
            "direct_evidence": self.direct_evidence,
        }


@dataclass(frozen=True)
class Diagnosis:
    """The result of `spacemedic diagnose`: ranked hypotheses plus what was not checked."""

    target: str | None
    hypotheses: tuple[Hypothesis, ...]
    stage: str | None = None
    minutes_in_stage: float | None = None
    unavailable: tuple[Unavailable, ...] = ()
    facts: tuple[str, ...] = ()
    evidence: Sufficiency | None = None
    stage_since: tuple[str, str] | None = None  # (ISO UTC, what dates it) when the platform proves it

    @property
    def top(self) -> Hypothesis | None:
        return self.hypotheses[0] if self.hypotheses else None

    @property
    def sufficient(self) -> bool:
        """False when there was too little evidence to rank any cause (no hypotheses are given)."""
        return self.evidence is None or self.evidence.enough

    @property
    def backed(self) -> tuple[Hypothesis, ...]:
        """The most likely cause, then every other cause with evidence of its own."""
        return tuple(h for i, h in enumerate(self.hypotheses) if i == 0 or h.direct_evidence)

    @property
    def also_possible(self) -> tuple[Hypothesis, ...]:
        """Runners-up that only the stage's base rate puts on the list (no direct evidence)."""
        return tuple(h for i, h in enumerate(self.hypotheses) if i > 0 and not h.direct_evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "spacemedic.diagnosis/1",
            "id": self.target,
            "stage": self.stage,
            "minutes_in_stage": self.minutes_in_stage,
            "stage_since": ({"at": self.stage_since[0], "source": self.stage_since[1]}
                            if self.stage_since else None),
            "evidence": self.evidence.to_dict() if self.evidence is not None else None,
            "facts": list(self.facts),
            "hypotheses": [h.to_dict() for h in self.hypotheses],
            "unavailable": [u.to_dict() for u in self.unavailable],
        }
