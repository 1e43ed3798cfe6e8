"""What the fake Hub does when it is changed: restart, factory rebuild, commit, wake, whoami.

A scenario says how the Space answers each action and where it goes afterwards:

    whoami: {name: dave, orgs: [acme], role: write}   # /api/whoami-v2 (role: read|write|fineGrained)
    actions:
      restart: {status: 503}                           # the POST fails (with a request id)
      factory: {stages: [[BUILDING, 0], [RUNNING, 3]]} # then BUILDING at once, RUNNING 3 s later
      commit: {stages: [[BUILDING, 0]]}                # a commit starts a build that never ends
      wake: {stages: [[RUNNING, 0]]}                   # a GET of the direct URL wakes it

An action the scenario does not name answers 200 and changes nothing (the Space stays stuck).
A stage entry is `[STAGE, seconds]` or `[{stage: ..., errorMessage: ...}, seconds]`. Static
Spaces answer 400 to restarts and non-owner tokens 403, as the Hub does (hf-platform.md §
"Management API").
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

from spacemedic.testing.scenario import Scenario

_IDS = itertools.count(1)
RESTART_FAILED = "Something went wrong when restarting this Space"


def request_id() -> str:
    """A fresh id in the Hub's `X-Request-Id` shape (AWS ALB trace: Root=1-<8 hex>-<24 hex>)."""
    n = next(_IDS)
    return f"Root=1-{int(time.time()):08x}-{hashlib.sha1(str(n).encode()).hexdigest()[:24]}"


@dataclass
class SpaceState:
    """The part of the Space the fake's mutations change, shared by every request thread."""

    timeline: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    head: str | None = None
    commits: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def schedule(self, spec: Mapping[str, Any]) -> None:
        start = time.monotonic()
        steps: list[tuple[float, dict[str, Any]]] = []
        for entry in spec.get("stages") or ():
            what, after = entry
            patch = {"stage": what, "errorMessage": None} if isinstance(what, str) else dict(what)
            steps.append((start + float(after), patch))
        with self.lock:
            self.timeline = steps

    def runtime(self, base: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic()
        with self.lock:
            current = dict(base)
            for at, patch in self.timeline:
                if at <= now:
                    current.update(patch)
                    if current.get("errorMessage") is None:
                        current.pop("errorMessage", None)
        return current


def whoami(scenario: Scenario) -> dict[str, Any]:
    """The /api/whoami-v2 body (the real shape, trimmed), from the scenario's `whoami`."""
    spec = scenario.data.get("whoami") or {}
    owner = scenario.space.split("/")[0]
    name = str(spec.get("name", owner))
    role = str(spec.get("role", "write"))
    return {
        "type": "user", "id": "6a3a7f7902e6e7f9c780f4ef", "name": name, "fullname": name,
        "orgs": [{"type": "org", "name": org, "roleInOrg": "write"} for org in spec.get("orgs") or ()],
        "auth": {"type": "access_token", "accessToken": {"displayName": "spacemedic-test", "role": role}},
    }


def may_write(scenario: Scenario) -> bool:
    who = whoami(scenario)
    owner = scenario.space.split("/")[0]
    names = {who["name"], *(o["name"] for o in who["orgs"])}
    return owner in names and who["auth"]["accessToken"]["role"] != "read"


def answer(scenario: Scenario, state: SpaceState, route: str, query: str, body: bytes,
           authorized: bool) -> tuple[int, dict[str, Any] | None, dict[str, str]]:
    """(status, JSON body or None, extra headers) for a mutating request."""
    rid = {"X-Request-Id": request_id()}
    if not authorized:
        return 401, {"error": "Invalid username or password."}, rid
    if route == "whoami":
        return 200, whoami(scenario), rid
    if not may_write(scenario):
        return 403, {"error": "You don't have the rights to access this resource."}, rid
    actions: Mapping[str, Any] = scenario.data.get("actions") or {}
    sdk = (scenario.data.get("info") or {}).get("sdk")
    if route == "restart":
        kind = "factory" if "factory=true" in query else "restart"
        if sdk == "static":
            return 400, {"error": "Cannot restart a static Space"}, rid
        spec = actions.get(kind) or {}
        status = int(spec.get("status", 200))
        if status >= 400:
            return status, {"error": spec.get("error", RESTART_FAILED)}, rid
        state.schedule(spec)
        return 200, None, rid  # the server fills in the runtime it now serves
    if route == "preupload":
        files = json.loads(body or b"{}").get("files") or []
        return 200, {"files": [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False}
                               for f in files]}, rid
    if route == "commit":
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        header: dict[str, Any] = next((x["value"] for x in lines if x.get("key") == "header"), {})
        paths = [x["value"]["path"] for x in lines if x.get("key") == "file"]
        sha = hashlib.sha1(body).hexdigest()
        with state.lock:
            state.head = sha
            state.commits.insert(0, {"id": sha, "title": header.get("summary", ""), "paths": paths})
        state.schedule(actions.get("commit") or {})
        return 200, {"commitUrl": f"https://huggingface.co/spaces/{scenario.space}/commit/{sha}",
                     "commitOid": sha}, rid
    return 404, {"error": "Not Found"}, rid


def wake(scenario: Scenario, state: SpaceState) -> None:
    """A GET of the direct URL: wakes a sleeping Space where the scenario says it does."""
    spec = (scenario.data.get("actions") or {}).get("wake")
    if spec:
        state.schedule(spec)
