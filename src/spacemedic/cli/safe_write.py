"""Writing an output file without losing evidence: `-o`, `--bundle`, `--html`.

- an existing file is never replaced unless the user said `--force` (a bundle or report written
  earlier is evidence too), and never when it is the input being read (`--from`);
- a read-only file is not replaced even with `--force` (rename would ignore its permissions);
- the bytes go to a temporary file beside the target, which is renamed into place only when
  complete: a full disk, a missing folder or a crash leaves no partial file;
- a device or FIFO (`/dev/null`, `/dev/stdout`, `/dev/full`) is written in place: it holds no
  evidence and cannot be renamed over.

Every failure is an `OutputError`: one line, exit code 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from spacemedic.errors import OutputError


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_target(path: Path, *, force: bool = False, inputs: Iterable[Path | None] = ()) -> None:
    """Refuse, before any work is done, a target that would overwrite evidence."""
    for source in inputs:
        if source is not None and _same_file(path, source):
            raise OutputError(f"refusing to write {path}: it is the input being read ({source})")
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_why(exc)}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {path}: it is a directory")
    if not stat.S_ISREG(st.st_mode):
        return
    if not force:
        raise OutputError(f"{path} already exists; pass --force to replace it")
    if not os.access(path, os.W_OK) or not st.st_mode & 0o222:  # marked read-only, even for root
        raise OutputError(f"cannot write {path}: the file is read-only")


def write_bytes(path: Path, data: bytes, *, force: bool = False, inputs: Iterable[Path | None] = ()) -> None:
    """Write `data` to `path` atomically, under the rules of the module docstring."""
    path = Path(path)
    check_target(path, force=force, inputs=inputs)
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(path.stat().st_mode):
            _write_in_place(path, data)
            return
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_why(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        _place(Path(tmp), path, force=force)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {_why(exc)}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _place(tmp: Path, path: Path, *, force: bool) -> None:
    """Rename `tmp` to `path`; without `force`, only if nothing appeared there meanwhile."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if `path` exists: no window in which a file is replaced
    except FileExistsError as exc:
        raise OutputError(f"{path} already exists; pass --force to replace it") from exc
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():
            raise OutputError(f"{path} already exists; pass --force to replace it") from exc
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _write_in_place(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_why(exc)}") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def keep_elsewhere(data: bytes, *, prefix: str = "spacemedic-", suffix: str = ".json") -> Path | None:
    """Save `data` in a private temporary file (mode 0600) and return its path; None if even that fails."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return Path(tmp)
    except OSError:
        return None
