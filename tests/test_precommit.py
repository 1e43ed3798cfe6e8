"""The pre-commit hook: its manifest is valid, and `pre-commit try-repo` really runs it."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, write_tree

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HAS_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None


def test_manifest_structure() -> None:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    (hook,) = hooks
    assert hook["id"] == "spacemedic-lint"
    assert hook["language"] == "python"
    assert hook["entry"] == "spacemedic lint"
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    # the entry's program is the console script this package installs
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'spacemedic = "spacemedic.cli:run"' in pyproject


@pytest.mark.skipif(not HAS_PRE_COMMIT, reason="pre-commit is not installed")
def test_manifest_passes_pre_commits_own_schema() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(MANIFEST))
    assert hook["id"] == "spacemedic-lint" and hook["types"] == ["file"]


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


@pytest.mark.skipif(not HAS_PRE_COMMIT, reason="pre-commit is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="spacemedic is not a git checkout here")
def test_try_repo_blocks_a_broken_space(tmp_path: Path) -> None:
    """pre-commit installs spacemedic from this checkout into its own env and runs the hook."""
    space = write_tree(
        tmp_path / "space", {"README.md": "# my space, no front matter\n", "app.py": "print(1)\n"}
    )
    _git(space, "init", "-q")
    _git(space, "add", "-A")
    _git(space, "commit", "-qm", "init", "--no-gpg-sign")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "spacemedic-lint", "--all-files"],
        cwd=space,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    out = proc.stdout + proc.stderr
    if proc.returncode not in (0, 1) and re.search(r"(?i)could not find a version|connection|network is unreachable", out):
        pytest.skip("pre-commit could not install the hook's environment (no package index)")
    assert proc.returncode == 1, out
    assert "spacemedic lint" in out and "Failed" in out and "SM001" in out
