from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.permissions._state import replay
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import py_file, startup_files
from spacemedic.space.pyscan import Call

_WRITE_CALLS = ("open", "os.makedirs", "os.mkdir", "pathlib.Path.mkdir", "io.open")


def _relative_write(call: Call) -> str | None:
    """The relative path a call writes, when it is a literal."""
    if call.name in ("open", "io.open"):
        mode = call.args[1] if len(call.args) > 1 else call.kwarg("mode")
        target = call.args[0] if call.args else call.kwarg("file")
        if mode is None or not re.search(r"[wax+]", mode):
            return None
    elif call.name in ("os.makedirs", "os.mkdir"):
        target = call.args[0] if call.args else call.kwarg("name")
    else:
        return None
    if not target or target.startswith(("/", "~")) or "://" in target:
        return None
    return target


class RuntimeWriteToRootOwnedDir(Rule):
    """The app writes files into its working directory, which uid 1000 cannot write.

    What it does
    In a Docker Space, finds Python code that opens files for writing or creates directories
    with a relative path, when the image's final WORKDIR was created by root and never handed to
    the runtime user (`COPY --chown`, `chown`, `chmod 777`).

    Why is this bad?
    Spaces run the container as uid 1000, not root. Writing next to the code then fails with
    "PermissionError: [Errno 13] Permission denied" on the first request or at start-up.

    Example
        WORKDIR /app
        COPY . .
        # app.py: open("results.csv", "w")

    Fix
    Use the documented layout (`RUN useradd -m -u 1000 user`, `USER user`,
    `WORKDIR $HOME/app`, `COPY --chown=user . $HOME/app`), or write under /tmp.
    """

    code = "SM461"
    name = "runtime-write-to-root-owned-dir"
    category = Category.PERMISSIONS
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        state = replay(df)
        if state.can_write(state.cwd) or state.workdir_writable:
            return
        for path in startup_files(ctx):
            py = py_file(ctx, path)
            for call in py.calls if py else ():
                target = _relative_write(call)
                if target is None:
                    continue
                where = state.resolve(target)
                yield self.finding(
                    f"{call.name}('{target}') writes to {where}, inside WORKDIR {state.cwd}, which is owned by root; "
                    'the Space runs as uid 1000 and is likely to get "Permission denied"',
                    path=path,
                    line=call.line,
                    evidence=(f"WORKDIR {state.cwd} (Dockerfile line {state.workdir_line}) created by root",),
                    fix="COPY --chown=1000 the app into a directory the user owns (e.g. $HOME/app), "
                    f"or `RUN chmod 777 {state.cwd}`, or write under /tmp.",
                )
                return
