"""Case files (../shared/cases/README.md) -> Signals. Pure: takes text, never reads files.

Only the readable keys are used (id, runtime_stage, error_message, build_log_excerpt,
run_log_excerpt, config, observations); the answer keys are ignored. Nulls, wrong types and
unknown enum values become "unknown" rather than errors. A `.jsonl` line that is not a JSON
object becomes a `CaseError` naming the line, and the other lines still load.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Union

from spacemedic.models import DirectUrl, LogState, Observations, Outcome, Signals
from spacemedic.triage.tried import parse_duration_minutes

MAX_TEXT = 200_000


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
            whole = json.loads(text)
        except (ValueError, RecursionError):
            if jsonl is False:
                return [CaseError(None, "not valid JSON")]
        else:
            items = whole if isinstance(whole, list) else [whole]
            return [_one(item, None if len(items) == 1 else i + 1) for i, item in enumerate(items)]
    out: list[Loaded] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(CaseError(number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        except (ValueError, RecursionError):
            out.append(CaseError(number, "not valid JSON"))
            continue
        out.append(_one(obj, number))
    return out


def _one(obj: Any, line: int | None) -> Loaded:
    if not isinstance(obj, dict):
        return CaseError(line, f"expected a JSON object, got {type(obj).__name__}")
    return case_to_signals(obj)


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
