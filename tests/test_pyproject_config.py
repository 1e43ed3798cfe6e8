"""A pyproject.toml that is not valid TOML: a finding about the Space (SM558, exit 1), unless it
is where spacemedic's own settings live (then a config error, exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spacemedic.cli import main
from tests.conftest import write_tree

README = "---\nsdk: docker\n---\n"
DOCKERFILE = "FROM python:3.11\nCOPY . .\nRUN pip install .\nCMD [\"python\", \"-m\", \"http.server\", \"7860\"]\n"


def test_broken_pyproject_is_a_finding_not_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path / "s", {"README.md": README, "Dockerfile": DOCKERFILE, "pyproject.toml": "[project\n"})
    code = main(["lint", str(root), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [f["severity"] for f in out["findings"] if f["code"] == "SM558"] == ["error"]


def test_broken_pyproject_holding_spacemedic_config_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(
        tmp_path / "s",
        {"README.md": README, "Dockerfile": DOCKERFILE, "pyproject.toml": "[tool.spacemedic]\nignore = [\"SM1\"\n"},
    )
    assert main(["lint", str(root)]) == 2
    assert "cannot read spacemedic config" in capsys.readouterr().err
