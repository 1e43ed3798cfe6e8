from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class StreamlitConfigIgnored(Rule):
    """A `.streamlit/config.toml` in a Space that does not run Streamlit.

    What it does
    Notes `.streamlit/config.toml` in a gradio or static Space.

    Why is this bad?
    Streamlit reads it only when Streamlit runs the app. In a gradio or static Space its
    server, theme and upload settings have no effect, which misleads whoever edits them.

    Example
        sdk: gradio
    with `.streamlit/config.toml` setting `maxUploadSize`.

    Fix
    Delete the folder, or configure the same thing in the app itself (e.g. `gr.File` limits).
    """

    code = "SM152"
    name = "streamlit-config-ignored"
    category = Category.IGNORED_FILE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "static") or not ctx.repo.has(".streamlit/config.toml"):
            return
        yield self.finding(
            f".streamlit/config.toml has no effect in a {ctx.sdk} Space",
            path=".streamlit/config.toml",
            evidence=(f"sdk: {ctx.sdk}",),
            fix="Delete .streamlit/, or move the setting into the app.",
        )
