from __future__ import annotations

import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use


class RequirementLocalFileUrl(Rule):
    """A requirement points at a file on the author's own machine.

    What it does
    Finds `name @ file:///...` requirements, which `pip freeze` writes for packages installed
    from conda or local builds.

    Why is this bad?
    The path exists only on the machine that ran `pip freeze` (`/home/conda/feedstock_root/...`,
    `C:/Users/...`); the build fails with "No such file or directory". In a Docker Space it is an
    error when the image cannot have that path (a Windows drive path, or a folder no Dockerfile
    instruction names), a warning when the Dockerfile names the folder and might create it.

    Example
        certifi @ file:///croot/certifi_1690232220950/work/certifi

    Fix
    Replace the line with a version from PyPI (`certifi==2024.2.2`); `pip list --format=freeze`
    writes versions instead of paths.
    """

    code = "SM554"
    name = "requirement-local-file-url"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for reqs in requirements_in_use(ctx):
            for e in reqs.entries:
                url = e.requirement.url if e.requirement is not None else e.target
                if not url or not url.lower().startswith("file:"):
                    continue
                local = url.split(":", 1)[1].lstrip("/")
                base = local.rstrip("/").rsplit("/", 1)[-1]
                if (
                    ctx.repo.has(local)
                    or ctx.repo.under(local)
                    or any(f.name == base for f in ctx.repo.files)
                ):
                    continue  # a wheel committed to the repo, referenced by an absolute path
                name = e.name or "package"
                yield self.finding(
                    f"{name} is installed from {url}, a path on the machine that wrote this file: the build fails",
                    path=reqs.path,
                    line=e.line,
                    evidence=(e.text,),
                    severity=None if ctx.is_python_sdk or _absent_from_image(ctx, local) else Severity.WARNING,
                    fix=f"Replace the line with `{name}==<version>` from PyPI (pip list --format=freeze).",
                )


_DRIVE = re.compile(r"^[A-Za-z]:[/\\]")


def _absent_from_image(ctx: SpaceContext, local: str) -> bool:
    """Whether a Docker image built from this repository cannot have the path `local`.

    pip reads `file:///C:/x` on Linux as the path `/C:/x`, which no image has. Any other path
    exists only if the Dockerfile puts something there (COPY/ADD destination, WORKDIR, a RUN
    that creates it): when no instruction names its first two folders, nothing does.
    """
    if _DRIVE.match(local):
        return True
    df = ctx.dockerfile
    if df is None or df.error:
        return False
    head = "/" + "/".join(local.strip("/").split("/")[:2])
    return not any(head in i.value for i in df.instructions)
