from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


class DockerfileIsADirectory(Rule):
    """A folder named `Dockerfile` (or `dockerfile`) at the repository root.

    What it does
    Reports a root directory whose name is `Dockerfile` in any case.

    Why is this bad?
    The Hub treats a root file of that name as the build file of a Docker Space, and ignores it
    for SDK Spaces; a folder there cannot be read as one, and tools that look for the build file
    stop with "is a directory". It is almost always an upload mistake (an archive unpacked in
    place, a folder created by a web upload).

    Example
        Dockerfile/Dockerfile
        Dockerfile/app.py

    Fix
    Move the files out of the folder (`git mv Dockerfile/Dockerfile Dockerfile.tmp`, remove the
    folder, rename back) or give the folder another name.
    """

    code = "SM153"
    name = "dockerfile-is-a-directory"
    category = Category.IGNORED_FILE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        folders = sorted({f.path.split("/", 1)[0] for f in ctx.repo.files if "/" in f.path})
        for folder in folders:
            if folder.lower() != "dockerfile":
                continue
            inside = [f.path for f in ctx.repo.files if f.path.startswith(folder + "/")][:3]
            docker = ctx.sdk == "docker"
            yield self.finding(
                f"`{folder}/` is a folder, not a file"
                + ("; this Docker Space then has no Dockerfile to build from" if docker else "")
                + f" (it holds {', '.join(inside)})",
                path=inside[0] if inside else folder,
                severity=Severity.ERROR if docker else None,
                evidence=tuple(f"file in the folder: {p}" for p in inside),
                fix=f"Move the files out of `{folder}/` and put the real Dockerfile (if any) at the root.",
            )
