from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Build steps that read pyproject.toml: installing the project itself, or a tool that syncs from it.
_READS_PYPROJECT = re.compile(
    r"\b(?:pip3?|uv\s+pip|-m\s+pip)\s+install\b[^&;|\n]*?(?:\s-e)?\s+\.(?:\[[^\]]*\])?(?:\s|$)"
    r"|\buv\s+sync\b|\bpoetry\s+install\b|\bpdm\s+install\b|\bhatch\s+build\b|\bpip3?\s+install\b[^&;|\n]*\s\./?(?:\s|$)"
)


class PyprojectInvalidToml(Rule):
    """pyproject.toml is not valid TOML.

    What it does
    Parses the root `pyproject.toml` with the standard TOML parser and reports where it fails.
    It is an error in a Docker Space whose Dockerfile installs the project (`pip install .`,
    `pip install -e .`, `uv sync`, `poetry install`), a warning otherwise.

    Why is this bad?
    Every tool that builds or installs the project reads pyproject.toml first; with a syntax
    error, `pip install .` stops with "Invalid pyproject.toml" and the image never builds.

    Example
        [project
        name = "my-space"

    Fix
    Correct the TOML at the line given (a missing bracket or quote is the usual cause).
    """

    code = "SM558"
    name = "pyproject-invalid-toml"
    category = Category.REQUIREMENTS
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not ctx.repo.has("pyproject.toml"):
            return
        text = ctx.repo.text("pyproject.toml")
        if text is None:
            return
        try:
            tomllib.loads(text)
            return
        except RecursionError:
            return  # nested too deeply to parse: not a syntax error we can point at
        except tomllib.TOMLDecodeError as exc:
            problem = str(exc)
            m = re.search(r"at line (\d+)", problem)
            line = int(m.group(1)) if m else None
        df = ctx.dockerfile
        installs = (
            ctx.sdk == "docker"
            and df is not None
            and any(_READS_PYPROJECT.search(i.value) for st in df.chain() for i in st.all("RUN"))
        )
        yield self.finding(
            f"pyproject.toml is not valid TOML ({problem})"
            + ("; the Dockerfile installs the project from it, so the build fails" if installs else ""),
            path="pyproject.toml",
            line=line,
            severity=Severity.ERROR if installs else None,
            evidence=(f"tomllib: {problem}",),
            fix="Fix the TOML syntax at that line.",
        )
