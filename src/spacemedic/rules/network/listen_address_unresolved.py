from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.network._chain import evidence, hub_side, location
from spacemedic.space.context import SpaceContext


class ListenAddressUnresolved(Rule):
    """spacemedic could not tell where the Space's server will listen, and says why.

    What it does
    In a Docker Space, fires when the listen port or host of the served process cannot be
    resolved offline: the command comes from a prebuilt base image, a start script is
    missing, the port is read from a variable the repository never sets (a Space variable or
    secret), or the program is not one spacemedic knows.

    Why is this bad?
    It may be fine. But the port checks could not run, so a wrong port or a loopback bind
    would go unnoticed; and a port read from a variable nobody sets makes most servers fail
    at start.

    Example
    `CMD uvicorn main:app --host 0.0.0.0 --port $PORT` with no `ENV PORT` in the Dockerfile
    (the Hub does not document setting PORT).

    Fix
    Make the value visible: set `ENV PORT=7860` in the Dockerfile, give the variable a
    default (`${PORT:-7860}`), or write the port in the CMD.
    """

    code = "SM304"
    name = "listen-address-unresolved"
    category = Category.PORT
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        if c.sdk.value != "docker" or not c.routed_port.resolved:
            return
        if c.reachable_on_routed_port():
            return
        main = c.main
        path, line = location(c, main)
        if main is None:
            what = "; ".join(c.unresolved) or "no server that spacemedic recognises is started"
            yield self.finding(
                f"could not resolve where the app listens ({hub_side(c)}): {what}",
                path=path, line=line, evidence=evidence(c), severity=Severity.INFO,
                fix=f"Nothing to change if the server listens on 0.0.0.0:{c.routed_port.value}; "
                    "`spacemedic contract` shows what was followed.",
            )
            return
        for label, res in (("port", main.port), ("host", main.host)):
            if res.resolved:
                continue
            runtime_var = "read at run time" in (res.reason or "")
            yield self.finding(
                f"could not resolve the {label} {main.server} listens on: {res.reason} ({res.source})",
                path=path, line=line, evidence=evidence(c, main),
                severity=Severity.WARNING if runtime_var and label == "port" else Severity.INFO,
                fix=f"Set the variable in the Dockerfile (ENV) or give it a default, e.g. ${{PORT:-{c.routed_port.value}}}.",
            )
