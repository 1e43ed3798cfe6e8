from __future__ import annotations

import re
from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

_FILES = {
    "requirements.txt": "pip install -r requirements.txt",
    "pre-requirements.txt": "pip install -r pre-requirements.txt",
    "packages.txt": "apt-get install -y $(cat packages.txt)",
}


def _build_text(ctx: SpaceContext) -> str:
    """The Dockerfile plus the root shell scripts it may run (which often do the installing)."""
    parts = [ctx.repo.text("Dockerfile") or ""]
    for f in ctx.repo.files[:5000]:
        if "/" not in f.path and f.suffix == ".sh" and f.size < 65_536:
            parts.append(ctx.repo.text(f.path) or "")
    return "\n".join(parts)


class DependencyFileIgnored(Rule):
    """A `requirements.txt`, `pre-requirements.txt` or `packages.txt` that a Docker Space never uses.

    What it does
    In a Docker Space, notes root dependency files that neither the Dockerfile nor a root
    shell script mentions.

    Why is this bad?
    The Hub installs these files only for gradio/streamlit Spaces. In a Docker Space the
    Dockerfile decides; a package added to the file is never installed, and the app fails
    with ModuleNotFoundError or a missing system library.

    Example
        sdk: docker
    with `packages.txt` listing `ffmpeg` and a Dockerfile that never reads it.

    Fix
    Install it in the Dockerfile: `COPY requirements.txt .` then
    `RUN pip install --no-cache-dir -r requirements.txt`.
    """

    code = "SM151"
    name = "dependency-file-ignored"
    category = Category.IGNORED_FILE
    severity = Severity.INFO

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not ctx.is_docker or not ctx.repo.has("Dockerfile"):
            return
        present = [name for name in _FILES if ctx.repo.has(name)]
        if not present:
            return
        text = _build_text(ctx)
        for name in present:
            if re.search(rf"(?<![\w.-]){re.escape(name)}", text):
                continue  # (pre-requirements.txt does not count as a mention of requirements.txt)
            yield self.finding(
                f"{name} is not used: in a Docker Space only the Dockerfile installs anything",
                path=name,
                evidence=("sdk: docker", f"the Dockerfile never mentions {name}"),
                fix=f"Add to the Dockerfile: COPY {name} . and RUN {_FILES[name]}; or delete the file.",
            )
