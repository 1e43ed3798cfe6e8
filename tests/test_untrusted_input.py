"""The linted repository is untrusted: its .git/config runs nothing, its odd files raise nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from spacemedic.engine import lint_path
from tests.conftest import write_tree


def test_fsmonitor_in_repo_config_is_not_run(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "space", {"README.md": "---\nsdk: static\n---\n", "index.html": "<p>hi</p>\n"})
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    marker = tmp_path / "pwned"
    subprocess.run(["git", "-C", str(repo), "config", "core.fsmonitor", f"touch {marker}; false"], check=True)
    report = lint_path(repo)
    assert not marker.exists(), "git ran the repository's fsmonitor command"
    assert report.files_scanned == 2


def test_binary_dockerfile_is_named_as_unreadable_not_missing(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "space", {"README.md": "---\nsdk: docker\n---\n", "Dockerfile": b"\x00\xff" * 500})
    report = lint_path(repo)
    assert any(u.source == "Dockerfile" and "binary" in u.reason for u in report.unavailable)
    messages = " ".join(f.message for f in report.findings)
    assert "no Dockerfile" not in messages and "could not be read" in messages
    assert not [f for f in report.findings if f.severity.value == "error"]
