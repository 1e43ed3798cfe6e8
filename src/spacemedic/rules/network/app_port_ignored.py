from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class AppPortIgnored(Rule):
    """`app_port` is set in a Space whose sdk is not docker, where the Hub ignores it.

    What it does
    Fires when the README front matter sets `app_port` and `sdk` is gradio, streamlit or
    static.

    Why is this bad?
    The configuration reference says `app_port` is used only when `sdk` is docker. Setting it
    elsewhere suggests the app was written to listen on that port, which the Hub will not route.

    Example
        sdk: gradio
        app_port: 8080

    Fix
    Remove `app_port`, and let the SDK choose the port (a bare `demo.launch()` is right in a
    gradio Space).
    """

    code = "SM305"
    name = "app-port-ignored"
    category = Category.PORT
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "streamlit", "static") or "app_port" not in (ctx.front_matter.data or {}):
            return
        line = ctx.front_matter.line_of("app_port")
        yield self.finding(
            f"app_port is ignored in a {ctx.sdk} Space: the Hub uses it only when sdk is docker",
            path="README.md", line=line,
            evidence=(f"README line {line}: app_port: {ctx.front_matter.get('app_port')}", f"sdk: {ctx.sdk}"),
            fix="Remove `app_port` from the front matter.",
        )
