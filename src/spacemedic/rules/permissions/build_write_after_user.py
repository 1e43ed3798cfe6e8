from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import Write, replay
from spacemedic.space.context import SpaceContext


class BuildWriteAfterUserSwitch(Rule):
    """A RUN step writes to a root-owned path after `USER` switched to a non-root user.

    What it does
    Replays the Dockerfile: who the current user is, which directories were created by root,
    and which were opened with `chown`/`--chown`/`chmod 777`. Flags `mkdir`, `touch`, `cp`,
    `mv`, `git clone`, `wget -O`, `curl -o` and `>` redirects into paths the user cannot write.

    Why is this bad?
    The build fails with "Permission denied" at that step. The documented Spaces pattern switches
    to a user with uid 1000 early, so every later write must target that user's home, /tmp,
    or a directory chowned to the user.

    Example
        RUN useradd -m -u 1000 user
        USER user
        RUN mkdir /app/cache

    Fix
    Create the directory as root and hand it over before `USER user`
    (`RUN mkdir -p /app/cache && chown user /app/cache`), or write under `$HOME`.
    """

    code = "SM460"
    name = "build-write-after-user-switch"
    category = Category.PERMISSIONS
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        writes: list[Write] = []
        replay(df, writes)
        for w in writes:
            yield self.finding(
                f"{w.verb} writes to {w.path} as a non-root user, but that path is owned by root: "
                'the step is likely to fail with "Permission denied"',
                path=df.path,
                line=w.instruction.start_line,
                evidence=(w.instruction.raw.strip()[:200],),
                fix=f"Before USER, run `mkdir -p {w.path} && chown <user> {w.path}`, or write under $HOME or /tmp.",
            )
