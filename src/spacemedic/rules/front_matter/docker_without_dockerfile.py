from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class DockerSdkWithoutDockerfile(Rule):
    """A Docker Space has no `Dockerfile` at the repository root.

    What it does
    Checks that a Space with `sdk: docker` has a file named exactly `Dockerfile` at the root.

    Why is this bad?
    The Hub builds Docker Spaces from the root `Dockerfile` only. Without it the Space stops
    in NO_APP_FILE; a `dockerfile`, `Dockerfile.txt` or `docker/Dockerfile` is not used.

    Example
        ---
        sdk: docker
        ---
    with the Dockerfile kept in `docker/Dockerfile`.

    Fix
    Move or rename the file to `Dockerfile` at the root of the repository.
    """

    code = "SM005"
    name = "docker-sdk-without-dockerfile"
    category = Category.FRONT_MATTER
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not ctx.is_docker or ctx.repo.has("Dockerfile"):
            return
        near = [f.path for f in ctx.repo.files if f.name.lower().startswith(("dockerfile", "containerfile"))]
        yield self.finding(
            "`sdk: docker` but there is no `Dockerfile` at the repository root, so the Space stops "
            "with NO_APP_FILE",
            path="README.md",
            line=ctx.front_matter.line_of("sdk"),
            evidence=(
                "sdk: docker",
                f"similar files: {', '.join(near[:5])}" if near else "no Dockerfile anywhere",
            ),
            fix=f"Rename {near[0]!r} to `Dockerfile` at the root." if near else "Add a root `Dockerfile`.",
        )
