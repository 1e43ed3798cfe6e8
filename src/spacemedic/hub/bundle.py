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
MAX_SPACE_ID = 200
_INNER: tuple[tuple[str, str, tuple[type, ...], str], ...] = (
    ("runtime", "stage", (str,), "a string"),
    ("runtime", "errorMessage", (str,), "a string"),
    ("runtime", "hardware", (dict,), "an object"),
    ("info", "sdk", (str,), "a string"),
    ("info", "card_data", (dict,), "an object"),
    ("app", "status", (int,), "an HTTP status number"),
    ("status_page", "components", (dict,), "an object"),
    ("status_page", "open_reports", (list,), "a list"),
)
"""Fields inside the verbatim Hub parts that the diagnosis reads, with their types."""


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


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _field(origin: str, name: str, value: Any, types: tuple[type, ...], expected: str, *, null: bool = True) -> Any:
    """`value` if it has one of `types` (or is null when allowed), else `InputError` naming the field."""
    if value is None and null:
        return None
    if isinstance(value, types) and not (isinstance(value, bool) and bool not in types):
        return value
    raise InputError(f"{origin}: field {name}: expected {expected}{' or null' if null else ''}, not {_kind(value)}")


def _log_from(data: Any, kind: str, origin: str = "bundle") -> LogCapture | None:
    if data is None:
        return None
    name = f"{kind}_log"
    if not isinstance(data, Mapping):
        raise InputError(f"{origin}: field {name}: expected an object or null, not {_kind(data)}")
    state = _field(origin, f"{name}.state", data.get("state", "empty"), (str,), "a string", null=False)
    if state not in {s.value for s in LogState}:
        raise InputError(f"{origin}: field {name}.state: expected one of {', '.join(s.value for s in LogState)}, not {state[:40]!r}")
    opt = {key: _field(origin, f"{name}.{key}", data.get(key), (str,), "a string")
           for key in ("stopped", "queued_at", "queued_sha", "startup_at")}
    return LogCapture(
        kind=kind, text=_field(origin, f"{name}.text", data.get("text"), (str,), "a string") or "", state=LogState(state),
        lines_read=_field(origin, f"{name}.lines_read", data.get("lines_read"), (int,), "a whole number") or 0,
        bytes_read=_field(origin, f"{name}.bytes_read", data.get("bytes_read"), (int,), "a whole number") or 0,
        **opt,
        open=bool(_field(origin, f"{name}.open", data.get("open"), (bool,), "true or false")),
    )


def _state(value: Any) -> SourceState | None:
    """A note's state from a bundle; an unknown word is dropped rather than refused (older writers)."""
    try:
        return SourceState(value) if value is not None else None
    except ValueError:
        return None


def bundle_from_dict(data: Any, origin: str = "bundle") -> Bundle:
    """Validate and build a Bundle field by field; `InputError` naming the field on anything off."""
    if not isinstance(data, Mapping):
        raise InputError(f"{origin}: not a spacemedic bundle (expected a JSON object)")
    schema = data.get("schema")
    if not isinstance(schema, str) or not schema.startswith("spacemedic.bundle/"):
        shown = schema[:60] if isinstance(schema, str) else schema if not isinstance(schema, (list, dict)) else _kind(schema)
        raise InputError(f"{origin}: not a spacemedic bundle (schema is {shown!r}, expected {SCHEMA!r})")
    if schema != SCHEMA:
        raise InputError(f"{origin}: bundle schema {schema[:60]!r} is not supported by this version (reads {SCHEMA!r})")
    data = scrub(data)
    space = data.get("space")
    if not isinstance(space, str) or "/" not in space or len(space) > MAX_SPACE_ID:
        raise InputError(f"{origin}: field space: expected OWNER/NAME, not {_kind(space)}")

    def obj(key: str) -> Mapping[str, Any] | None:
        value: Mapping[str, Any] | None = _field(origin, key, data.get(key), (dict,), "an object")
        return value

    def items(key: str) -> tuple[Mapping[str, Any], ...] | None:
        value = _field(origin, key, data.get(key), (list,), "a list of objects")
        if value is None:
            return None
        for i, v in enumerate(value):
            _field(origin, f"{key}[{i}]", v, (dict,), "an object", null=False)
        return tuple(value)

    notes = []
    for i, u in enumerate(_field(origin, "unavailable", data.get("unavailable"), (list,), "a list of objects") or ()):
        _field(origin, f"unavailable[{i}]", u, (dict,), "an object", null=False)
        source = _field(origin, f"unavailable[{i}].source", u.get("source"), (str,), "a string", null=False)
        reason = _field(origin, f"unavailable[{i}].reason", u.get("reason"), (str,), "a string", null=False)
        notes.append(Unavailable(source, reason, _state(u.get("state"))))
    timings: dict[str, float] = {}
    for key, value in (_field(origin, "timings", data.get("timings"), (dict,), "an object") or {}).items():
        timings[str(key)] = float(_field(origin, f"timings.{key}", value, (int, float), "a number", null=False))
    for part, key, types, expected in _INNER:
        inner = data.get(part)
        if isinstance(inner, Mapping):
            _field(origin, f"{part}.{key}", inner.get(key), types, expected)
    return Bundle(
        space=space,
        collected_at=_field(origin, "collected_at", data.get("collected_at"), (str,), "a string") or "",
        endpoint=_field(origin, "endpoint", data.get("endpoint"), (str,), "a string"),
        runtime=obj("runtime"), info=obj("info"), commits=items("commits"), other_spaces=items("other_spaces"),
        status_page=obj("status_page"), app=obj("app"),
        build_log=_log_from(data.get("build_log"), "build", origin), run_log=_log_from(data.get("run_log"), "run", origin),
        unavailable=tuple(notes), timings=timings,
    )


def load_bundle(path: str | Path) -> Bundle:
    """Read a bundle written by `spacemedic collect` (bounded: `spacemedic.space.reader` and
    `spacemedic.jsonbound`). Raises `InputError` for bad files."""
    from spacemedic.jsonbound import JsonBoundError, loads
    from spacemedic.space.reader import read_input_bytes

    p = Path(path)
    raw = read_input_bytes(p, what="bundle")
    try:
        data = loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not a spacemedic bundle (not UTF-8 text at byte {exc.start})") from exc
    except JsonBoundError as exc:
        raise InputError(f"{p}: bundle not read: JSON {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    return bundle_from_dict(data, str(p))
