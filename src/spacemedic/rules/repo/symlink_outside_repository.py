"""SM140 symlink-outside-repository."""

from __future__ import annotations

from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

MAX_TARGET_CHARS = 200


class SymlinkOutsideRepository(Rule):
    """A symbolic link in the repository points outside it.

    What it does
    Finds every symlink whose target, once every link on the way is followed, lands outside the
    repository folder (an absolute path such as `/etc/passwd`, or `../..`). Only the link itself
    is looked at: spacemedic never opens the target, so no byte of it reaches the report.

    Why is this bad?
    The Hub builds the Space from the repository alone: a link to a file outside it is broken
    there, so whatever reads it (the Dockerfile, a requirements file, the app) fails in the
    build or at start-up. In a pull request it is also a way to make tools that follow links
    print files of the machine that checks the repository; spacemedic refuses to read it.

    Example
    `Dockerfile -> /home/me/projects/base/Dockerfile`, or `config.yaml -> ../../secrets.yaml`.

    Fix
    Replace the link with the file itself (`cp --remove-destination "$(readlink -f F)" F`), or
    point it at a file inside the repository.
    """

    code = "SM140"
    name = "symlink-outside-repository"
    category = Category.REPO_SIZE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for path, target in ctx.repo.outside_links:
            shown = target if len(target) <= MAX_TARGET_CHARS else target[:MAX_TARGET_CHARS] + "…"
            yield self.finding(
                f"symlink points outside the repository: {path} (not read)",
                path=path,
                evidence=(f"link target: {shown}", "the target is never opened by spacemedic"),
                fix=f"replace {path} with the file itself, or point it at a file inside the repository",
            )
