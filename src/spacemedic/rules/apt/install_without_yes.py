from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.fixes.edits import find_once, lines_span, text_edit
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.apt import apt_commands
from spacemedic.space.context import SpaceContext

# Minimal images where almost any install pulls in new dependencies, so apt asks.
_MINIMAL = re.compile(r"(-slim|^ubuntu:|^debian:|^nvidia/cuda:.*-(base|runtime)-)")


class AptInstallWithoutYes(Rule):
    """`apt-get install` without `-y` in a Dockerfile.

    What it does
    Finds apt-get/apt install commands in RUN steps that pass neither `-y`/`--yes`/
    `--assume-yes` nor `-qq`, and do not set `APT::Get::Assume-Yes`.

    Why is this bad?
    A build has no terminal. When apt needs to install any extra package it asks "Do you want to
    continue? [Y/n]", reads end of input, prints "Abort." and exits with code 1, so the build
    fails. On slim images nearly every install needs extra packages.

    Example
        RUN apt-get update && apt-get install ffmpeg

    Fix
    `RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg`. Automatic fix
    (safe): adds `-y` after `install` when the RUN step has one apt install.
    """

    code = "SM502"
    name = "apt-install-without-yes"
    category = Category.APT
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        if "Assume-Yes" in df.text or "assume-yes" in df.text.lower().replace("--assume-yes", ""):
            return
        for instr in df.instructions:
            if instr.keyword != "RUN":
                continue
            if re.search(r"\byes\s*(\S+\s*)?\|\s*(sudo\s+)?apt", instr.value):
                continue
            for cmd in apt_commands(instr.value):
                if (
                    cmd.subcommand not in ("install", "upgrade", "dist-upgrade", "full-upgrade")
                    or cmd.assumes_yes
                ):
                    continue
                if "$" in cmd.text:  # options may come from a variable we do not expand
                    continue
                stage = df.stages[instr.stage] if instr.stage < len(df.stages) else None
                minimal = stage is not None and bool(_MINIMAL.search(stage.base.lower()))
                yield self.finding(
                    f"`{cmd.text[:80]}` has no -y: apt asks for confirmation, gets no answer and aborts the build",
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip()[:200],),
                    severity=None if minimal else Severity.WARNING,
                    fix="Add -y: `apt-get install -y --no-install-recommends ...`.",
                    edits=(_add_yes(ctx, df.path, instr.start_line, instr.end_line),),
                )


def _add_yes(ctx: SpaceContext, path: str, first: int, last: int) -> Edit | None:
    """Insert ` -y` after the one `apt-get install` / `apt install` of the RUN step."""
    text = ctx.repo.text(path)
    span = lines_span(text, first, last) if text is not None else None
    if text is None or span is None:
        return None
    hit = find_once(text, r"\bapt(?:-get)?(?:[ \t]+-[^\s]+)*[ \t]+install\b", *span)
    return text_edit(ctx.repo, path, hit[1], hit[1], " -y") if hit else None
