from __future__ import annotations

from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

KNOWN = frozenset(
    {
        "FROM",
        "RUN",
        "CMD",
        "LABEL",
        "MAINTAINER",
        "EXPOSE",
        "ENV",
        "ADD",
        "COPY",
        "ENTRYPOINT",
        "VOLUME",
        "USER",
        "WORKDIR",
        "ARG",
        "ONBUILD",
        "STOPSIGNAL",
        "HEALTHCHECK",
        "SHELL",
    }
)


class UnknownInstruction(Rule):
    """A Dockerfile line starts with a word that is not a Dockerfile instruction.

    What it does
    Checks the first word of every instruction (after joining `\\` continuations and folding
    heredocs) against the instructions Docker knows.

    Why is this bad?
    The build stops at once with "unknown instruction". This usually comes from a shell command
    whose previous line lost its trailing `\\`, or from pasted shell text.

    Example
        RUN apt-get update &&
            apt-get install -y ffmpeg

    Fix
    End continued lines with `\\`, or prefix the command with RUN.
    """

    code = "SM403"
    name = "dockerfile-unknown-instruction"
    category = Category.DOCKERFILE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error:
            return
        lines = df.text.splitlines()
        for instr in df.instructions:
            if instr.keyword in KNOWN or _continues(lines, instr.start_line):
                continue
            yield self.finding(
                f"unknown instruction {instr.keyword}: the build stops here",
                path=df.path,
                line=instr.start_line,
                evidence=(instr.raw.strip()[:200],),
                fix="End the previous line with '\\' if this continues a RUN, or start the line with RUN.",
            )


def _continues(lines: list[str], line: int) -> bool:
    """True when an earlier line ends with a backslash and only blank or comment lines sit in
    between: Docker still joins across those (with a deprecation warning), dockerfile-parse
    does not."""
    for text in reversed(lines[: line - 1]):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return stripped.endswith("\\")
    return False
