"""The repository's own Python modules as the import system sees them: which local file a
`from X import Y` reaches, which names that module defines at top level, and whether it does
anything dynamic (`__getattr__`, `import *`, `globals()[...] =`) that could define more.

Read with `ast`, never executed. Bounded: files over the reader's budget are "unknown".
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

from spacemedic.space.context import SpaceContext

MAX_MODULE_CHARS = 1_000_000


@dataclass(frozen=True)
class ModuleNames:
    """Top-level names a module defines. `dynamic` says why the list may be incomplete."""

    names: frozenset[str]
    dynamic: str | None = None


@dataclass(frozen=True)
class LocalImport:
    """One `import` / `from ... import` statement of a file, resolved against the repository."""

    module: str  # as written (dotted), with relative dots resolved
    names: tuple[str, ...]  # imported names (empty for `import X`)
    line: int
    at_top: bool  # a module-level statement outside try/if


def local_dirs(ctx: SpaceContext) -> frozenset[str]:
    """Every directory that holds a file."""
    cached = ctx.__dict__.get("_pymod_dirs")
    if isinstance(cached, frozenset):
        return cached
    dirs: set[str] = set()
    for f in ctx.repo.files:
        parts = f.path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]))
    store = frozenset(dirs)
    ctx.__dict__["_pymod_dirs"] = store
    return store


def resolve(ctx: SpaceContext, base: str, dotted: str) -> tuple[str, str] | None:
    """(kind, path) of a dotted module under folder `base`: ("file", "a/b.py"),
    ("package", "a/b/__init__.py") or ("namespace", "a/b"); None when not there."""
    rel = dotted.replace(".", "/")
    prefix = f"{base}/" if base else ""
    if ctx.repo.has(f"{prefix}{rel}.py"):
        return "file", f"{prefix}{rel}.py"
    if ctx.repo.has(f"{prefix}{rel}/__init__.py"):
        return "package", f"{prefix}{rel}/__init__.py"
    if f"{prefix}{rel}" in local_dirs(ctx):
        return "namespace", f"{prefix}{rel}"
    if any(ctx.repo.has(f"{prefix}{rel}{ext}") for ext in (".so", ".pyc", ".pyd", ".pyx")):
        return "binary", f"{prefix}{rel}"
    return None


def module_names(ctx: SpaceContext, path: str) -> ModuleNames | None:
    """Names defined at the top of a local .py file; None when unreadable or unparsable."""
    text = ctx.repo.text(path)
    if text is None or len(text) > MAX_MODULE_CHARS:
        return None
    return _names(text)


@lru_cache(maxsize=256)
def _names(text: str) -> ModuleNames | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    names: set[str] = set()
    dynamic: str | None = None
    stack: list[ast.AST] = list(tree.body)
    seen = 0
    while stack and seen < 50_000:
        seen += 1
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            if node.name == "__getattr__" and not isinstance(node, ast.ClassDef):
                dynamic = "it defines a module-level __getattr__"
            continue
        if isinstance(node, ast.Import):
            for a in node.names:
                names.add(a.asname or a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.name == "*":
                    dynamic = f"it does `from {'.' * node.level}{node.module or ''} import *`"
                else:
                    names.add(a.asname or a.name)
        elif isinstance(node, (ast.Name,)) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("exec", "setattr"):
            dynamic = f"it calls {node.func.id}() at top level"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            if isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name) \
                    and node.func.value.func.id in ("globals", "vars"):
                dynamic = "it updates globals() at top level"
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            if isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) \
                    and node.value.func.id in ("globals", "vars"):
                dynamic = "it assigns into globals() at top level"
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        stack.extend(ast.iter_child_nodes(node))
    # `global x` inside a function defines a module name once the function runs.
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            names.update(node.names)
    return ModuleNames(frozenset(names), dynamic)


def imports_of(text: str, package: str) -> list[LocalImport]:
    """The import statements of a file; `package` is its dotted package (for relative imports)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    top_ids = {id(s) for s in tree.body}
    out: list[LocalImport] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                out.append(LocalImport(a.name, (), node.lineno, id(node) in top_ids))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                keep = parts[: len(parts) - (node.level - 1)] if node.level - 1 <= len(parts) else None
                if keep is None:
                    continue
                module = ".".join([*keep, module] if module else keep)
                if not module:
                    continue
            out.append(LocalImport(module, tuple(a.name for a in node.names), node.lineno, id(node) in top_ids))
    return out
