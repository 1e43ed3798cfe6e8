from __future__ import annotations

from collections.abc import Iterator

import re

from spacemedic.fixes.edits import find_once, lines_span, text_edit
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.apt import apt_commands
from spacemedic.space.context import SpaceContext


class AptInstallWithoutUpdate(Rule):
    """`apt-get install` with no `apt-get update` before it in the stage.

    What it does
    Walks each Dockerfile stage and flags an apt install that no earlier (or same) RUN step of
    that stage preceded with `apt-get update`.

    Why is this bad?
    Official Debian, Ubuntu and Python images ship with empty package lists, so apt cannot find
    any package: "E: Unable to locate package". Some other base images keep their lists, which
    is why this is a warning.

    Example
        FROM python:3.11-slim
        RUN apt-get install -y ffmpeg

    Fix
    Update in the same step: `RUN apt-get update && apt-get install -y ffmpeg`. Automatic fix
    (safe): joins `apt-get update && ` in front of the step's one apt install.
    """

    code = "SM503"
    name = "apt-install-without-update"
    category = Category.APT
    severity = Severity.WARNING
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        updated: set[int] = set()
        for instr in df.instructions:
            if instr.keyword != "RUN":
                continue
            for cmd in apt_commands(instr.value):
                if cmd.subcommand == "update":
                    updated.add(instr.stage)
                elif (
                    cmd.subcommand == "install"
                    and instr.stage not in updated
                    and "add-apt-repository" not in instr.value
                ):
                    yield self.finding(
                        "apt-get install runs before any apt-get update in this stage: with empty package lists it fails "
                        'with "Unable to locate package"',
                        path=df.path,
                        line=instr.start_line,
                        evidence=(instr.raw.strip()[:200],),
                        fix="Run `apt-get update && apt-get install -y ...` in the same RUN step.",
                        edits=(_join_update(ctx, df.path, instr.start_line, instr.end_line),),
                    )
                    updated.add(instr.stage)  # one finding per stage


def _join_update(ctx: SpaceContext, path: str, first: int, last: int) -> Edit | None:
    """Insert `apt-get update && ` before the one apt install of the step, when that install
    starts a command (not after `sudo`, `env` or anything else that would not cover the update)."""
    text = ctx.repo.text(path)
    span = lines_span(text, first, last) if text is not None else None
    if text is None or span is None:
        return None
    hit = find_once(text, r"\bapt(?:-get)?(?=(?:[ \t]+-[^\s]+)*[ \t]+install\b)", *span)
    if hit is None:
        return None
    before = re.sub(r"(\s|\\\r?\n)+$", "", text[span[0] : hit[0]])
    if not re.search(r"(^RUN|&&|;|\(|\|\|)$", before, re.IGNORECASE):
        return None
    return text_edit(ctx.repo, path, hit[0], hit[0], "apt-get update && ")
