"""Shared size helpers for the repo-size rules (pure: the I/O is in SpaceContext/SpaceRepo)."""

from __future__ import annotations

from spacemedic.space.context import SpaceContext
from spacemedic.space.gitattributes import is_lfs_pointer, pointer_size

MiB = 1024 * 1024
GIT_FILE_LIMIT = 10 * MiB
"""The Hub refuses a git push holding a regular (non-LFS) file larger than 10 MiB."""
REPO_LIMIT = 1024 * MiB
"""`Repository storage limit reached (Max: 1 GB)`."""
REPO_WARN = 900 * 1000 * 1000
POINTER_MAX = 1024


def human(size: int) -> str:
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def stored_size(ctx: SpaceContext, path: str, size: int) -> int:
    """The size a file takes on the Hub: an LFS pointer stands for the content it names."""
    if size <= POINTER_MAX and ctx.gitattributes.is_lfs(path):
        head = ctx.repo.head(path, POINTER_MAX)
        if is_lfs_pointer(head):
            return pointer_size(head) or size
    return size
