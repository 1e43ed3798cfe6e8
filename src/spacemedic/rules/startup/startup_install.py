from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import py_file, startup_files

_PIP_INSTALL = re.compile(r"\b(pip3?|python3?\s+-m\s+pip|\?\s+-m\s+pip|-m\s+pip|uv\s+pip)\s+install\b")
_SHELL_CALLS = (
    "os.system",
    "os.popen",
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.Popen",
)


class StartupPackageInstall(Rule):
    """Packages are installed with pip when the app starts.

    What it does
    Finds `pip install` run through `os.system`/`subprocess` at start-up in the Space's entry
    files, and in the Docker start command (CMD/ENTRYPOINT).

    Why is this bad?
    Every start (restart, wake-up from sleep, new replica) repeats the install: start-up is slow,
    depends on PyPI being reachable, and may resolve different versions than yesterday. A slow
    or failed install keeps the Space from becoming healthy.

    Example
        import os
        os.system("pip install git+https://github.com/facebookresearch/detectron2.git")

    Fix
    Move the package to requirements.txt (or a Dockerfile RUN step) so it is installed once at
    build time.
    """

    code = "SM601"
    name = "startup-package-install"
    category = Category.STARTUP_DOWNLOAD
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        fix = "Move the package to requirements.txt (or a Dockerfile RUN step) so it installs once, at build time."
        for path in startup_files(ctx):
            py = py_file(ctx, path)
            for call in py.calls if py else ():
                if not call.startup or call.name not in _SHELL_CALLS:
                    continue
                text = next((a for a in call.args if a and _PIP_INSTALL.search(a)), None)
                if text is None:
                    continue
                yield self.finding(
                    f"{call.name} runs `{text[:80]}` at start-up: every restart reinstalls it",
                    path=path,
                    line=call.line,
                    evidence=(f"{path}:{call.line}: {call.name}({text[:120]!r})",),
                    fix=fix,
                )
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        for kw in ("ENTRYPOINT", "CMD"):
            instr = df.effective(kw)
            if instr is not None and _PIP_INSTALL.search(instr.value):
                yield self.finding(
                    f"the start command ({kw}) runs pip install: every restart reinstalls packages",
                    path=df.path,
                    line=instr.start_line,
                    evidence=(instr.raw.strip()[:200],),
                    fix=fix,
                )
