"""What version of a distribution the build installs: the specifiers every place in the Space
puts on it (requirements files and the files they include, constraint files, `pip install`
words in Dockerfile RUN steps), joined.

A `pip install` word we cannot parse (a variable, a URL) makes the version unknown rather than
unpinned: callers must not treat it as "any version".
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet

from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import requirements_in_use
from spacemedic.space.requirements import normalize

_PIP = re.compile(r"\b(?:pip3?|uv\s+pip|-m\s+pip)\s+install\b(.*)")
_OPTIONS_WITH_VALUE = frozenset({"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i",
                                 "--index-url", "--extra-index-url", "-f", "--find-links", "--target", "-t",
                                 "--prefix", "--root", "--trusted-host", "--platform", "--python-version"})


@dataclass(frozen=True)
class Pin:
    """Where a distribution's version is decided."""

    spec: SpecifierSet | None  # None: installed in a way whose version we cannot read
    where: str  # "requirements.txt line 3 (numpy>=1.20)"
    places: int = 1


def pins(ctx: SpaceContext) -> dict[str, Pin]:
    """Every distribution the Space names, with the joined specifier."""
    out: dict[str, Pin] = {}

    def add(name: str, spec: SpecifierSet | None, where: str) -> None:
        old = out.get(name)
        if old is None:
            out[name] = Pin(spec, where)
            return
        joined = None if old.spec is None or spec is None else old.spec & spec
        out[name] = Pin(joined, f"{old.where}; {where}", old.places + 1)

    for reqs in requirements_in_use(ctx):
        for e in reqs.entries:
            name = e.name
            if name is None:
                continue
            spec = e.requirement.specifier if e.requirement is not None and not e.requirement.url else None
            text = str(e.requirement.specifier) if e.requirement is not None else e.text
            add(name, spec, f"{reqs.path} line {e.line} ({name}{text or ' any version'})")
    df = ctx.dockerfile
    if ctx.sdk == "docker" and df is not None and df.error is None:
        for stage in df.chain():
            for instr in stage.all("RUN"):
                for name, spec in _pip_words(instr.value):
                    add(name, spec, f"Dockerfile line {instr.start_line} (pip install {name}{spec or ''})")
    return out


def _pip_words(command: str) -> list[tuple[str, SpecifierSet | None]]:
    found: list[tuple[str, SpecifierSet | None]] = []
    for piece in re.split(r"&&|\|\||;|\n", command):
        m = _PIP.search(piece)
        if not m:
            continue
        try:
            words = shlex.split(m.group(1))
        except ValueError:
            continue
        skip = False
        for w in words:
            if skip:
                skip = False
                continue
            if w in _OPTIONS_WITH_VALUE:
                skip = True
                continue
            if "$" in w:  # a version from a variable: named, but its version is unknown
                name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", w)
                if name and not w.startswith("$"):
                    found.append((normalize(name.group(0)), None))
                continue
            if w.startswith("-") or "://" in w or w.startswith((".", "/")):
                continue
            try:
                req = Requirement(w)
            except InvalidRequirement:
                continue
            found.append((normalize(req.name), req.specifier if not req.url else None))
    return found
