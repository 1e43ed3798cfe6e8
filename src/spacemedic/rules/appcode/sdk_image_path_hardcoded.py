from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_PATH = re.compile(r"/home/user/\.pyenv/versions/[\w.]+|/usr/local/lib/python3\.\d+/site-packages/\w+")
_KINDS = (".py", ".sh")
MAX_FILES = 200


class SdkImagePathHardcoded(Rule):
    """A path into the SDK image's own Python installation is written into the code.

    What it does
    Finds literal paths such as `/home/user/.pyenv/versions/3.10.14/lib/python3.10/site-packages/...`
    in Python files, shell scripts and the Dockerfile.

    Why is this bad?
    The layout belongs to the image the Hub builds: the Python version in it follows
    `python_version` and the Hub's defaults, which change. After a rebuild the path no longer
    exists and whatever reads or patches it fails. In a Docker Space the path never existed.

    Example
        shutil.copy("patch.py", "/home/user/.pyenv/versions/3.10.13/lib/python3.10/site-packages/gradio/x.py")

    Fix
    Locate the installed package at run time (`import gradio, os; os.path.dirname(gradio.__file__)`,
    `sysconfig.get_paths()["purelib"]`).
    """

    code = "SM657"
    name = "sdk-image-path-hardcoded"
    category = Category.APP_CODE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        paths = [f.path for f in ctx.repo.files if f.path.endswith(_KINDS) and f.size <= 500_000][:MAX_FILES]
        if ctx.repo.has("Dockerfile"):
            paths.append("Dockerfile")
        for path in paths:
            text = ctx.repo.text(path)
            if not text or "/home/user/.pyenv" not in text and "site-packages" not in text:
                continue
            m = _PATH.search(text)
            if m is None:
                continue
            line = text.count("\n", 0, m.start()) + 1
            yield self.finding(
                f"{path} hard-codes `{m.group(0)}`, a path inside the Python installation of the image; it moves "
                "when the Python version or base image changes",
                path=path, line=line,
                evidence=(f"{path} line {line}: {m.group(0)}",),
                fix="Find the package directory at run time (os.path.dirname(pkg.__file__) or sysconfig).",
            )
