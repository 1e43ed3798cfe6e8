"""`spacemedic mcp`: the library API as Model Context Protocol tools, over stdio.

Built on the official `mcp` SDK (`pip install 'spacemedic[mcp]'`). Each tool calls `spacemedic.api`
and returns the same JSON the CLI's `--format json` prints, redacted. Every tool reads; none
changes a Space. The Hub endpoint, status page and token come from the server's own
configuration (`--endpoint` / HF_ENDPOINT, `--status-url`, HF_TOKEN or `hf auth login`), never from
a tool argument: an agent cannot send the owner's token to a host of its choosing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from spacemedic import __version__, api
from spacemedic.errors import SpacemedicError, UsageError

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

INSTRUCTIONS = (
    "spacemedic explains why a Hugging Face Space is stuck and what to do about it. "
    "Use `lint` on a local Space repository before pushing, `diagnose` on a live Space (OWNER/SPACE) "
    "that is stuck or failing, and `report` to draft the support request. Every tool is read-only."
)


@dataclass(frozen=True)
class ServerConfig:
    """Where the live tools read from; fixed when the server starts."""

    endpoint: str | None = None
    status_url: str = api.STATUS_URL
    time_box: float = 10.0


def _json(text: str) -> dict[str, Any]:
    """A renderer's JSON, through the redaction layer every CLI output passes through."""
    from spacemedic.redact import redact

    value: dict[str, Any] = json.loads(redact(text))
    return value


def _tool_error(exc: SpacemedicError) -> Exception:
    from mcp.server.mcpserver.exceptions import ToolError
    from spacemedic.redact import redact

    return ToolError(redact(" ".join(str(exc).split()) or type(exc).__name__))


def _bundle_or_space(space: str | None, bundle_path: str | None) -> dict[str, Any]:
    if (space is None) == (bundle_path is None):
        raise UsageError("give either `space` (OWNER/SPACE or its URL) or `bundle_path`")
    if bundle_path is None:
        return {"space": space}
    from spacemedic.hub.bundle import load_bundle

    return {"bundle": load_bundle(Path(bundle_path))}


def build_server(config: ServerConfig = ServerConfig()) -> MCPServer:
    """The MCP server with spacemedic's tools registered."""
    from mcp.server.mcpserver import MCPServer
    from mcp_types import ToolAnnotations

    server = MCPServer("spacemedic", instructions=INSTRUCTIONS, version=__version__)
    offline = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
    live = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=True)
    hub: dict[str, Any] = {"endpoint": config.endpoint, "status_url": config.status_url}

    @server.tool(annotations=offline)
    def lint(path: str = ".", select: list[str] | None = None, ignore: list[str] | None = None) -> dict[str, Any]:
        """Lint a local Hugging Face Space repository offline (README front matter, port and bind
        address, Dockerfile, dependencies, size, start-up downloads, secrets). Returns the
        `spacemedic.lint/2` JSON: findings with severity, evidence and fix (with its edits)."""
        from spacemedic.render import lint_json

        try:
            return _json(lint_json.render(api.lint(path, select=select or (), ignore=ignore or ())))
        except SpacemedicError as exc:
            raise _tool_error(exc) from exc

    @server.tool(annotations=offline)
    def contract(path: str = ".") -> dict[str, Any]:
        """What the Hub will run for a local Space repository: sdk, routed port, start command,
        user, and the host and port each server listens on, each value with its source."""
        try:
            resolved = api.contract(path)
        except SpacemedicError as exc:
            raise _tool_error(exc) from exc
        return _json(json.dumps({"root": resolved.root, **resolved.contract.to_dict()}))

    @server.tool(annotations=live)
    def collect(space: str) -> dict[str, Any]:
        """Read everything about a live Space from the Hub (runtime, logs, commits, the owner's
        other Spaces, status page, direct URL), read-only and time-boxed. Returns the evidence
        bundle (`spacemedic.bundle/1`), tokens removed."""
        try:
            bundle = api.collect(space, time_box=config.time_box, **hub)
        except SpacemedicError as exc:
            raise _tool_error(exc) from exc
        return _json(bundle.to_json())

    @server.tool(annotations=live)
    def diagnose(
        space: str | None = None,
        bundle_path: str | None = None,
        tried: list[str] | None = None,
        repo_path: str | None = None,
    ) -> dict[str, Any]:
        """Rank why a Space is stuck, with evidence, confidence, next steps and what not to do.
        Give `space` (OWNER/SPACE or its URL) to read the Hub live, or `bundle_path` (a saved
        `collect` bundle). `tried` lists what the owner already did, e.g. "restart=failed",
        "new-commit=no-build"; `repo_path` lints a local checkout and feeds its findings in."""
        from spacemedic.render import diagnosis_json

        try:
            source = _bundle_or_space(space, bundle_path)
            live_hub: dict[str, Any] = {**hub, "time_box": config.time_box} if "space" in source else {}
            found = api.diagnose(**source, tried=tuple(tried or ()), repo=repo_path, **live_hub)
        except SpacemedicError as exc:
            raise _tool_error(exc) from exc
        return _json(diagnosis_json.render(found))

    @server.tool(annotations=live)
    def report(
        space: str | None = None,
        bundle_path: str | None = None,
        tried: list[str] | None = None,
        purpose: str | None = None,
        last_working: str | None = None,
        repo_path: str | None = None,
    ) -> dict[str, Any]:
        """Draft the support request Hugging Face needs for a stuck Space (or the self-fix
        checklist when the cause is in the repository), secrets removed. Returns the
        `spacemedic.report` JSON, with the message as Markdown in `body_markdown`."""
        from spacemedic.render.report import render_json

        try:
            source = _bundle_or_space(space, bundle_path)
            live_hub: dict[str, Any] = {**hub, "time_box": config.time_box} if "space" in source else {}
            drafted = api.report(**source, tried=tuple(tried or ()), purpose=purpose, last_working=last_working,
                                 repo=repo_path, **live_hub)
        except SpacemedicError as exc:
            raise _tool_error(exc) from exc
        return _json(render_json(drafted.diagnosis, drafted.facts))

    return server


def serve(config: ServerConfig, transport: Literal["stdio"] = "stdio") -> None:
    """Run the server until its client disconnects."""
    build_server(config).run(transport)
