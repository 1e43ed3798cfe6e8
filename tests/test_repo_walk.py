"""The file walk behind `spacemedic lint`: what it lists, and what it never opens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from spacemedic.space.repo import FileEntry, SpaceRepo
from tests.conftest import write_tree

_segment = st.text(alphabet=st.sampled_from("abcXYZ._-1"), min_size=1, max_size=8).filter(
    lambda s: s not in (".", "..")
)


@given(st.lists(_segment, min_size=1, max_size=4))
def test_name_and_suffix_agree_with_pathlib(parts: list[str]) -> None:
    path = "/".join(parts)
    entry, pure = FileEntry(path, 0), PurePosixPath(path)
    assert (entry.name, entry.suffix) == (pure.name, pure.suffix.lower())


def test_walk_lists_relative_posix_paths_and_skips_git(tmp_path: Path) -> None:
    write_tree(tmp_path, {"README.md": "x", "a/b/c.py": "y", ".git/HEAD": "ref", "big.bin": 5_000_000_000})
    repo = SpaceRepo.open(tmp_path)
    assert [(f.path, f.size) for f in repo.files] == [
        ("README.md", 1),
        ("a/b/c.py", 1),
        ("big.bin", 5_000_000_000),
    ]


def test_a_fifo_in_the_tree_does_not_hang_lint(tmp_path: Path) -> None:
    # A named pipe as README.md would block any read forever; it is not repository content.
    root = write_tree(tmp_path / "space", {"app.py": "print(1)\n"})
    os.mkfifo(root / "README.md")
    proc = subprocess.run(
        [sys.executable, "-m", "spacemedic", "lint", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1 and '"SM001"' in proc.stdout
