"""Calls in the files that run at start-up, shared by the app-code rules."""

from __future__ import annotations

from collections.abc import Iterator

from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import py_file, startup_files
from spacemedic.space.pyscan import Call, PyFile


def startup_calls(ctx: SpaceContext) -> Iterator[tuple[str, PyFile, Call]]:
    """(path, file, call) for every call in a start-up file."""
    for path in startup_files(ctx):
        py = py_file(ctx, path)
        if py is None:
            continue
        for call in py.calls:
            yield path, py, call


def imports_module(py: PyFile, top: str) -> bool:
    """Whether the file imports the top-level module `top`."""
    return any(m.split(".")[0] == top for m, _ in py.imports)
