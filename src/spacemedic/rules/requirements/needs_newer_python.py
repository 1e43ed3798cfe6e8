from __future__ import annotations

import re
from collections.abc import Iterator

from packaging.version import InvalidVersion, Version

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use

# distribution -> (first release that dropped a Python line, the oldest Python it supports).
# Checked with `pip download --python-version 3.10`: the newest wheels for 3.10 are scipy 1.15.3,
# numpy 2.2.6, pandas 2.3.3 and scikit-learn 1.7.2.
PYTHON_FLOORS: dict[str, tuple[Version, tuple[int, int]]] = {
    "scipy": (Version("1.16"), (3, 11)),
    "numpy": (Version("2.3"), (3, 11)),
    "pandas": (Version("3.0"), (3, 11)),
    "scikit-learn": (Version("1.8"), (3, 11)),
}
_DEFAULT_SDK_PYTHON = (3, 10)  # what gradio/streamlit Spaces run without `python_version`
_PY = re.compile(r"^\s*3\.(\d+)")
_PY_IMAGE = re.compile(r"^(?:docker\.io/)?(?:library/)?python:3\.(\d+)")
_OTHER_PYTHON = re.compile(r"\b(?:uv|uvx|conda|mamba|micromamba|pyenv|pdm|poetry)\b")
_LOWER_BOUND = (">=", "==", "~=", ">", "===")


def _space_python(ctx: SpaceContext) -> tuple[tuple[int, int], str] | None:
    """The Python the requirements are installed with, and where that was read."""
    if ctx.is_python_sdk:
        fm = ctx.front_matter
        raw = fm.raw_scalars.get("python_version") if fm.data and "python_version" in fm.data else None
        if raw is None:
            return _DEFAULT_SDK_PYTHON, "the default Python 3.10 (no python_version)"
        m = _PY.match(str(raw).strip("'\" "))
        return ((3, int(m.group(1))), f"python_version: {raw}") if m else None
    df = ctx.dockerfile
    if ctx.is_docker and df is not None and not df.error:
        if _OTHER_PYTHON.search(df.text):
            return None  # uv, conda or pyenv may install into another interpreter
        m = _PY_IMAGE.match((df.base_image or "").strip().lower())
        return ((3, int(m.group(1))), f"FROM {df.base_image}") if m else None
    return None


class RequirementNeedsNewerPython(Rule):
    """A requirement's lower bound has no release for the Space's Python.

    What it does
    Compares each requirement's lower bound (`>=`, `==`, `~=`) with the releases that dropped a
    Python line (SciPy 1.16, NumPy 2.3, pandas 3.0 and scikit-learn 1.8 need Python 3.11) and
    with the Python the Space installs into: `python_version` (3.10 when absent) for
    Gradio/Streamlit Spaces, the `python:3.x` image tag for Docker Spaces.

    Why is this bad?
    pip skips releases whose Requires-Python excludes the interpreter, finds nothing that
    satisfies the bound ("No matching distribution found for scipy>=1.17.1") and the build
    stops.

    Example
        # README: sdk: streamlit, no python_version
        scipy>=1.17.1

    Fix
    Ask for a newer Python (`python_version: "3.11"`, `FROM python:3.11-slim`) or lower the bound.
    """

    code = "SM560"
    name = "requirement-needs-newer-python"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        found = _space_python(ctx)
        if found is None:
            return
        python, where = found
        for reqs in requirements_in_use(ctx):
            for e in reqs.entries:
                req = e.requirement
                if req is None or req.url or req.marker is not None or e.name not in PYTHON_FLOORS:
                    continue
                first, needs = PYTHON_FLOORS[e.name]
                if python >= needs:
                    continue
                for spec in req.specifier:
                    try:
                        bound = Version(spec.version.rstrip(".*"))
                    except InvalidVersion:
                        continue
                    if spec.operator in _LOWER_BOUND and bound >= first:
                        yield self.finding(
                            f"`{req}` needs Python {needs[0]}.{needs[1]} or newer ({e.name} {first} dropped older "
                            f"ones), but the Space installs with Python {python[0]}.{python[1]}: pip finds no "
                            "matching release and the build stops",
                            path=reqs.path,
                            line=e.line,
                            evidence=(str(req), where),
                            fix=f"Use Python {needs[0]}.{needs[1]} (`python_version: \"{needs[0]}.{needs[1]}\"` or a "
                            f"newer python image), or lower the bound below {first}.",
                        )
                        break
