from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class StreamlitSdkDeprecated(Rule):
    """The Space uses the deprecated `sdk: streamlit`.

    What it does
    Notes a configuration with `sdk: streamlit`.

    Why is this bad?
    Since 2025 Streamlit is no longer a built-in SDK option on the Hub: new Streamlit apps are
    created from the Docker template and `streamlit` was removed from the config reference.
    Existing Spaces still run, but how they build may change without notice.

    Example
        ---
        sdk: streamlit
        app_file: app.py
        ---

    Fix
    Nothing is required today. To be future-proof, move to `sdk: docker` with a Dockerfile
    that runs `streamlit run app.py --server.port=8501 --server.address=0.0.0.0`, and set
    `app_port: 8501`.
    """

    code = "SM003"
    name = "streamlit-sdk-deprecated"
    category = Category.FRONT_MATTER
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk != "streamlit":
            return
        yield self.finding(
            "`sdk: streamlit` is deprecated on the Hub: it still runs, but new Streamlit Spaces use "
            "the Docker SDK",
            path="README.md",
            line=ctx.front_matter.line_of("sdk"),
            evidence=("sdk: streamlit",),
            fix="Consider `sdk: docker` + `app_port: 8501` with a Dockerfile running `streamlit run`.",
        )
