"""Shared wording for port and bind findings: every one prints the chain of sources."""

from __future__ import annotations

from spacemedic.models import Severity
from spacemedic.space.contract import Contract, Listener


def hub_side(contract: Contract) -> str:
    r = contract.routed_port
    return f"Hub routes to {r.value} ({r.source})"


def listens(listener: Listener) -> str:
    port = listener.port
    return f"{listener.server} listens on port {port.value} ({port.source})"


def binds(listener: Listener) -> str:
    host = listener.host
    return f"{listener.server} binds {host.value} ({host.source})"


def evidence(contract: Contract, listener: Listener | None = None) -> list[str]:
    out = [f"routed port: {contract.routed_port.describe()}", f"start command: {contract.command.describe()}"]
    if listener is not None:
        out += [f"listener: {listener.server}, via {listener.chain()}",
                f"host: {listener.host.describe()}", f"port: {listener.port.describe()}"]
    for other in contract.listeners:
        if other is not listener:
            out.append(f"also listening: {other.server} on {other.host.value}:{other.port.value} via {other.chain()}")
    out += [f"could not resolve: {u}" for u in contract.unresolved]
    return out


def certainty(contract: Contract, *values: object) -> Severity:
    """ERROR only when every input is known and nothing on the way was left unresolved."""
    from spacemedic.space.contract import Resolution

    all_known = all(isinstance(v, Resolution) and v.known for v in values)
    if all_known and not contract.unresolved and contract.sdk.value == "docker":
        return Severity.ERROR
    return Severity.WARNING


def location(contract: Contract, listener: Listener | None) -> tuple[str | None, int | None]:
    if listener is not None and listener.path:
        return listener.path, listener.line
    if contract.command_path:
        return contract.command_path, contract.command_line
    return "README.md", contract.routed_port_line
