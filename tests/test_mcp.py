"""`spacemedic mcp` as a coding agent meets it: a real server subprocess on stdio, driven by the
official SDK's client, reading a real example Space and the fake Hub over a real socket."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

pytest.importorskip("mcp")

from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402

from spacemedic.testing import FakeHub, load_scenario  # noqa: E402
from tests.hubkit import TOKEN  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "docker-fastapi-broken"
TOOLS = {"lint", "contract", "collect", "diagnose", "report"}


def _params(endpoint: str, status_url: str, home: Path) -> StdioServerParameters:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    env.update({"HF_ENDPOINT": endpoint, "HF_HOME": str(home), "HF_TOKEN": TOKEN, "HF_HUB_DISABLE_TELEMETRY": "1"})
    return StdioServerParameters(
        command=sys.executable,
        args=["-m", "spacemedic", "mcp", "--status-url", status_url, "--timeout", "4"],
        env=env,
    )


def _session(params: StdioServerParameters, calls: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Run the calls in one session; return what list_tools and each call gave."""

    async def go() -> dict[str, Any]:
        out: dict[str, Any] = {}
        with anyio.fail_after(90):
            async with Client(params, mode="legacy") as client:
                out["tools"] = (await client.list_tools()).tools
                for i, (name, args) in enumerate(calls):
                    out[f"{i}:{name}"] = await client.call_tool(name, args)
        return out

    return anyio.run(go)


def _text(result: Any) -> str:
    return "\n".join(getattr(c, "text", "") for c in result.content)


def test_tools_listed_with_schemas_and_offline_lint_contract(tmp_path: Path) -> None:
    with FakeHub(load_scenario("port_or_bind_mismatch")) as hub:
        got = _session(_params(hub.url, hub.status_url, tmp_path), [
            ("lint", {"path": str(EXAMPLE)}),
            ("contract", {"path": str(EXAMPLE)}),
            ("lint", {"path": str(tmp_path / "missing")}),
        ])
    tools = {t.name: t for t in got["tools"]}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert tool.description and tool.input_schema["type"] == "object"
        assert tool.annotations is not None and tool.annotations.read_only_hint is True
    assert "path" in tools["lint"].input_schema["properties"]
    assert "space" in tools["diagnose"].input_schema["properties"]
    assert not any("endpoint" in t.input_schema["properties"] for t in tools.values())

    lint = got["0:lint"]
    assert not lint.is_error
    data = lint.structured_content
    assert data["schema"] == "spacemedic.lint/1" and data["sdk"] == "docker"
    assert data["summary"]["error"] >= 1
    assert {"code", "severity", "message", "evidence"} <= set(data["findings"][0])

    resolved = got["1:contract"].structured_content
    assert resolved["root"].endswith("docker-fastapi-broken") and resolved["sdk"]["value"] == "docker"

    missing = got["2:lint"]
    assert missing.is_error and "missing" in _text(missing) and "Traceback" not in _text(missing)


def test_live_tools_against_the_fake_hub(tmp_path: Path) -> None:
    with FakeHub(load_scenario("port_or_bind_mismatch")) as hub:
        got = _session(_params(hub.url, hub.status_url, tmp_path), [
            ("diagnose", {"space": hub.space}),
            ("collect", {"space": hub.space}),
            ("report", {"space": hub.space, "tried": ["restart=no-effect"]}),
            ("diagnose", {"space": "not a space id"}),
            ("diagnose", {}),
        ])
        methods = {r.method for r in hub.requests}
    diagnosis = got["0:diagnose"].structured_content
    assert diagnosis["hypotheses"][0]["bucket"] == "port_or_bind_mismatch"
    bundle = got["1:collect"].structured_content
    assert bundle["schema"] == "spacemedic.bundle/1" and bundle["space"] == hub.space
    drafted = got["2:report"].structured_content
    assert drafted["bucket"] == "port_or_bind_mismatch" and drafted["body_markdown"]
    for bad in ("3:diagnose", "4:diagnose"):
        assert got[bad].is_error and "Traceback" not in _text(got[bad])
    assert methods == {"GET"}, "the MCP tools never change a Space"
    for result in list(got.values())[1:]:
        assert TOKEN not in str(result)


def test_hub_unreachable_is_a_tool_error_not_a_crash(tmp_path: Path) -> None:
    # A port nothing listens on: every Hub read fails at once.
    with FakeHub(load_scenario("port_or_bind_mismatch")) as hub:
        dead = hub.url
    got = _session(_params(dead, dead + "/index.json", tmp_path), [("diagnose", {"space": "owner/space"})])
    result = got["0:diagnose"]
    assert result.is_error
    assert "could not" in _text(result) and "Traceback" not in _text(result)
