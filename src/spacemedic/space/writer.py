"""The one place spacemedic writes into a Space repository (only for `lint --fix`).

Every path is checked before it is read or written: relative, inside the root once every
symlink on the way is resolved, itself a regular file (never a symlink, FIFO or device),
small and not binary. A write goes to a temporary file in the same folder, keeps the
original's permission bits, and replaces the original with one `os.replace`, after checking
that the file still holds the bytes the fix was computed from.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from spacemedic.errors import InputError
from spacemedic.space.reader import Refused, read_repo_bytes
from spacemedic.space.repo import MAX_TEXT_BYTES


class FixRefused(InputError):
    """A file an automatic fix would edit cannot be written safely; the message says why."""


def _checked(root: Path, rel: str) -> tuple[Path, os.stat_result]:
    parts = rel.split("/")
    if rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise FixRefused(f"{rel}: not a plain path inside the repository")
    full = root / rel
    real_root = root.resolve()
    try:
        real_parent = full.parent.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise FixRefused(f"{rel}: its folder cannot be resolved ({exc})") from exc
    if real_parent != real_root and real_root not in real_parent.parents:
        raise FixRefused(f"{rel}: a folder on its path is a symlink out of the repository")
    try:
        st = os.lstat(full)
    except OSError as exc:
        raise FixRefused(f"{rel}: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(st.st_mode):
        raise FixRefused(f"{rel}: is a symlink; spacemedic does not write through symlinks")
    if not stat.S_ISREG(st.st_mode):
        raise FixRefused(f"{rel}: not a regular file")
    if st.st_size > MAX_TEXT_BYTES:
        raise FixRefused(f"{rel}: larger than {MAX_TEXT_BYTES} bytes; large files are never edited")
    return full, st


def read_source(root: Path, rel: str) -> bytes:
    """The current bytes of `rel`, after the checks above. Raises `FixRefused`."""
    _checked(root, rel)
    data = read_repo_bytes(root, rel, MAX_TEXT_BYTES)  # the one reading door (space/reader.py)
    if isinstance(data, Refused):
        raise FixRefused(f"{rel}: {data.reason}")
    if b"\x00" in data[:8192]:
        raise FixRefused(f"{rel}: binary file; never edited")
    return data


def write_atomic(root: Path, rel: str, data: bytes, expected_sha256: str) -> None:
    """Replace `rel` with `data` if it still hashes to `expected_sha256`. Raises `FixRefused`."""
    written, failed = write_all(root, ((rel, data, expected_sha256),))
    if failed:
        raise FixRefused(failed[0][1])


def _staged(root: Path, rel: str, data: bytes, expected_sha256: str) -> tuple[str, Path]:
    """Check `rel` once more and write `data` to a temporary file beside it (mode kept)."""
    current = read_source(root, rel)
    if hashlib.sha256(current).hexdigest() != expected_sha256:
        raise FixRefused(f"{rel}: changed since it was read; not fixed (run lint --fix again)")
    full, st = _checked(root, rel)
    fd, tmp = tempfile.mkstemp(prefix=f".{full.name}.", suffix=".spacemedic-tmp", dir=full.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
            os.fsync(fh.fileno())
    except OSError as exc:
        _unlink(tmp)
        raise FixRefused(f"{rel}: could not write: {exc.strerror or exc}") from exc
    return tmp, full


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def write_all(
    root: Path, changes: tuple[tuple[str, bytes, str], ...] | list[tuple[str, bytes, str]]
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Write every `(path, data, expected_sha256)` of one fix run, or none of them.

    Two phases: every file is checked again (unchanged since it was read, still a regular file
    inside the root) and its new bytes staged in a temporary file beside it; only when all are
    staged is each renamed over its original. A refusal in the first phase writes nothing. A
    rename can still fail after others succeeded (a folder made read-only meanwhile): then the
    files written and those not are both reported. Returns (written, [(path, reason)])."""
    staged: list[tuple[str, str, Path]] = []
    failed: list[tuple[str, str]] = []
    for rel, data, expected in changes:
        try:
            tmp, full = _staged(root, rel, data, expected)
        except FixRefused as exc:
            failed.append((rel, str(exc)))
            continue
        staged.append((rel, tmp, full))
    if failed:
        for _, tmp, _ in staged:
            _unlink(tmp)
        held = [(rel, f"{rel}: not written, because another file of this fix run could not be ({failed[0][0]}); "
                 "no file was changed") for rel, _, _ in staged]
        return (), tuple(failed + held)
    written: list[str] = []
    for i, (rel, tmp, full) in enumerate(staged):
        try:
            os.replace(tmp, full)
        except OSError as exc:
            for _, later, _ in staged[i:]:
                _unlink(later)
            done = ", ".join(written) or "none"
            failed.append((rel, f"{rel}: could not write: {exc.strerror or exc} (already written: {done})"))
            failed.extend((r, f"{r}: not written after the failure on {rel}") for r, _, _ in staged[i + 1 :])
            break
        written.append(rel)
    return tuple(written), tuple(failed)
