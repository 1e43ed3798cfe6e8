"""The one door through which spacemedic reads a file it did not write.

Everything spacemedic reads from a repository, and every input file a user names (a
configuration, a case file, a bundle), comes through here, so the guarantees hold in one place:

- **Links stay inside.** A repository path whose real location (after every symlink) is outside
  the repository root is refused: its target is never opened, so no byte of it is ever printed.
- **Only regular files.** The file is opened with `O_NOFOLLOW | O_NONBLOCK` and checked with
  `fstat` before a byte is read: FIFOs, sockets and devices are refused (and opening a FIFO
  never waits for a writer), as is anything under /proc, /sys or /dev, whose "regular" files
  have no honest size.
- **A byte budget per kind.** At most `limit` bytes are read; a larger file (or one that grows
  while read) is refused as "file larger than N bytes", never read in part as if whole.

A refusal is a value (`Refused`) for repository files, so the caller turns it into a
"could not check"; for a file the user named it is an `InputError` (exit 2, one line).
A test over `src/` keeps every other module from opening files to read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from spacemedic.errors import InputError

KiB, MiB = 1024, 1024 * 1024
DEFAULT_BUDGET = 1_000_000
"""Bytes read at most from one repository file of a kind not listed in `BUDGETS`."""

BUDGETS: dict[str, int] = {
    "readme": 1_000_000,  # front matter sits at the top, but the rules read the whole card
    "dockerfile": 1_000_000,
    "requirements": 1_000_000,
    "code": 1_000_000,
    "config": 1_000_000,  # .spacemedic.toml, pyproject.toml, streamlit/nginx configs
}
"""The byte budget of each kind of repository file (see `kind_of`)."""

INPUT_BUDGET = 16 * MiB
"""Bytes read at most from a case file or bundle named on the command line."""

OUTSIDE_LINK = "symlink points outside the repository"
SPECIAL_ROOTS = ("/proc/", "/sys/", "/dev/")
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Refused:
    """Why a file was not read. `outside` is True for a link that leaves the repository."""

    reason: str
    outside: bool = False


def kind_of(path: str) -> str:
    """The budget kind of a repository path (README, Dockerfile, requirements, code, config)."""
    name = path.rsplit("/", 1)[-1].lower()
    if name == "readme.md":
        return "readme"
    if name.startswith("dockerfile") or name.endswith(".dockerfile"):
        return "dockerfile"
    if name.endswith(".txt") and ("requirement" in name or name in ("packages.txt", "pre-requirements.txt")):
        return "requirements"
    if name.endswith((".toml", ".cfg", ".ini", ".conf", ".yaml", ".yml", ".json")):
        return "config"
    return "code"


def budget_for(path: str) -> int:
    return BUDGETS.get(kind_of(path), DEFAULT_BUDGET)


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def resolves_outside(root: Path, rel: str) -> bool:
    """True if `rel` under `root` (following every link on the way) lands outside `root`.

    Only names are resolved (readlink); nothing is opened.
    """
    root_real = os.path.realpath(root)
    return not _inside(os.path.realpath(os.path.join(root_real, rel)), root_real)


def link_target(root: Path, rel: str) -> str | None:
    """The text of the link at `rel` (what it points to, as written), or None if not a link."""
    try:
        return os.readlink(os.path.join(root, rel))
    except (OSError, ValueError):
        return None


def read_repo_bytes(root: Path, rel: str, limit: int | None = None, *, prefix: bool = False) -> bytes | Refused:
    """The bytes of repository file `rel`, or why it was refused. Never raises for I/O.

    With `prefix`, a larger file is not refused: its first `limit` bytes are returned.
    """
    limit = budget_for(rel) if limit is None else limit
    root_real = os.path.realpath(root)
    try:
        real = os.path.realpath(os.path.join(root_real, rel))
    except (OSError, ValueError) as exc:
        return Refused(f"cannot resolve the path ({type(exc).__name__})")
    if not _inside(real, root_real):
        return Refused(OUTSIDE_LINK, outside=True)
    return _read_regular(real, limit, prefix=prefix)


def read_input_bytes(path: Path, limit: int = INPUT_BUDGET, *, what: str = "file") -> bytes:
    """The bytes of a file the user named (config, case file, bundle); `InputError` otherwise."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {what} {path}: {exc}") from exc
    got = _read_regular(real, limit)
    if isinstance(got, Refused):
        raise InputError(f"cannot read {what} {path}: {got.reason}")
    return got


def _read_regular(real: str, limit: int, *, prefix: bool = False) -> bytes | Refused:
    if real.startswith(SPECIAL_ROOTS):
        return Refused("not a regular file (a system file under /proc, /sys or /dev)")
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
        fd = os.open(real, _FLAGS)
    except OSError as exc:
        return Refused(exc.strerror or str(exc))
    except ValueError:
        return Refused("invalid file name")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return Refused(f"not a regular file ({_kind(st.st_mode)})")
        if st.st_size > limit and not prefix:
            return Refused(f"file larger than {limit} bytes")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(256 * KiB, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        data = b"".join(chunks)
        if got > limit:
            return data[:limit] if prefix else Refused(f"file larger than {limit} bytes")
        return data
    except OSError as exc:
        return Refused(exc.strerror or str(exc))
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"
