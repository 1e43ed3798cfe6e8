from __future__ import annotations

import json
import re
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext

# (npm package, first major) -> the Node major its `engines.node` requires from that major on.
# Read from the registry's published `engines` (npm view NAME@MAJOR engines); only majors whose
# floor is above an LTS line that images still use are listed.
NODE_FLOORS: dict[tuple[str, int], int] = {
    ("mongoose", 9): 20,  # >=20.19.0
    ("mongodb", 7): 20,  # >=20.19.0
    ("next", 16): 20,  # >=20.9.0
    ("vite", 7): 20,  # ^20.19.0 || >=22.12.0
    ("prisma", 7): 20,  # ^20.19 || ^22.12 || >=24.0
    ("@prisma/client", 7): 20,
    ("express", 5): 18,  # >=18
}
_NODE_TAG = re.compile(r"^(?:docker\.io/)?(?:library/)?node:(\d+)")
_INSTALL = re.compile(r"\b(?:npm\s+(?:install|i|ci)|yarn|pnpm\s+install)\b")
_LOWEST = re.compile(r"^\s*(?:\^|~|>=|=|v)?\s*(\d+)(?:[.\sx*]|$)")


def _lowest_major(spec: str) -> int | None:
    """The lowest major a simple npm range allows (`^9.6.1` -> 9); None for anything else."""
    if "||" in spec or "<" in spec:
        return None
    m = _LOWEST.match(spec)
    return int(m.group(1)) if m else None


def _floor(name: str, major: int) -> int | None:
    floors = [need for (pkg, first), need in NODE_FLOORS.items() if pkg == name and major >= first]
    return max(floors) if floors else None


class NodeEngineTooOld(Rule):
    """An npm dependency requires a newer Node.js than the image installs it on.

    What it does
    For a Docker Space whose image runs `npm install`/`npm ci` on an official `node:<major>`
    image, reads package.json and compares each dependency's lowest allowed major with a table
    of majors that raised their `engines.node` floor (mongoose 9 and mongodb 7 need Node 20.19,
    Next.js 16 needs 20.9, Vite 7 and Prisma 7 need 20.19, Express 5 needs 18).

    Why is this bad?
    npm only warns about `engines` (EBADENGINE), so the build passes and the app fails when it
    starts, often with an error far from the cause (a missing global such as `crypto`, a syntax
    error inside the dependency).

    Example
        FROM node:18-bullseye-slim      # package.json: "mongoose": "^9.6.1"

    Fix
    Use a Node image at or above the floor (`FROM node:20-bullseye-slim`), or pin the
    dependency to the previous major.
    """

    code = "SM559"
    name = "node-engine-too-old"
    category = Category.REQUIREMENTS
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        df = ctx.dockerfile
        if df is None or df.error or not ctx.is_docker:
            return
        node_major: int | None = None
        line = 0
        for stage in df.stages:
            m = _NODE_TAG.match(stage.base.strip().lower())
            if m and any(i.keyword == "RUN" and _INSTALL.search(i.value) for i in stage.instructions):
                node_major, line = int(m.group(1)), stage.start_line
                break
        if node_major is None:
            return
        text = ctx.repo.text("package.json")
        if not text:
            return
        try:
            manifest = json.loads(text)
        except ValueError:
            return
        if not isinstance(manifest, dict):
            return
        for section in ("dependencies", "devDependencies"):
            deps = manifest.get(section)
            if not isinstance(deps, dict):
                continue
            for name, spec in deps.items():
                if not isinstance(name, str) or not isinstance(spec, str):
                    continue
                major = _lowest_major(spec)
                need = _floor(name, major) if major is not None else None
                if need is None or node_major >= need:
                    continue
                yield self.finding(
                    f"package.json asks for {name} {spec}, which requires Node {need} or newer, "
                    f"but the image is Node {node_major}: npm only warns and the app fails at start",
                    path=df.path,
                    line=line,
                    evidence=(f"{section}.{name}: {spec}", f"FROM node:{node_major}"),
                    fix=f"Use `FROM node:{need}` or newer (or pin {name} below {major}).",
                )
