"""The evidence bundle: everything `spacemedic collect` read, as one frozen, versioned value.

Schema "spacemedic.bundle/1". Every string inside passed through `spacemedic.redact.redact`.
`Bundle.to_signals()` turns it into the classifier's input (mapping in spacemedic.hub.signals).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from spacemedic.errors import InputError
from spacemedic.hub.logs import LogCapture
from spacemedic.models import LogState, Signals, SourceSeen, SourceState, Unavailable
from spacemedic.redact import redact

SCHEMA = "spacemedic.bundle/1"


def scrub(value: Any) -> Any:
    """Redact every string in a JSON-like tree (keys too)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {scrub(str(k)): scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    return value


@dataclass(frozen=True)
class Bundle:
    """All collected evidence about one Space. `None` means "not collected" (see `unavailable`)."""

    space: str
    collected_at: str  # ISO-8601 UTC
    endpoint: str | None = None
    runtime: Mapping[str, Any] | None = None  # /runtime JSON, verbatim (stage may be any string)
    info: Mapping[str, Any] | None = None  # id, sha, sdk, host, subdomain, private, disabled, card_data, ...
    commits: tuple[Mapping[str, Any], ...] | None = None  # newest first: id, title, date
    other_spaces: tuple[Mapping[str, Any], ...] | None = None  # id, stage, error_message
    status_page: Mapping[str, Any] | None = None  # aggregate_state, components{name: status}, open_reports
    app: Mapping[str, Any] | None = None  # url, status, space_in_error, preparing, request_id, proxied, replica
    build_log: LogCapture | None = None
    run_log: LogCapture | None = None
    unavailable: tuple[Unavailable, ...] = ()
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per collector
    schema: str = SCHEMA

    @property
    def anything_read(self) -> bool:
        parts = (self.runtime, self.info, self.commits, self.build_log, self.run_log)
        return any(p is not None for p in parts)

    def source_states(self) -> tuple[SourceSeen, ...]:
        """What each collector did: answered (with detail), or its note's state."""
        from spacemedic.triage.sufficiency import LIVE_SOURCES

        notes = {u.source: u for u in self.unavailable}
        values: dict[str, Any] = {"runtime": self.runtime, "space info": self.info, "commits": self.commits,
                                  "other spaces": self.other_spaces, "status page": self.status_page,
                                  "build logs": self.build_log, "run logs": self.run_log, "app url": self.app}
        out: list[SourceSeen] = []
        for source in LIVE_SOURCES:
            value = values[source]
            if isinstance(value, LogCapture):
                out.append(SourceSeen(source, value.source_state))
            elif value is not None:
                out.append(SourceSeen(source, SourceState.ANSWERED))
            elif source in notes:
                out.append(SourceSeen(source, notes[source].state or SourceState.FAILED))
            else:
                out.append(SourceSeen(source, SourceState.NOT_COLLECTED))
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "schema": self.schema,
            "space": self.space,
            "collected_at": self.collected_at,
            "endpoint": self.endpoint,
            "runtime": self.runtime,
            "info": self.info,
            "commits": list(self.commits) if self.commits is not None else None,
            "other_spaces": list(self.other_spaces) if self.other_spaces is not None else None,
            "status_page": self.status_page,
            "app": self.app,
            "build_log": self.build_log.to_dict() if self.build_log else None,
            "run_log": self.run_log.to_dict() if self.run_log else None,
            "unavailable": [u.to_dict() for u in self.unavailable],
            "timings": dict(self.timings),
        }
        return scrub(data)  # type: ignore[no-any-return]

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_signals(self) -> Signals:
        from spacemedic.hub.signals import bundle_to_signals

        return bundle_to_signals(self)


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _log_from(data: Any, kind: str) -> LogCapture | None:
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise InputError(f"bundle: {kind}_log must be an object")
    return LogCapture(
        kind=kind, text=str(data.get("text") or ""), state=LogState(data.get("state", "empty")),
        lines_read=int(data.get("lines_read") or 0), bytes_read=int(data.get("bytes_read") or 0),
        stopped=data.get("stopped"), queued_at=data.get("queued_at"), queued_sha=data.get("queued_sha"),
        startup_at=data.get("startup_at"), open=bool(data.get("open")),
        keepalives=int(data.get("keepalives") or 0), malformed=int(data.get("malformed") or 0),
    )


def _state(value: Any) -> SourceState | None:
    """A note's state from a bundle; an unknown word is dropped rather than refused (older writers)."""
    try:
        return SourceState(value) if value is not None else None
    except ValueError:
        return None


def bundle_from_dict(data: Any, origin: str = "bundle") -> Bundle:
    """Validate and build a Bundle; `InputError` with a clear message on anything off."""
    if not isinstance(data, Mapping):
        raise InputError(f"{origin}: not a spacemedic bundle (expected a JSON object)")
    schema = data.get("schema")
    if not isinstance(schema, str) or not schema.startswith("spacemedic.bundle/"):
        raise InputError(f"{origin}: not a spacemedic bundle (schema is {schema!r}, expected {SCHEMA!r})")
    if schema != SCHEMA:
        raise InputError(f"{origin}: bundle schema {schema!r} is not supported by this version (reads {SCHEMA!r})")
    data = scrub(data)
    space = data.get("space")
    if not isinstance(space, str) or "/" not in space:
        raise InputError(f"{origin}: `space` must be OWNER/NAME")

    def obj(key: str) -> Mapping[str, Any] | None:
        value = data.get(key)
        if value is not None and not isinstance(value, Mapping):
            raise InputError(f"{origin}: `{key}` must be an object or null")
        return value

    def items(key: str) -> tuple[Mapping[str, Any], ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise InputError(f"{origin}: `{key}` must be a list of objects or null")
        return tuple(value)

    try:
        notes = tuple(Unavailable(str(u["source"]), str(u["reason"]), _state(u.get("state")))
                      for u in data.get("unavailable") or ())
        return Bundle(
            space=space, collected_at=str(data.get("collected_at") or ""), endpoint=data.get("endpoint"),
            runtime=obj("runtime"), info=obj("info"), commits=items("commits"), other_spaces=items("other_spaces"),
            status_page=obj("status_page"), app=obj("app"),
            build_log=_log_from(data.get("build_log"), "build"), run_log=_log_from(data.get("run_log"), "run"),
            unavailable=notes, timings={str(k): float(v) for k, v in (data.get("timings") or {}).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{origin}: malformed bundle ({type(exc).__name__}: {exc})") from exc


def load_bundle(path: str | Path) -> Bundle:
    """Read a bundle written by `spacemedic collect`. Raises `InputError` for bad files."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read bundle {p}: {exc.__class__.__name__}: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    return bundle_from_dict(data, str(p))
