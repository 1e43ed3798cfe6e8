"""Which Python distributions a Docker Space's image holds, when the Dockerfile says it all.

Only for images that start from the official `python` image, which carries the standard library
and pip/setuptools/wheel and nothing else (docker-library/python Dockerfiles). Every other base
(tensorflow, pytorch, CUDA images with pip, app images) brings packages we cannot list, and so
does any install whose contents we cannot read: an editable or local-path install, a URL, conda,
`uv sync`/poetry/pipenv, an install run from a script, a requirements file that is not in the
repository, apt's python3-* packages. Then `listable` is False and callers must not conclude that
a module is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirement_files
from spacemedic.space.pins import pins
from spacemedic.space.servers import image_name

BARE_PYTHON_IMAGES = frozenset({"python"})
# What the official python image has besides the standard library (docker-library/python).
IMAGE_MODULES = frozenset({"pip", "setuptools", "pkg_resources", "_distutils_hack", "wheel"})

# Installs we cannot list. Matched against each RUN (and the start command).
_OPAQUE = (
    (re.compile(r"\b(?:pip3?|uv\s+pip|-m\s+pip)\s+install\b[^&;|\n]*?(?:\s-e\b|\s--editable\b|\s\.(?:\s|$|\[)|\s\.?/|://|git\+)"),
     "a pip install of a local path, an editable project or a URL"),
    (re.compile(r"\b(?:conda|mamba|micromamba)\s+(?:install|env|create)\b"), "a conda install"),
    (re.compile(r"\b(?:uv\s+sync|poetry\s+install|pipenv\s+install|pdm\s+install|hatch\s+env|pip-sync)\b"),
     "a lock-file install (uv sync, poetry, pipenv, pdm)"),
    (re.compile(r"\b(?:apt-get|apt|apk)\b[^&;|\n]*\s(?:python3?-|py3-)\w"), "Python packages from the system package manager"),
    (re.compile(r"(?:^|[\s;&|])(?:\./|bash\s+|sh\s+)[\w./-]+\.sh\b|\bpython3?\s+[\w./-]*setup\.py\b"),
     "an install script"),
    (re.compile(r"\bpip3?\s+install\b[^&;|\n]*\$"), "a pip install whose words come from a variable"),
)
_REQ_FILE = re.compile(r"(?:^|\s)(?:-r|--requirement)(?:\s+|=)(\S+)")


@dataclass(frozen=True)
class ImageInstalls:
    """The distributions the image installs, or why they cannot be listed."""

    listable: bool
    why_not: str
    names: frozenset[str] = frozenset()  # normalized distribution names, with extras dropped
    with_extras: frozenset[str] = frozenset()  # distributions installed with [extras]


def image_installs(ctx: SpaceContext) -> ImageInstalls:
    """Read the Dockerfile's Python installs (all stages: a builder's site-packages may be copied)."""
    df = ctx.dockerfile
    if ctx.sdk != "docker" or df is None or df.error is not None or not df.stages:
        return ImageInstalls(False, "not a Docker Space with a readable Dockerfile")
    base = image_name(df.base_image)
    if base not in BARE_PYTHON_IMAGES:
        return ImageInstalls(False, f"the base image {df.base_image} may carry Python packages")
    if any(ctx.repo.has(n) for n in ("setup.py", "setup.cfg", "pyproject.toml", "environment.yml", "Pipfile")):
        return ImageInstalls(False, "the repository is itself an installable project or environment")
    files = {r.path: r for r in requirement_files(ctx)}
    for stage in df.stages:
        for instr in stage.instructions:
            if instr.keyword not in ("RUN", "CMD", "ENTRYPOINT"):
                continue
            for pattern, what in _OPAQUE:
                if pattern.search(instr.value):
                    return ImageInstalls(False, f"{what} (Dockerfile line {instr.start_line})")
            for m in _REQ_FILE.finditer(instr.value):
                name = m.group(1).rsplit("/", 1)[-1]
                if not any(p.rsplit("/", 1)[-1] == name for p in files):
                    return ImageInstalls(False, f"{m.group(1)} is not in the repository (Dockerfile line {instr.start_line})")
    for reqs in files.values():
        for e in reqs.entries:
            if e.name is None and e.kind.value not in ("option", "include", "constraint"):
                return ImageInstalls(False, f"{reqs.path} line {e.line} installs something without a name")
            if e.requirement is not None and e.requirement.url:
                return ImageInstalls(False, f"{reqs.path} line {e.line} installs from a URL")
    named = frozenset(pins(ctx))
    extras = frozenset(
        e.name for r in files.values() for e in r.entries
        if e.name and e.requirement is not None and e.requirement.extras
    ) | frozenset(n for n in named if _installed_with_extras(df.text, n))
    return ImageInstalls(True, "", named, extras)


def _installed_with_extras(text: str, name: str) -> bool:
    return re.search(rf"(?i)\b{re.escape(name).replace('-', '[-_.]')}\[", text) is not None
