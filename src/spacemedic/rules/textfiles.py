"""Choosing which files a content scan reads, within a budget (shared by secret and policy rules).

Scans only read small files with text-like names, skip vendored trees, and stop at a byte and
file budget; what was left out is reported as `Unavailable`, never silently dropped.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Callable

from spacemedic.space.context import SpaceContext
from spacemedic.space.repo import FileEntry

VENDORED = frozenset(
    {
        "node_modules",
        ".venv",
        "venv",
        "site-packages",
        "__pycache__",
        ".git",
        "dist-packages",
        ".cache",
        "bower_components",
    }
)
TEXT_SUFFIXES = frozenset(
    ".py .ipynb .js .mjs .cjs .ts .tsx .jsx .json .yaml .yml .toml .ini .cfg .conf .env .sh .bash .zsh .txt "
    ".md .html .htm .vue .svelte .go .rs .rb .php .java .kt .cs .properties .sql .r .jl .lua .ps1 .bat .xml "
    ".example .sample .template .dist .local .tf .tfvars .dockerfile .service .pem .key .ppk .crt .p8".split()
)
TEXT_NAMES = frozenset(
    {"Dockerfile", "Procfile", "Makefile", ".env", ".npmrc", ".pypirc", ".netrc", "Containerfile"}
    | {"id_rsa", "id_ed25519", "id_ecdsa", "id_dsa", "credentials", "secrets"}
)


@dataclass
class Selection:
    paths: list[str] = field(default_factory=list)
    too_large: int = 0
    over_budget: int = 0


def is_vendored(path: str) -> bool:
    if "/" not in path:
        return False
    return any(part in VENDORED for part in path.split("/")[:-1])


def is_texty(path: str) -> bool:
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
    return name in TEXT_NAMES or name.startswith((".env", "Dockerfile")) or suffix in TEXT_SUFFIXES


def select_text_files(
    ctx: SpaceContext,
    *,
    max_file: int = 1_000_000,
    max_total: int = 16_000_000,
    max_files: int = 5_000,
    wanted: Callable[[str], bool] | None = None,
) -> Selection:
    """Paths of small text files to scan, in listing order, within the budgets.

    `wanted`, if given, limits the scan (and its budget) to the paths it accepts.
    """
    sel = Selection()
    total = 0
    for f in _candidates(ctx):
        if wanted is not None and not wanted(f.path):
            continue
        if f.size > max_file:
            sel.too_large += 1
            continue
        if len(sel.paths) >= max_files or total + f.size > max_total:
            sel.over_budget += 1
            continue
        total += f.size
        sel.paths.append(f.path)
    return sel


_CANDIDATES: weakref.WeakKeyDictionary[SpaceContext, list[FileEntry]] = weakref.WeakKeyDictionary()


def _candidates(ctx: SpaceContext) -> list[FileEntry]:
    """Text-like, non-vendored, non-symlink files, computed once per context for all scans."""
    found = _CANDIDATES.get(ctx)
    if found is None:
        found = [
            f for f in ctx.repo.files if not f.is_symlink and is_texty(f.path) and not is_vendored(f.path)
        ]
        _CANDIDATES[ctx] = found
    return found


def note_skipped(ctx: SpaceContext, source: str, sel: Selection, max_file: int = 1_000_000) -> None:
    if sel.over_budget:
        ctx.note_unavailable(
            source, f"stopped at the scan budget: {sel.over_budget} text files were not read"
        )
    if sel.too_large:
        ctx.note_unavailable(source, f"{sel.too_large} text files larger than {max_file} bytes were not read")
