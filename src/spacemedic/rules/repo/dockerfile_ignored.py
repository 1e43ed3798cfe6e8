from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class DockerfileIgnored(Rule):
    """A `Dockerfile` sits in a Space whose sdk does not use it.

    What it does
    Notes a root `Dockerfile` in a gradio, streamlit or static Space.

    Why is this bad?
    Only `sdk: docker` builds the Dockerfile. In other Spaces it is ignored, so system
    packages, environment variables or the start command it sets never take effect, which is
    a common reason for "works locally in Docker, fails on the Space".

    Example
        sdk: gradio
    with a Dockerfile that runs `apt-get install ffmpeg`.

    Fix
    Either set `sdk: docker` (and `app_port`), or move what the Dockerfile does into
    `requirements.txt` / `packages.txt` and delete it.
    """

    code = "SM150"
    name = "dockerfile-ignored"
    category = Category.IGNORED_FILE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if ctx.sdk not in ("gradio", "streamlit", "static") or not ctx.repo.has("Dockerfile"):
            return
        yield self.finding(
            f"the Dockerfile is ignored: a {ctx.sdk} Space is built by the Hub, not from it",
            path="Dockerfile",
            evidence=(f"sdk: {ctx.sdk}", "Dockerfile present at the root"),
            fix="Set `sdk: docker` to build from it, or move its packages to requirements.txt/packages.txt.",
        )
