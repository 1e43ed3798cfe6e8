from __future__ import annotations

import sys
from collections.abc import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.appcode.module_not_installed import SDK_PREINSTALLED
from spacemedic.space.context import SpaceContext
from spacemedic.space.deps import python_paths, runs_app_code, startup_files
from spacemedic.space.pins import pins
from spacemedic.space.pymodules import LocalImport, imports_of, module_names, resolve
from spacemedic.space.requirements import normalize

MAX_REPORTS = 10


class LocalImportUnresolved(Rule):
    """The app imports a name or module from its own files that is not there.

    What it does
    Follows the imports of the entry file and of the local modules it imports, across the
    repository's own files. It reports `from helpers import check_token` when `helpers.py`
    defines no `check_token` (and has no `__getattr__`, `import *` or `globals()` trick that
    could), and `from utils.text import clean` when the local package `utils` has no `text`
    module.

    Why is this bad?
    The import runs when the app starts: Python raises ImportError (or ModuleNotFoundError) and
    the Space ends in "Runtime error" before it listens. This is typical after a rename, or when
    a file was left out of the commit.

    Example
        # app.py
        from helpers import check_token
        # helpers.py
        def verify_token(t): ...

    Fix
    Commit the missing file or name, or import the name the module really defines.
    """

    code = "SM652"
    name = "local-import-unresolved"
    category = Category.APP_CODE
    severity = Severity.ERROR

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        if not runs_app_code(ctx):
            return
        named = {normalize(n) for n in pins(ctx)}
        reported = 0
        for path in startup_files(ctx):
            text = ctx.repo.text(path)
            if text is None:
                continue
            folder = path.rsplit("/", 1)[0] if "/" in path else ""
            # sys.path edits add search folders we do not follow: then say "may", not "will".
            sure = "sys.path" not in text and "importlib" not in text
            for imp in imports_of(text, folder.replace("/", ".")):
                if not imp.at_top:
                    continue
                finding = self._one(ctx, path, folder, imp, named, sure)
                if finding is not None:
                    yield finding
                    reported += 1
                    if reported >= MAX_REPORTS:
                        return

    def _misplaced(self, ctx: SpaceContext, path: str, bases: list[str], imp: LocalImport,
                   named: set[str]) -> Finding | None:
        top = imp.module.split(".")[0]
        stdlib: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())
        if ("." not in imp.module or imp.module.startswith(".") or top in stdlib or top in SDK_PREINSTALLED
                or normalize(top) in named or _path_may_move(ctx)):
            return None
        rel = imp.module.replace(".", "/")
        homes = sorted({p[: -len(tail)].rstrip("/") for p in python_paths(ctx)
                        for tail in (f"/{rel}.py", f"/{rel}/__init__.py") if p.endswith(tail)})
        homes = [h for h in homes if h not in bases]
        if len(homes) != 1:
            return None  # nowhere else, or several candidates: no single reading
        home = homes[0]
        where = f"{path} line {imp.line}"
        looked = " and ".join(f"{b}/" if b else "the repository root" for b in bases)
        return self.finding(
            f"`{imp.module}` is imported at start-up ({where}), but Python looks for `{top}` in {looked}; "
            f"the repository has it only under {home}/: the app fails with ModuleNotFoundError",
            path=path, line=imp.line,
            evidence=(f"{where}: import of {imp.module}", f"found at {home}/{rel}", "no requirement provides "
                      f"`{top}`; nothing puts {home}/ on the import path"),
            fix=f"Import it as `{home.replace('/', '.')}.{imp.module}` (or move the package to the root).",
        )

    def _one(self, ctx: SpaceContext, path: str, folder: str, imp: LocalImport, named: set[str],
             sure: bool) -> Finding | None:
        bases = [folder, ""] if folder else [""]
        top = imp.module.split(".")[0]
        tops = {b: resolve(ctx, b, top) for b in bases}
        if not any(tops.values()):
            # Not a local module where Python looks: a third-party one, or a local one imported
            # by the wrong path.
            return self._misplaced(ctx, path, bases, imp, named) if sure else None
        if any(t is not None and t[0] == "binary" for t in tops.values()):
            return None
        if any(t is not None and t[0] == "namespace" for t in tops.values()) and normalize(top) in named:
            return None  # a folder without __init__.py loses to an installed package of that name
        full = [r for b in bases if (r := resolve(ctx, b, imp.module)) is not None]
        severity = None if sure else Severity.WARNING
        where = f"{path} line {imp.line}"
        if not full:
            local = next(t[1] for t in tops.values() if t is not None)
            return self.finding(
                f"`{imp.module}` is imported at start-up ({where}) but the repository has no such module "
                f"(`{top}` is the local {local}); the app fails with ModuleNotFoundError",
                path=path, line=imp.line, severity=severity,
                evidence=(f"{where}: import of {imp.module}", f"local {top}: {local}"),
                fix=f"Commit {imp.module.replace('.', '/')}.py, or fix the import.",
            )
        missing: list[str] = []
        for name in imp.names:
            if name == "*":
                continue
            if any(resolve(ctx, b, f"{imp.module}.{name}") for b in bases):
                continue  # a submodule
            defined = [module_names(ctx, r[1]) for r in full if r[0] in ("file", "package")]
            if not defined or any(d is None or d.dynamic or name in d.names for d in defined):
                continue
            missing.append(name)
        if not missing:
            return None
        target = " / ".join(r[1] for r in full)
        shown = ", ".join(f"`{n}`" for n in missing[:5])
        return self.finding(
            f"{where} imports {shown} from the local module `{imp.module}` ({target}), which defines no such "
            f"name; the app fails at start-up with ImportError",
            path=path, line=imp.line, severity=severity,
            evidence=(f"{where}: from {imp.module} import {', '.join(imp.names)}", f"{target}: no top-level {shown}"),
            fix=f"Define {shown} in {target} (or commit the version that has it), or import the name it really defines.",
        )


_PATH_MOVERS = ("PYTHONPATH", "--chdir", "--app-dir", "--pythonpath", "sys.path", "cd ", "pip install .",
                "pip install -e", "site-packages", ".pth")


def _path_may_move(ctx: SpaceContext) -> bool:
    """Whether the start-up could search more folders than the entry's own and the root: an
    installable project, or a Dockerfile / start script that sets the path or the directory."""
    if any(ctx.repo.has(n) for n in ("setup.py", "setup.cfg", "pyproject.toml")):
        return True
    texts = [ctx.repo.text(f.path, limit=200_000) or "" for f in ctx.repo.files
             if f.path == "Dockerfile" or f.path.endswith((".sh", "Procfile", ".conf", ".ini", ".toml"))]
    return any(m in t for t in texts for m in _PATH_MOVERS)
