from __future__ import annotations

from collections.abc import Iterator

from spacemedic.fixes.edits import insert_front_matter_line
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.network._port_fix import move_server_edit
from spacemedic.rules.network._chain import certainty, evidence, hub_side, listens, location
from spacemedic.space.context import SpaceContext
from spacemedic.space.servers import NON_HTTP_SERVERS


class AppPortMismatch(Rule):
    """The server listens on a different port from the one the Hub routes to.

    What it does
    Resolves the port the Hub sends traffic to (`app_port`, 7860 by default in a Docker Space)
    and the port the started server will listen on, following the Dockerfile CMD/ENTRYPOINT,
    start scripts, npm scripts and the app code, with ENV/ARG values and server defaults.
    Fires when no listener is on the routed port.

    Why is this bad?
    The Hub only forwards requests to the routed port. A server on any other port is never
    reached: the build succeeds, the logs say the server is running, and the Space stays
    "Starting" until it times out, or shows a 503.

    Example
    README without `app_port` and `CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]`: the Hub
    routes to 7860 but uvicorn listens on its default, 8000.

    Fix
    Make them agree: pass `--port 7860` (or the server's equivalent), or set `app_port:` in
    the README to the port the server really uses. It is an error only when every value is
    known; when a value is a default that a Space variable could change, it is a warning.
    Automatic fix (safe), in a Docker Space and only when every value is known; one direction
    per situation. Without `app_port` the Hub's 7860 is only a default, so `app_port:` is added
    with the port the server listens on (that port may be used elsewhere: EXPOSE, a proxy, a
    healthcheck). With `app_port` the author chose the routed port, so the server is moved to
    it: a literal port written once on the line that starts the server (CMD/ENTRYPOINT, a
    start script, `app.run(port=...)`) or in `ENV GRADIO_SERVER_PORT`/`STREAMLIT_SERVER_PORT`
    is replaced, or, when the server runs on its default, its port flag is added (uvicorn and
    `flask run` `--port`, `streamlit run --server.port`, `next start -p`, gradio
    `ENV GRADIO_SERVER_PORT`). A port from `ENV PORT` or an expression gets no edit.
    """

    code = "SM300"
    name = "app-port-mismatch"
    category = Category.PORT
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        c = ctx.contract
        if c.sdk.value not in ("docker", "gradio") or not c.routed_port.known or not c.listeners:
            return
        main = c.main
        if main is None or not main.port.resolved or main.port_int is None:
            return
        if any(l.port.resolved and l.port_int == c.routed_port.value for l in c.listeners):
            return
        if main.server == "streamlit" and c.sdk.value == "docker" and not c.routed_port_explicit and main.port_int == 8501:
            return  # streamlit-in-docker-without-app-port says it better
        severity = certainty(c, c.routed_port, main.port)
        path, line = location(c, main)
        message = f"{hub_side(c)} but {listens(main)}"
        if main.port.status == "assumed":
            message += f"; {main.port.reason}, so this holds unless you set it"
        non_http = NON_HTTP_SERVERS.get(main.server)
        yield self.finding(
            message,
            path=path,
            line=line,
            severity=severity,
            evidence=evidence(c, main),
            fix=(f"{non_http}." if non_http else
                 f"Make the server listen on {c.routed_port.value}, or set `app_port: {main.port_int}` in the "
                 "README front matter." if c.sdk.value == "docker" else
                 "In a gradio SDK Space let the Hub choose the port: drop `server_port` from launch()."),
            edits=() if non_http else (_add_app_port(ctx, main.port_int, severity),),
        )


def _add_app_port(ctx: SpaceContext, port: int | None, severity: Severity) -> Edit | None:
    # Route the Hub to the server, never the other way round: the server's port may be used
    # elsewhere (EXPOSE, a healthcheck, a proxy). Only when nothing on the way was a guess.
    c = ctx.contract
    if c.sdk.value != "docker" or severity is not Severity.ERROR or port is None:
        return None
    if c.routed_port_explicit:
        routed = c.routed_port.value
        return move_server_edit(ctx, c.main, routed) if c.main is not None and isinstance(routed, int) else None
    return insert_front_matter_line(ctx.repo, f"app_port: {port}")
