"""Which route a request path is, what the fake records of it, and the Hub's error texts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from spacemedic.testing import payloads
from spacemedic.testing.scenario import Scenario

SECRET_HEADERS = {"authorization", "cookie", "x-ip-token"}
ERRORS = {
    401: ("Invalid username or password.", None),
    403: ("You don't have the rights to access this resource.", None),
    404: ("Repository not found", "RepoNotFound"),
    429: ("You have been rate-limited; retry later.", None),
}


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received. Token-bearing headers are dropped, `authorized` says if one came."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    authorized: bool
    route: str


def route_of(path: str, scenario: Scenario) -> tuple[str, str | None]:
    """(route name, space id) for a request path."""
    if path == "/index.json":
        return "status", None
    if path.startswith("/_app/"):
        return "app", None
    parts = [p for p in path.split("/") if p]
    if parts == ["api", "whoami-v2"]:
        return "whoami", None
    if parts[:2] != ["api", "spaces"]:
        return "unknown", None
    if len(parts) == 2:
        return "list_spaces", None
    if parts[2] == "by-subdomain" and len(parts) == 4:
        return "info", scenario.space if parts[3] == payloads.subdomain_of(scenario) else parts[3]
    space = "/".join(parts[2:4])
    rest = parts[4:]
    if not rest or rest[0] == "revision":
        return "info", space
    if rest == ["runtime"]:
        return "runtime", space
    if rest[:1] == ["logs"] and rest[1:] in (["build"], ["run"]):
        return f"logs_{rest[1]}", space
    if rest[:1] == ["commits"]:
        return "commits", space
    if rest == ["restart"]:
        return "restart", space
    if rest[:1] in (["preupload"], ["commit"]) and len(rest) == 2:
        return rest[0], space
    return "unknown", space
