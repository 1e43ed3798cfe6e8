from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class ExposeDisagreesWithPort(Rule):
    """The Dockerfile's EXPOSE names ports, none of them the port the Hub routes to.

    What it does
    In a Docker Space, compares the ports of `EXPOSE` in the final image with the routed port
    (`app_port`, default 7860).

    Why is this bad?
    On Spaces, EXPOSE does not route anything: only `app_port` does. An EXPOSE that differs
    is often a sign that the author expects the Hub to use it, and that the server listens
    on the exposed port instead of the routed one.

    Example
    `EXPOSE 8000` with no `app_port` in the README.

    Fix
    Nothing is required for the Hub. Make EXPOSE match `app_port` to keep them from
    misleading readers, and check that the server listens on `app_port`.
    """

    code = "SM450"
    name = "expose-disagrees-with-port"
    category = Category.DOCKERFILE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if ctx.sdk != "docker" or df is None or df.error:
            return
        routed = ctx.contract.routed_port
        if not routed.known:
            return
        exposes = [i for stage in df.chain() for i in stage.all("EXPOSE")]
        ports = [(i, p) for i in exposes for p in re.findall(r"(?<![\w$])(\d{1,5})(?:/tcp|/udp)?\b", i.value)]
        if not ports or any(int(p) == routed.value for _, p in ports):
            return
        first = exposes[-1]
        shown = ", ".join(sorted({p for _, p in ports}))
        yield self.finding(
            f"EXPOSE {shown} (Dockerfile line {first.start_line}) but the {'Hub routes to'} {routed.value} "
            f"({routed.source}); EXPOSE does not route on Spaces, app_port does",
            path="Dockerfile", line=first.start_line,
            evidence=[f"Dockerfile line {i.start_line}: {i.raw.strip()}" for i in exposes] + [routed.describe()],
            fix=f"Change EXPOSE to {routed.value} (or set app_port to the port the server really uses).",
        )
