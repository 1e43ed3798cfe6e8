"""`spacemedic mcp`: serve the library to coding agents over the Model Context Protocol."""

from __future__ import annotations

import click

from spacemedic.cli.hub_options import ENDPOINT_HELP, STATUS_URL_HELP, request_timeout_option


@click.command()
@click.option("--endpoint", envvar="HF_ENDPOINT", default=None, help=ENDPOINT_HELP)
@click.option("--status-url", default="https://status.huggingface.co/index.json", show_default=True,
              help=STATUS_URL_HELP)
@request_timeout_option
def mcp(endpoint: str | None, status_url: str, time_box: float) -> int:
    """Run spacemedic as an MCP server on stdio (tools: lint, contract, collect, diagnose,
    report; all read-only). The token comes from HF_TOKEN or `hf auth login`, never from a tool."""
    from spacemedic.errors import UsageError

    try:
        from spacemedic.mcp_server import ServerConfig, serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in {"mcp", "mcp_types"}:
            raise
        raise UsageError("the MCP server needs the `mcp` package: pip install 'spacemedic[mcp]'") from exc
    serve(ServerConfig(endpoint=endpoint, status_url=status_url, time_box=time_box))
    return 0
