"""The size of a checkout's git history, read with `git count-objects` (never by reading blobs)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_objects_size(root: Path, timeout: float = 10.0) -> int | None:
    """Bytes of loose objects plus packs in the repository at `root`, or None if git cannot say.

    This is every version of every file ever committed locally, which is what a push of the
    whole history uploads (LFS content is stored apart and counted from the work tree).
    """
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "count-objects", "-v"],
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
