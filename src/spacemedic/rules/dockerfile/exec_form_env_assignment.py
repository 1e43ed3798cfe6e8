from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.dockerfile.no_start_command import _REPL_IMAGES, _repo_of
from spacemedic.space.context import SpaceContext

_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=\S*$")


class ExecFormEnvAssignment(Rule):
    """The exec-form start command begins with `NAME=value`, which is not a program.

    What it does
    Looks at the first word of an exec-form ENTRYPOINT, and of an exec-form CMD when the
    Dockerfile sets no ENTRYPOINT, in the final image.

    Why is this bad?
    Exec form runs no shell, so `NAME=value` is not an environment assignment: Docker tries
    to execute a program called `NAME=value` and the container stops with "executable file
    not found in $PATH". On a base image with its own entrypoint (node), the word becomes an
    argument (`node PORT=7860 ...`) and fails the same way. The Space never starts.

    Example
        CMD ["PORT=7860", "node", "build"]

    Fix
    Set the variable with `ENV PORT=7860` and start the program directly:
    `CMD ["node", "build"]`, or use shell form `CMD PORT=7860 node build`.
    """

    code = "SM406"
    name = "exec-form-env-assignment"
    category = Category.DOCKERFILE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker or df.final is None:
            return
        entry = df.effective("ENTRYPOINT")
        instr = entry if entry is not None else df.effective("CMD")
        words = instr.exec_form() if instr is not None else None
        if instr is None or not words or not _ASSIGNMENT.match(words[0]):
            return
        base = df.base_image or ""
        # Without ENTRYPOINT, an unknown base image's own entrypoint receives CMD as arguments
        # and could run it through `env` or a shell: only the images we know fail for certain.
        sure = entry is not None or ("$" not in base and _repo_of(base) in _REPL_IMAGES)
        name = words[0].split("=", 1)[0]
        yield self.finding(
            f"{instr.keyword} starts with `{words[0]}`: exec form runs no shell, so Docker looks for a "
            "program of that name and the container fails to start"
            + ("" if sure else f" (unless the entrypoint of {base or 'the base image'} handles it)"),
            path=df.path,
            line=instr.start_line,
            severity=Severity.ERROR if sure else Severity.WARNING,
            evidence=(instr.raw.strip(),),
            fix=f"Move `{words[0]}` to an `ENV {words[0]}` line and start with "
            f"{instr.keyword} {_rest(words)}, or read {name} with a default in the app.",
        )


def _rest(words: list[str]) -> str:
    return "[" + ", ".join(f'"{w}"' for w in words[1:]) + "]"
