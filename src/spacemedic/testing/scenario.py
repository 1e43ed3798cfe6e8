"""Scenario files for the fake Hub: what each route answers, and which faults it injects.

A scenario is YAML (or JSON) built on the verbatim payloads of hf-platform.md:

    space: alice/demo                  # the Space under test
    expect: app_crash_at_startup       # the bucket a diagnosis should rank first (tests read it)
    stage_minutes: 90                  # clock control: "{since}" in log lines = now - 90 min
    private: false                     # true: every /api/spaces/{space}* route needs a token
    info: {...}                        # /api/spaces/{id} without `runtime` and `host` (both added)
    runtime: {...}                     # /api/spaces/{id}/runtime (also embedded in info)
    logs:
      build: {lines: [...], mode: close|keepalive|comment, huge_bytes: 0, interval: 0.5}
      run: {...}
    commits: [{id: <40 hex>, title: ..., date: ...}]
    other_spaces: [{id: alice/other, runtime: {...}}]
    status: {aggregate_state: operational, spaces: operational, spaces_proxy: operational,
             reports: [{title: ..., status: degraded}]}
    app: {status: 200, body: ..., proxied: true, headers: {}}
    faults: {runtime: {status: 429, retry_after: 7}, logs_run: {hang: true}, "*": {latency: 0.2}}

Route names for faults: info, runtime, logs_build, logs_run, commits, list_spaces, status, app,
and "*" for every route.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

ROUTES = ("info", "runtime", "logs_build", "logs_run", "commits", "list_spaces", "status", "app")
SCENARIO_DIR = Path(__file__).parent / "scenarios"


@dataclass(frozen=True)
class Fault:
    """What a route does wrong. Several may combine (latency then a status, say)."""

    latency: float = 0.0  # seconds to wait before answering
    hang: bool = False  # never answer, until the server stops
    status: int | None = None  # answer this status instead (401/403/404/429/5xx)
    retry_after: int | None = None  # Retry-After seconds on a 429
    error_code: str | None = None  # X-Error-Code, e.g. RepoNotFound (set by default on 404)
    malformed: bool = False  # a 200 whose body is not what the client expects
    truncate: bool = False  # a stream cut mid-event, without its closing chunk

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault keys: {', '.join(sorted(unknown))}")
        return cls(**dict(data))


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: plain data the server serves (see the module docstring)."""

    name: str
    space: str
    data: Mapping[str, Any]
    faults: Mapping[str, Fault] = field(default_factory=dict)

    @property
    def expect(self) -> str | None:
        value = self.data.get("expect")
        return str(value) if value else None

    def with_faults(self, **faults: Fault) -> Scenario:
        """A copy with more (or replaced) faults: `scenario.with_faults(runtime=Fault(status=500))`."""
        return Scenario(self.name, self.space, self.data, {**self.faults, **faults})


def scenario_from_dict(name: str, data: Mapping[str, Any]) -> Scenario:
    space = data.get("space")
    if not isinstance(space, str) or space.count("/") != 1:
        raise ValueError(f"scenario {name!r}: `space` must be OWNER/NAME")
    raw_faults = data.get("faults") or {}
    faults: dict[str, Fault] = {}
    for route, spec in raw_faults.items():
        if route != "*" and route not in ROUTES:
            raise ValueError(f"scenario {name!r}: unknown route {route!r} (known: {', '.join(ROUTES)})")
        faults[route] = Fault.from_dict(spec or {})
    return Scenario(name=name, space=space, data=dict(data), faults=faults)


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a bundled scenario by name (`"out_of_memory"`) or a scenario file by path."""
    import yaml

    path = Path(name_or_path)
    if not path.suffix:
        path = SCENARIO_DIR / f"{name_or_path}.yaml"
    from spacemedic.space.reader import read_input_bytes

    text = read_input_bytes(path, what="scenario").decode("utf-8", errors="replace")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a scenario must be a mapping")
    return scenario_from_dict(path.stem, data)


def bundled_scenarios() -> tuple[str, ...]:
    """Names of the scenarios shipped with spacemedic, sorted."""
    return tuple(sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml")))
