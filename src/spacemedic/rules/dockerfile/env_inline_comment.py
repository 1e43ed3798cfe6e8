from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

from spacemedic.fixes.dockerfile_text import move_comment_above
from spacemedic.models import Applicability, Category, Edit, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext


def env_words(value: str) -> list[str]:
    try:
        return shlex.split(value, posix=True)
    except ValueError:
        return value.split()


class EnvInlineComment(Rule):
    """An ENV or ARG line has a `#` comment after its value.

    What it does
    Finds `ENV`/`ARG` instructions with ` # ...` after the value. Dockerfiles only have whole-line
    comments: a `#` later in the line is ordinary text.

    Why is this bad?
    In the `KEY=value` form every word must contain `=`, so `ENV PORT=7860 # web port` makes the
    build fail with "Syntax error - can't find = in "#"". In the old `ENV KEY value` form the
    comment silently becomes part of the value (`PORT` is then `7860 # web port`).

    Example
        ENV PORT=7860  # the port the Hub routes to

    Fix
    Put the comment on its own line above the instruction:

        # the port the Hub routes to
        ENV PORT=7860

    Automatic fix (safe), for an instruction on one line: moves the comment to its own line
    above it, as shown. In the old `ENV KEY value` form this drops the comment's words from
    the value, which is what the author meant by writing them as a comment.
    """

    code = "SM400"
    name = "dockerfile-env-inline-comment"
    category = Category.DOCKERFILE
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error:
            return
        for instr in df.instructions:
            if instr.keyword not in ("ENV", "ARG", "LABEL") or not re.search(r"(^|\s)#", instr.value):
                continue
            words = env_words(instr.value)
            if not words or "#" not in " ".join(words):
                continue  # the '#' is inside quotes
            new_form = "=" in words[0]
            if instr.keyword == "ARG":
                # ARG accepts bare names, so the comment's words may become extra (unused)
                # build arguments rather than an error: a warning, not a certainty.
                yield self.finding(
                    "ARG has a '#' comment after its value: Dockerfiles have no inline comments, the words "
                    "after '#' are read as more build arguments",
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip(),),
                    severity=Severity.WARNING,
                    fix="Move the comment to its own line above the instruction.",
                    edits=(_edit(ctx, instr.start_line, instr.end_line),),
                )
            elif new_form:
                bad = next((w for w in words if "=" not in w), None)
                if bad is None:
                    continue
                yield self.finding(
                    f"{instr.keyword} has a '#' comment after its value; the build rejects it "
                    f'("can\'t find = in {bad!r}")',
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip(),),
                    fix="Move the comment to its own line above the instruction.",
                    edits=(_edit(ctx, instr.start_line, instr.end_line),),
                )
            elif instr.keyword == "ENV":
                key, _, value = instr.value.strip().partition(" ")
                yield self.finding(
                    f"ENV {key} gets the comment as part of its value: {value.strip()!r}",
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip(),),
                    severity=Severity.WARNING,
                    fix="Move the comment to its own line above the instruction.",
                    edits=(_edit(ctx, instr.start_line, instr.end_line),),
                )


def _edit(ctx: SpaceContext, first: int, last: int) -> Edit | None:
    df = ctx.dockerfile
    return move_comment_above(ctx.repo, df.path, first) if df is not None and first == last else None
