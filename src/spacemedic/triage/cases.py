"""Case files (../shared/cases/README.md) -> Signals. Pure: takes text, never reads files.

Only the readable keys are used (id, runtime_stage, error_message, build_log_excerpt,
run_log_excerpt, config, observations); the answer keys are ignored. Each readable field is
checked against the documented type (`validate_case`): a field of the wrong type (a number
where text is expected, a list where an object is) makes the record a `CaseError` naming the
line and the field. Nulls and unknown enum words (e.g. `"restart": "maybe"`) are "unknown",
not errors. A `.jsonl` line that is not a JSON object is a `CaseError` too, and the other
lines still load. The text is bounded before parsing (`spacemedic.jsonbound`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Union

from spacemedic.jsonbound import JsonBoundError
from spacemedic.jsonbound import loads as bounded_loads
from spacemedic.models import DirectUrl, LogState, Observations, Outcome, Signals
from spacemedic.triage.tried import parse_duration_minutes

MAX_TEXT = 200_000
MAX_RECORDS = 5_000
"""Records read at most from one case file; the rest are reported, not silently dropped."""
MAX_LINE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class CaseError:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


Loaded = Union[Signals, CaseError]


def parse_cases(text: str, *, jsonl: bool | None = None) -> list[Loaded]:
    """Parse a `.json` (one object or a list) or `.jsonl` (one object per line) case file."""
    if jsonl is not True:
        try:
            whole = bounded_loads(text)
        except JsonBoundError as exc:
            if jsonl is False or "\n" not in text.strip():
                return [CaseError(None, f"not read: JSON {exc}")]
        except (ValueError, RecursionError):
            if jsonl is False:
                return [CaseError(None, "not valid JSON")]
        else:
            items = whole if isinstance(whole, list) else [whole]
            out = [_one(item, None if len(items) == 1 else i + 1) for i, item in enumerate(items[:MAX_RECORDS])]
            return out + _over(len(items), None)
    out = []
    records = 0
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        records += 1
        if records > MAX_RECORDS:
            return out + _over(MAX_RECORDS + sum(1 for rest in lines[number - 1 :] if rest.strip()), number)
        try:
            obj = bounded_loads(line, max_bytes=MAX_LINE_BYTES)
        except JsonBoundError as exc:
            out.append(CaseError(number, f"not read: JSON {exc}"))
            continue
        except json.JSONDecodeError as exc:
            out.append(CaseError(number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        except (ValueError, RecursionError):
            out.append(CaseError(number, "not valid JSON"))
            continue
        out.append(_one(obj, number))
    return out


def _over(count: int, line: int | None) -> list[Loaded]:
    if count <= MAX_RECORDS:
        return []
    where = f" from line {line} on" if line is not None else ""
    return [CaseError(line, f"{count - MAX_RECORDS} more record(s){where} not read: a case file holds at most {MAX_RECORDS}")]


def _one(obj: Any, line: int | None) -> Loaded:
    if not isinstance(obj, dict):
        return CaseError(line, f"expected a JSON object, got {_kind(obj)}")
    problem = validate_case(obj)
    if problem is not None:
        return CaseError(line, problem)
    return case_to_signals(obj)


_TEXT_KEYS = ("runtime_stage", "error_message", "build_log_excerpt", "run_log_excerpt", "config")
_OBS_TEXT = ("hub_page_state", "restart_error_text", "hardware", "sdk")
_OBS_ENUM = ("build_logs", "run_logs", "restart", "factory_rebuild", "direct_url")
_OBS_BOOL = ("new_commit_triggers_build", "other_spaces_affected", "other_users_affected", "status_page_incident",
             "works_locally")


def validate_case(case: dict[str, Any]) -> str | None:
    """The first readable field whose type is not the documented one, as "field X: expected
    ..., not ...", or None. Keys the diagnosis does not read are not checked."""
    checks: list[tuple[str, Any, tuple[type, ...], str]] = [("id", case.get("id"), (str, int), "a string")]
    checks += [(k, case.get(k), (str,), "a string") for k in _TEXT_KEYS]
    obs = case.get("observations")
    if obs is not None and not isinstance(obs, dict):
        return f"field observations: expected an object or null, not {_kind(obs)}"
    obs = obs or {}
    checks += [(f"observations.{k}", obs.get(k), (str,), "a string") for k in _OBS_TEXT + _OBS_ENUM]
    checks += [(f"observations.{k}", obs.get(k), (bool, str), "true, false") for k in _OBS_BOOL]
    minutes = obs.get("stage_duration_minutes")
    checks.append(("observations.stage_duration_minutes", minutes, (int, float, str), "a number of minutes"))
    for name, value, types, expected in checks:
        if value is None:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return f"field {name}: expected {expected} or null, not {_kind(value)}"
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def case_to_signals(case: dict[str, Any]) -> Signals:
    obs = case.get("observations")
    return Signals(
        id=_text(case.get("id"), 300),
        runtime_stage=_text(case.get("runtime_stage"), 100),
        error_message=_text(case.get("error_message")),
        build_log=_text(case.get("build_log_excerpt")),
        run_log=_text(case.get("run_log_excerpt")),
        config=_text(case.get("config")),
        observations=observations_from(obs if isinstance(obs, dict) else {}),
    )


def observations_from(raw: dict[str, Any]) -> Observations:
    return Observations(
        hub_page_state=_text(raw.get("hub_page_state"), 100),
        stage_duration_minutes=_minutes(raw.get("stage_duration_minutes")),
        build_logs=_enum(LogState, raw.get("build_logs")),
        run_logs=_enum(LogState, raw.get("run_logs")),
        restart=_enum(Outcome, raw.get("restart")),
        factory_rebuild=_enum(Outcome, raw.get("factory_rebuild")),
        new_commit_triggers_build=_bool(raw.get("new_commit_triggers_build")),
        other_spaces_affected=_bool(raw.get("other_spaces_affected")),
        other_users_affected=_bool(raw.get("other_users_affected")),
        status_page_incident=_bool(raw.get("status_page_incident")),
        direct_url=_enum(DirectUrl, raw.get("direct_url")),
        restart_error_text=_text(raw.get("restart_error_text"), 20_000),
        works_locally=_bool(raw.get("works_locally")),
        hardware=_text(raw.get("hardware"), 100),
        sdk=_text(raw.get("sdk"), 50),
    )


def _text(value: Any, limit: int = MAX_TEXT) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    s = str(value)
    return s[:limit] if s.strip() else None


def _enum(kind: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return None
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return kind(key)
    except ValueError:
        return None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "yes": True, "false": False, "no": False}.get(value.strip().lower())
    return None


def _minutes(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            f = float(value)
        except OverflowError:
            return None
        return f if math.isfinite(f) and f >= 0 else None
    if isinstance(value, str):
        try:
            f = parse_duration_minutes(value)
        except ValueError:
            return None
        return f if math.isfinite(f) else None
    return None
