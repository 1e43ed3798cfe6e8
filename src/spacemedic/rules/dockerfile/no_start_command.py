from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.servers import base_image_command

# Official images whose own default command is an interactive REPL or shell: with no stdin
# attached it exits at once, so a Space built on them without CMD/ENTRYPOINT cannot start.
_REPL_IMAGES = {
    "python": "the Python REPL",
    "pypy": "the PyPy REPL",
    "node": "the Node.js REPL",
    "ubuntu": "bash",
    "debian": "bash",
    "alpine": "sh",
    "busybox": "sh",
    "fedora": "bash",
    "archlinux": "bash",
    "amazonlinux": "bash",
    "rockylinux": "bash",
    "continuumio/miniconda3": "bash",
    "continuumio/anaconda3": "bash",
    "condaforge/miniforge3": "bash",
    "golang": "bash",
    "rust": "bash",
    "nvidia/cuda": "bash",
    "pytorch/pytorch": "bash",
}


def _repo_of(image: str) -> str:
    ref = image.split("@", 1)[0]
    last = ref.rsplit("/", 1)[-1]
    repo = ref.rsplit(":", 1)[0] if ":" in last else ref
    return re.sub(r"^(docker\.io/)?(library/)?", "", repo.lower())


class NoStartCommand(Rule):
    """The Docker image has no CMD or ENTRYPOINT of its own.

    What it does
    Looks for CMD or ENTRYPOINT in the final stage of the Dockerfile and the stages it is
    built from. When there is none the base image's command is used.

    Why is this bad?
    For a language or OS base image (python, node, ubuntu, ...) that command is a REPL or a
    shell: with no terminal attached it exits immediately, and the Space never starts. For
    other base images the inherited command cannot be seen from the repository.

    Example
        FROM python:3.11-slim
        COPY . /app
        RUN pip install -r /app/requirements.txt

    Fix
    End the Dockerfile with the command that serves the app on the Space's port, e.g.
    `CMD ["python", "app.py"]`.
    """

    code = "SM404"
    name = "dockerfile-no-start-command"
    category = Category.DOCKERFILE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker or df.final is None:
            return
        if df.effective("CMD") is not None or df.effective("ENTRYPOINT") is not None:
            return
        base = df.base_image or ""
        repo = _repo_of(base)
        line = df.final.start_line
        if "$" not in base and repo in _REPL_IMAGES:
            yield self.finding(
                f"no CMD or ENTRYPOINT: the image inherits {_REPL_IMAGES[repo]} from {base}, which exits "
                "at once without a terminal, so the Space never starts",
                path=df.path,
                line=line,
                evidence=(f"FROM {base} (line {line})", "no CMD/ENTRYPOINT in the final stage"),
                fix='Add the command that serves the app, e.g. CMD ["python", "app.py"].',
            )
            return
        known = base_image_command(base) if "$" not in base else None
        if known is not None:
            # The image's own command is known (space/servers.py): the listener rules check it.
            argv, source = known
            yield self.finding(
                f"no CMD or ENTRYPOINT: the image's own command runs ({' '.join(argv)}: {source})",
                path=df.path,
                line=line,
                severity=Severity.INFO,
                evidence=(f"FROM {base} (line {line})",),
                fix="Nothing to do if that command serves the app on the Space's port; else add a CMD that does.",
            )
            return
        yield self.finding(
            f"no CMD or ENTRYPOINT: the start command is inherited from {base or 'the base image'} and "
            "cannot be checked from the repository",
            path=df.path,
            line=line,
            severity=Severity.INFO,
            evidence=(f"FROM {base} (line {line})",),
            fix="If the base image does not start your app on the Space's port, add a CMD that does.",
        )
