from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import ROOT_NAMES
from spacemedic.space.apt import apt_commands
from spacemedic.space.context import SpaceContext


class AptInstallAsNonRoot(Rule):
    """apt-get runs after `USER` switched to a non-root user.

    What it does
    Tracks USER through each stage and flags `apt-get update/install` (without sudo) that runs
    as a user other than root.

    Why is this bad?
    apt needs root: the step fails with "E: Could not open lock file /var/lib/dpkg/lock-frontend
    - open (13: Permission denied)" and the build stops.

    Example
        USER user
        RUN apt-get update && apt-get install -y ffmpeg

    Fix
    Install system packages before `USER user`, or switch back with `USER root` around them.
    """

    code = "SM504"
    name = "apt-install-as-non-root"
    category = Category.APT
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        for stage in df.stages:
            user, user_line = "root", 0
            for instr in stage.instructions:
                if instr.keyword == "USER":
                    user, user_line = (instr.value.strip().split() or ["root"])[0], instr.start_line
                    continue
                if instr.keyword != "RUN" or user in ROOT_NAMES or "$" in user:
                    continue
                for cmd in apt_commands(instr.value):
                    if cmd.subcommand in ("update", "install", "upgrade") and not cmd.sudo:
                        yield self.finding(
                            f"apt-get {cmd.subcommand} runs as user '{user}' (USER on line {user_line}): apt needs root "
                            'and the step fails with "Permission denied"',
                            path=df.path,
                            line=instr.start_line,
                            evidence=(instr.raw.strip()[:200],),
                            fix="Move the apt step before USER, or wrap it in USER root ... USER "
                            + user
                            + ".",
                        )
                        break
