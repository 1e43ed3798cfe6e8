"""Dependency views of a Space, parsed once per lint run: requirements files, packages.txt,
the Python sources (scanned with `ast`) and which of them run at start-up.

Kept out of `SpaceContext` itself so the context stays small; each view is cached on the
context instance.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any, TypeVar

from spacemedic.space.apt import PackageWord, read_packages_txt
from spacemedic.space.context import SpaceContext
from spacemedic.space.pyscan import MAX_SOURCE_CHARS, PyFile, scan_python
from spacemedic.space.requirements import Requirements, parse_requirements

T = TypeVar("T")
MAX_PY_FILES = 300
MAX_REQUIREMENT_FILES = 10
MAX_SCANNED_CHARS = 1_200_000
"""Python source scanned (parsed and walked) per lint run at most; the rest is reported."""


def _cached(fn: Callable[[SpaceContext], T]) -> Callable[[SpaceContext], T]:
    key = f"_deps_{fn.__name__}"

    def wrapper(ctx: SpaceContext) -> T:
        store: dict[str, Any] = ctx.__dict__
        if key not in store:
            store[key] = fn(ctx)
        value: T = store[key]
        return value

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def read_text(ctx: SpaceContext, path: str) -> str | None:
    """Text of a small file; UTF-16 with a BOM (PowerShell's `pip freeze >`) is decoded too,
    as pip does."""
    text = ctx.repo.text(path)
    if text is not None:
        return text
    entry = ctx.repo.get(path)
    if entry is None or entry.size > 1_000_000:
        return None
    head = ctx.repo.head(path, 1_000_000)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            ctx.repo.read_errors.pop(path, None)
            return head[len(bom) :].decode(codec, errors="replace")
    return None


@_cached
def requirement_files(ctx: SpaceContext) -> tuple[Requirements, ...]:
    """requirements.txt and the files it includes with -r (bounded)."""
    out: list[Requirements] = []
    todo = ["requirements.txt"]
    seen: set[str] = set()
    while todo and len(out) < MAX_REQUIREMENT_FILES:
        path = todo.pop(0)
        if path in seen or not ctx.repo.has(path):
            continue
        seen.add(path)
        text = read_text(ctx, path)
        if text is None:
            continue
        reqs = parse_requirements(path, text)
        out.append(reqs)
        base = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        todo.extend(_join(base, inc) for inc in reqs.includes)
    return tuple(out)


def _join(base: str, rel: str) -> str:
    parts: list[str] = []
    for piece in (base + rel.strip()).split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    return "/".join(parts)


@_cached
def packages_txt(ctx: SpaceContext) -> list[PackageWord] | None:
    text = read_text(ctx, "packages.txt") if ctx.repo.has("packages.txt") else None
    return None if text is None else read_packages_txt(text)


@_cached
def python_paths(ctx: SpaceContext) -> tuple[str, ...]:
    """The .py files small enough to read (bounded)."""
    return tuple(f.path for f in ctx.repo.files if f.suffix == ".py" and f.size <= 1_000_000)[:MAX_PY_FILES]


def py_file(ctx: SpaceContext, path: str) -> PyFile | None:
    """One file, scanned once per run; None when unreadable or not Python."""
    store: dict[str, PyFile | None] = ctx.__dict__.setdefault("_deps_py", {})
    if path not in store:
        text = ctx.repo.text(path)
        spent: int = ctx.__dict__.get("_deps_py_chars", 0)
        if text is not None and spent + len(text) > MAX_SCANNED_CHARS:
            if not ctx.__dict__.get("_deps_py_over"):
                ctx.__dict__["_deps_py_over"] = True
                ctx.note_unavailable("python scan", f"stopped at the budget of {MAX_SCANNED_CHARS} characters "
                                     f"of Python per run: {path} and later files were not parsed")
            text = None
        elif text is not None and len(text) > MAX_SOURCE_CHARS:
            ctx.note_unavailable(path, f"not parsed: larger than {MAX_SOURCE_CHARS} characters")
            text = None
        if text is not None:
            ctx.__dict__["_deps_py_chars"] = spent + len(text)
        store[path] = scan_python(path, text) if text is not None else None
    return store[path]


def python_files(ctx: SpaceContext, needles: tuple[str, ...] = ()) -> dict[str, PyFile]:
    """Parseable .py files by path. With `needles`, only files whose text contains one of
    them are parsed: a substring test is far cheaper than an AST walk."""
    out: dict[str, PyFile] = {}
    for path in python_paths(ctx):
        if needles:
            text = ctx.repo.text(path) or ""
            if not any(n in text for n in needles):
                continue
        scanned = py_file(ctx, path)
        if scanned is not None:
            out[path] = scanned
    return out


_PY_END = re.compile(r"\.py(?!\w)")


def _py_paths(value: str) -> list[str]:
    r"""Each word-and-path token's longest prefix ending in `.py` (linear: one pass per token, where
    a `[\w./-]+\.py` search would backtrack quadratically on a long token)."""
    out = []
    for token in re.split(r"[^\w./-]+", value):
        ends = [m.end() for m in _PY_END.finditer(token)]
        if ends:
            out.append(token[: ends[-1]])
    return out


def entry_files(ctx: SpaceContext) -> list[str]:
    """The Python files the Space starts from."""
    found: list[str] = []
    app_file = ctx.front_matter.get("app_file")
    if isinstance(app_file, str) and ctx.sdk != "docker":
        found.append(app_file.strip().lstrip("./"))
    df = ctx.dockerfile
    if ctx.sdk == "docker" and df is not None and df.error is None:
        for kw in ("ENTRYPOINT", "CMD"):
            instr = df.effective(kw)
            if instr is None:
                continue
            found += [p.lstrip("./") for p in _py_paths(instr.value)]
            for m in re.finditer(r"(?<![\w.:/-])([A-Za-z_][\w.]*):[A-Za-z_]\w*", instr.value):
                found.append(m.group(1).replace(".", "/") + ".py")
    found.extend(["app.py", "main.py"] if not found else [])
    paths = python_paths(ctx)
    resolved = []
    for cand in found:
        path = next((p for p in paths if p == cand or p.endswith("/" + cand)), None)
        if path and path not in resolved:
            resolved.append(path)
    return resolved


APP_CODE_SDKS = ("gradio", "streamlit", "docker")


def runs_app_code(ctx: SpaceContext) -> bool:
    """Whether the Space runs Python code of its own at start-up (not a static Space)."""
    return ctx.sdk in APP_CODE_SDKS


@_cached
def startup_files(ctx: SpaceContext) -> tuple[str, ...]:
    """Entry files plus the local modules they import, transitively (bounded)."""
    paths = set(python_paths(ctx))
    todo = entry_files(ctx)
    seen: list[str] = []
    while todo and len(seen) < 50:
        path = todo.pop(0)
        scanned = py_file(ctx, path) if path in paths and path not in seen else None
        if scanned is None:
            continue
        seen.append(path)
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        for module in scanned.local_modules:
            for cand in (f"{folder}{module}.py", f"{module}.py", f"{folder}{module}/__init__.py"):
                if cand in paths:
                    todo.append(cand)
        # Dotted imports reach submodules too: `from core.model import load` runs core/model.py.
        for dotted, _ in scanned.imports:
            if "." not in dotted:
                continue
            rel = dotted.replace(".", "/")
            for cand in (f"{folder}{rel}.py", f"{rel}.py", f"{folder}{rel}/__init__.py", f"{rel}/__init__.py"):
                if cand in paths and cand not in todo:
                    todo.append(cand)
    return tuple(seen)


def requirements_in_use(ctx: SpaceContext) -> tuple[Requirements, ...]:
    """The requirements files the build installs: always for gradio/streamlit Spaces; for
    Docker Spaces only when the Dockerfile mentions the file."""
    if ctx.sdk in ("gradio", "streamlit"):
        return requirement_files(ctx)
    df = ctx.dockerfile
    if ctx.sdk == "docker" and df is not None and "requirements" in df.text:
        return requirement_files(ctx)
    return ()
