"""A read-only snapshot of a Space repository on disk.

Lists files once (through `git ls-files` in a checkout, by walking otherwise), reads sizes
with `stat`, and reads text lazily, bounded, and only for files small enough to be source.
Nothing here ever reads the content of a large file. Every read goes through
`spacemedic.space.reader`: links that leave the repository, FIFOs, devices and files over
their budget are refused (the reason is kept in `read_errors`), never opened or read in part.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacemedic.errors import InputError
from spacemedic.space.reader import Refused, budget_for, read_repo_bytes, resolves_outside

SAFE_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "safe.directory=*")
"""git with no repository-configured command that could run while we only read (the linted
repository is untrusted: its .git/config may name an fsmonitor program)."""

MAX_TEXT_BYTES = 1_000_000
"""Files larger than this are never read as text (the default budget of `reader`)."""

SKIP_DIRS = frozenset({".git", ".hg", ".svn"})


@dataclass(frozen=True)
class FileEntry:
    """One file of the repository: its path relative to the root (POSIX) and its size."""

    path: str
    size: int
    is_symlink: bool = False

    # String operations, not PurePosixPath: these run for every file of 100,000-file trees.
    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        name = self.name
        dot = name.rfind(".")
        return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


class SpaceRepo:
    """A Space repository rooted at `root`. Create with `SpaceRepo.open(path)`."""

    def __init__(self, root: Path, files: tuple[FileEntry, ...], is_git: bool) -> None:
        self.root = root
        self.files = files
        self.is_git = is_git
        self._by_path = {f.path: f for f in files}
        self._text_cache: dict[str, str | None] = {}
        self.read_errors: dict[str, str] = {}

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> SpaceRepo:
        root = Path(path)
        if not root.exists():
            raise InputError(f"no such directory: {root}")
        if not root.is_dir():
            raise InputError(f"not a directory: {root} (spacemedic lint takes the folder of a Space repository)")
        try:
            os.listdir(root)
        except OSError as exc:
            raise InputError(f"cannot read {root}: {exc.strerror}") from exc
        git_files = _git_ls_files(root)
        if git_files is not None:
            return cls(root, _stat_all(root, git_files), is_git=True)
        return cls(root, tuple(_walk(root)), is_git=False)

    # ------------------------------------------------------------------ listing

    def has(self, path: str) -> bool:
        return path in self._by_path

    def get(self, path: str) -> FileEntry | None:
        return self._by_path.get(path)

    def find(self, name: str) -> str | None:
        """The path of `name` at the root, matched case-sensitively, else None."""
        return name if name in self._by_path else None

    @cached_property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def under(self, folder: str) -> list[FileEntry]:
        prefix = folder.rstrip("/") + "/"
        return [f for f in self.files if f.path.startswith(prefix)]

    # ------------------------------------------------------------------ reading

    def text(self, path: str, limit: int | None = None) -> str | None:
        """The decoded text of a small file, or None if absent, refused, too large, or binary.

        `limit` defaults to the file's budget (`reader.budget_for`). Undecodable bytes are
        replaced, never raised. The reason a file could not be read is kept in `read_errors`.
        """
        if path in self._text_cache:
            return self._text_cache[path]
        entry = self._by_path.get(path)
        budget = budget_for(path) if limit is None else limit
        result: str | None = None
        if entry is None:
            pass
        elif entry.size > budget and not entry.is_symlink:
            self.read_errors[path] = f"file larger than {budget} bytes"
        else:
            data = read_repo_bytes(self.root, path, budget)
            if isinstance(data, Refused):
                self.read_errors[path] = data.reason
            elif b"\x00" in data[:8192]:
                self.read_errors[path] = "binary file"
            else:
                result = data.decode("utf-8", errors="replace").lstrip("\ufeff")
        self._text_cache[path] = result
        return result

    def read_paths(self) -> list[str]:
        """The files read as text so far."""
        return [p for p, t in self._text_cache.items() if t is not None]

    def head(self, path: str, size: int = 1024) -> bytes:
        """The first `size` bytes of a file (e.g. to recognise an LFS pointer); b"" when the
        file is absent or refused by the reader."""
        if path not in self._by_path:
            return b""
        data = read_repo_bytes(self.root, path, size, prefix=True)
        return data if isinstance(data, bytes) else b""

    @cached_property
    def outside_links(self) -> tuple[tuple[str, str], ...]:
        """(link path, target as written) for every symlink that resolves outside the root.

        Only link names are resolved; no target is ever opened.
        """
        out = []
        for f in self.files:
            if f.is_symlink and resolves_outside(self.root, f.path):
                try:
                    target = os.readlink(self.root / f.path)
                except OSError:
                    target = "?"
                out.append((f.path, target))
        return tuple(out)


def _git_ls_files(root: Path) -> list[str] | None:
    """Tracked + untracked-not-ignored files if `root` is the top of a git work tree."""
    if not (root / ".git").exists():
        return None
    try:
        proc = subprocess.run(
            [*SAFE_GIT, "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    names = [n for n in proc.stdout.decode("utf-8", errors="replace").split("\0") if n]
    return sorted(set(names))


def _stat_all(root: Path, names: list[str]) -> tuple[FileEntry, ...]:
    out = []
    for name in names:
        full = root / name
        try:
            st = full.lstat()
        except OSError:
            continue  # deleted in the work tree but still in the index
        if os.path.isdir(full) and not os.path.islink(full):
            continue  # a submodule
        out.append(FileEntry(name, st.st_size, is_symlink=os.path.islink(full)))
    return tuple(out)


def _walk(root: Path) -> list[FileEntry]:
    # Relative paths are built by concatenation: os.path.relpath per file dominated the time
    # on a 100,000-file tree.
    out: list[FileEntry] = []
    stack: list[tuple[str, str]] = [(os.fspath(root), "")]
    while stack:
        current, prefix = stack.pop()
        try:
            it = os.scandir(current)
        except OSError:
            continue
        with it:
            for entry in it:
                rel = prefix + entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in SKIP_DIRS:
                            stack.append((entry.path, rel + "/"))
                        continue
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                link = stat.S_ISLNK(st.st_mode)
                if not (link or stat.S_ISREG(st.st_mode)):
                    continue  # FIFOs, sockets, devices are not repository content, and reading one blocks
                out.append(FileEntry(rel, st.st_size, is_symlink=link))
    out.sort(key=lambda f: f.path)
    return out
