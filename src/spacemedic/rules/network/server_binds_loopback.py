from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.network._bind_fix import bind_all_edit
from spacemedic.rules.network._chain import binds, certainty, evidence, hub_side, location
from spacemedic.space.context import SpaceContext


class ServerBindsLoopback(Rule):
    """The server the Hub's traffic should reach listens only on 127.0.0.1 / localhost.

    What it does
    Finds the listener serving the routed port (or the main server when none does) and
    resolves its bind address from flags, environment variables, code and server defaults
    (uvicorn, gunicorn, flask and gradio `launch()` default to 127.0.0.1). Fires when it is a
    loopback address and no other process serves the routed port on all interfaces.
    A loopback service behind a proxy (nginx on 7860 -> 127.0.0.1:8000) is fine.

    Why is this bad?
    The Hub's proxy connects to the container from outside it. A server bound to loopback
    refuses those connections, so the Space never becomes healthy although it runs.

    Example
    `CMD uvicorn main:app --port 7860` (host defaults to 127.0.0.1), or a Docker Space whose
    `app.py` calls `demo.launch()` with no `server_name`.

    Fix
    Bind all interfaces: `--host 0.0.0.0`, `launch(server_name="0.0.0.0")`, or
    `ENV GRADIO_SERVER_NAME=0.0.0.0` in the Dockerfile. Automatic fix (safe), in a Docker
    Space when the start command is one CMD/ENTRYPOINT line: replaces a loopback address
    written there, adds `--host 0.0.0.0` (uvicorn, flask run), or adds
    `ENV GRADIO_SERVER_NAME=0.0.0.0` (gradio without server_name).
    """

    code = "SM301"
    name = "server-binds-loopback"
    category = Category.BIND
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        if c.sdk.value not in ("docker", "gradio") or not c.listeners:
            return
        main = c.main
        if main is None or not main.loopback:
            return
        routed = c.routed_port.value
        if any(l.port_int == routed and l.port.resolved and not l.loopback for l in c.listeners):
            return
        severity = certainty(c, main.host)
        path, line = location(c, main)
        yield self.finding(
            f"{binds(main)}, which the Hub cannot reach ({hub_side(c)})",
            path=path,
            line=line,
            severity=severity,
            evidence=evidence(c, main),
            fix=("Bind all interfaces: --host 0.0.0.0 (uvicorn), -b 0.0.0.0:PORT (gunicorn), "
                 "launch(server_name=\"0.0.0.0\") or ENV GRADIO_SERVER_NAME=0.0.0.0 (gradio)."),
            edits=(bind_all_edit(ctx, main) if severity is Severity.ERROR else None,),
        )
