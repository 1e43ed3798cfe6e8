from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.fixes.edits import text_edit
from spacemedic.models import Applicability, Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

# A build step that strips the carriage returns: dos2unix, `sed -i 's/\r$//'`, `tr -d '\r'`.
_CONVERTED = re.compile(r"dos2unix|fromdos|\\r|\\015|\\x0d", re.IGNORECASE)


def _is_shell_script(path: str, text: str) -> bool:
    first = text.split("\n", 1)[0]
    if path.endswith((".sh", ".bash")):
        return True
    return first.startswith("#!") and re.search(r"\b(ba|da|z)?sh\b", first) is not None


class StartScriptCrlf(Rule):
    """A shell script the Space starts through has Windows (CRLF) line endings.

    What it does
    Reads the shell scripts that the start command runs (CMD/ENTRYPOINT, and scripts those
    call) and looks for lines ending in `\\r\\n`, unless a Dockerfile step converts them
    (`dos2unix`, `sed -i 's/\\r$//'`, `tr -d '\\r'`).

    Why is this bad?
    Linux shells treat the carriage return as part of each line. The shebang becomes
    `/bin/bash\\r` ("no such file or directory" when the script is executed), and every
    command gets a stray `\\r` in its last argument (`--port 7860\\r` is not a number,
    `cd /app\\r` does not exist). The container exits and the Space shows a runtime error.

    Example
        start.sh saved on Windows: "#!/bin/bash\\r\\nexec uvicorn app:app --port 7860\\r\\n"

    Fix
    Save the script with LF line endings (and add `*.sh text eol=lf` to `.gitattributes`), or
    convert it in the image: `RUN sed -i 's/\\r$//' start.sh`. Automatic fix (safe): rewrites
    the script's CRLF line endings as LF.
    """

    code = "SM407"
    name = "start-script-crlf"
    category = Category.DOCKERFILE
    severity = Severity.ERROR
    fix_applicability = Applicability.SAFE

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        if _CONVERTED.search(ctx.repo.text(df.path) or ""):
            return
        for path in ctx.contract.entry_files:
            text = ctx.repo.text(path)
            if text is None or "\r\n" not in text or not _is_shell_script(path, text):
                continue
            line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.endswith("\r"))
            # In a git checkout the working copy may be CRLF only locally (core.autocrlf),
            # while the committed blob the Hub builds from is LF.
            yield self.finding(
                f"{path} has Windows (CRLF) line endings: the shell reads `\\r` as part of each line, "
                "so the start script fails when the container starts",
                path=path,
                line=line,
                severity=Severity.WARNING if ctx.repo.is_git else Severity.ERROR,
                evidence=(f"{path} line {line} ends with \\r\\n",),
                fix=f"Convert {path} to LF line endings (e.g. `dos2unix {path}`, and `*.sh text eol=lf` in "
                f".gitattributes), or add `RUN sed -i 's/\\r$//' {path}` to the Dockerfile.",
                edits=(text_edit(ctx.repo, path, 0, len(text), text.replace("\r\n", "\n")),),
            )
