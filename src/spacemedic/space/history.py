"""The size of a checkout's git history, read with `git count-objects` (never by reading blobs)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from spacemedic.space.repo import SAFE_GIT


def git_objects_size(root: Path, timeout: float = 10.0) -> int | None:
    """Bytes of loose objects plus packs in the repository at `root`, or None if git cannot say.

    This is every version of every file ever committed locally, which is what a push of the
    whole history uploads (LFS content is stored apart and counted from the work tree).
    """
    try:
        proc = subprocess.run(
            [*SAFE_GIT, "-C", str(root), "count-objects", "-v"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    fields: dict[str, int] = {}
    for line in proc.stdout.decode("utf-8", errors="replace").splitlines():
        key, _, value = line.partition(":")
        if value.strip().isdigit():
            fields[key.strip()] = int(value.strip())
    if "size" not in fields and "size-pack" not in fields:
        return None
    return (fields.get("size", 0) + fields.get("size-pack", 0)) * 1024


def committed_blob_sizes(root: Path, paths: list[str], timeout: float = 10.0) -> dict[str, int] | None:
    """The size of the blob git has staged for each of `paths` (absent: not in the index).

    For a file under the LFS filter this is the size of the pointer, not of the content, so a
    large size here means git will push the content itself. None when git cannot say.
    """
    if not paths:
        return {}
    try:
        listed = subprocess.run(
            [*SAFE_GIT, "-C", str(root), "ls-files", "-s", "-z", "--", *paths],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        if listed.returncode != 0:
            return None
        shas: dict[str, str] = {}
        for record in listed.stdout.decode("utf-8", errors="replace").split("\0"):
            meta, _, name = record.partition("\t")
            parts = meta.split()
            if len(parts) == 3 and name:
                shas[name] = parts[1]
        if not shas:
            return {}
        batch = subprocess.run(
            [*SAFE_GIT, "-C", str(root), "cat-file", "--batch-check=%(objectname) %(objectsize)"],
            input="\n".join(shas.values()).encode() + b"\n",
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    sizes: dict[str, int] = {}
    for line in batch.stdout.decode("utf-8", errors="replace").splitlines():
        sha, _, size = line.partition(" ")
        if size.strip().isdigit():
            sizes[sha] = int(size)
    return {name: sizes[sha] for name, sha in shas.items() if sha in sizes}
