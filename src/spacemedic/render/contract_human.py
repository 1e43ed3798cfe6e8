"""`spacemedic contract` as text: every value with where it came from."""

from __future__ import annotations

from spacemedic.space.contract import Contract, Listener, Resolution


def _row(label: str, res: Resolution) -> str:
    return f"  {label:<14} {res.describe()}"


def _listener(l: Listener) -> list[str]:
    where = f"{l.host.value if l.host.resolved else '?'}:{l.port.value if l.port.resolved else '?'}"
    bg = " (background)" if l.background else ""
    return [
        f"    {l.server} on {where}{bg}",
        f"      host  {l.host.describe()}",
        f"      port  {l.port.describe()}",
        f"      via   {l.chain()}",
    ]


def render(contract: Contract, root: str) -> str:
    lines = [f"Runtime contract of {root}", ""]
    lines.append(_row("sdk", contract.sdk))
    lines.append(_row("routed port", contract.routed_port))
    lines.append(_row("start command", contract.command))
    lines.append(_row("user", contract.user))
    main = contract.main
    if not contract.listeners:  # otherwise the listeners below say where it listens, once
        lines.append(_row("listen host", contract.listen_host))
        lines.append(_row("listen port", contract.listen_port))
    if contract.listeners:
        lines += ["", "  listeners (the first serves the routed port):"]
        ordered = [main] + [l for l in contract.listeners if l is not main] if main else list(contract.listeners)
        for l in ordered:
            if l is not None:
                lines += _listener(l)
    if contract.skipped_listens:
        lines += ["", "  never run (inside `if __name__ == \"__main__\":` of a module the server imports):"]
        lines += [f"    {s.path} line {s.line}: {s.call}" for s in contract.skipped_listens]
    lines += ["", f"  entry files    {', '.join(contract.entry_files) or '(none found)'}"]
    if contract.startup_downloads:
        lines.append(f"  downloads      {', '.join(contract.startup_downloads)}")
    if contract.unresolved:
        lines += ["", "  could not resolve:"]
        lines += [f"    - {u}" for u in contract.unresolved]
    from spacemedic.sanitize import one_line

    # Each entry is one line; a newline inside a value from the repository (a file name, a
    # command) is shown escaped, so it cannot forge a line.
    return "\n".join(one_line(line) for line in lines) + "\n"
