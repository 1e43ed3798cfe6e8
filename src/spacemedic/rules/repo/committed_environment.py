from __future__ import annotations

import re
from typing import Iterator

from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.rules.repo._sizes import human
from spacemedic.space.context import SpaceContext

# Folder names that are always generated; a virtualenv is recognised by its pyvenv.cfg.
_GENERATED = {
    "node_modules": "installed npm packages",
    "__pycache__": "Python bytecode cache",
    ".ipynb_checkpoints": "Jupyter checkpoints",
    ".pytest_cache": "pytest cache",
    ".mypy_cache": "mypy cache",
    ".ruff_cache": "ruff cache",
    "site-packages": "installed Python packages",
}
_CACHES = (".cache/huggingface/", ".cache/pip/", ".cache/torch/")


def _gitignored_names(ctx: SpaceContext) -> set[str]:
    text = ctx.repo.text(".gitignore") if ctx.repo.has(".gitignore") else None
    return {line.strip().strip("/") for line in (text or "").splitlines() if line.strip()}


def generated_folders(ctx: SpaceContext) -> dict[str, tuple[str, int, int]]:
    """folder -> (what it is, file count, bytes) for generated folders in the tree."""
    venvs = {f.path[: -len("pyvenv.cfg")].rstrip("/") for f in ctx.repo.files if f.name == "pyvenv.cfg"}
    markers = tuple(f"/{name}/" for name in _GENERATED) + tuple(f"/{v}/" for v in venvs if v) + _CACHES
    any_marker = re.compile("|".join(re.escape(m) for m in markers))
    found: dict[str, tuple[str, int, int]] = {}
    for f in ctx.repo.files:
        slashed = "/" + f.path
        if not f.path.endswith(".pyc") and any_marker.search(slashed) is None:
            continue  # the common case, decided without splitting the path
        parts = f.path.split("/")[:-1]
        folder, what = None, ""
        for i, part in enumerate(parts):
            if not venvs and part not in _GENERATED:
                continue  # joining every prefix of every path was the cost on 100,000-file trees
            prefix = "/".join(parts[: i + 1])
            if prefix in venvs:
                folder, what = prefix, "a Python virtualenv"
            elif part in _GENERATED:
                folder, what = prefix, _GENERATED[part]
            if folder:
                break
        if folder is None:
            hit = next((c for c in _CACHES if "/" + c in slashed), None)
            folder = slashed[1 : slashed.index("/" + hit) + len(hit)] if hit else None
            what = "a download cache"
        if folder is None and f.suffix == ".pyc":
            folder, what = f.path.rpartition("/")[0] or ".", "Python bytecode"
        if folder is not None:
            _, n, size = found.get(folder, (what, 0, 0))
            found[folder] = (what, n + 1, size + f.size)
    return found


class CommittedEnvironment(Rule):
    """A virtualenv, node_modules or a cache folder is part of the repository.

    What it does
    Finds generated folders in the tree: Python virtualenvs (a `pyvenv.cfg`), `node_modules`,
    `site-packages`, `__pycache__`, notebook checkpoints, tool caches and model download caches.

    Why is this bad?
    They are rebuilt by the Space's own build, so committing them only adds size (towards the
    1 GB limit) and files built for another machine, which can shadow the right ones.

    Example
    `.venv/lib/python3.11/site-packages/...` pushed with the app.

    Fix
    Delete the folder from the repository (`git rm -r --cached .venv`) and list it in `.gitignore`.
    """

    code = "SM102"
    name = "committed-environment"
    category = Category.REPO_SIZE
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        found = generated_folders(ctx)
        if not found:
            return
        ignored = set() if ctx.repo.is_git else _gitignored_names(ctx)
        for folder, (what, count, size) in sorted(found.items()):
            if folder.rsplit("/", 1)[-1] in ignored or folder in ignored:
                continue  # listed in .gitignore: a git push leaves it out
            yield self.finding(
                f"{folder}/ is {what} ({count} files, {human(size)}); it does not belong in the Space "
                "repository",
                path=folder,
                evidence=(f"{count} files under {folder}/", f"{size} bytes"),
                fix=f"git rm -r --cached {folder} && echo '{folder}/' >> .gitignore",
            )
