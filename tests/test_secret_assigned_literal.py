"""SM201 never prints the credential it found, in any output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacemedic.cli import main
from tests.conftest import write_tree

VALUE = "q7Vd2mLx9PzR4tWb8NcK"


@pytest.mark.parametrize("fmt", ["human", "json", "sarif", "markdown"])
def test_value_is_never_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    root = write_tree(tmp_path / "s", {
        "README.md": "---\nsdk: gradio\nsdk_version: 5.49.1\n---\n",
        "app.py": f"import os\nGROQ_API_KEY = '{VALUE}'\n",
    })
    main(["lint", str(root), "--format", fmt])
    out = capsys.readouterr()
    assert "SM201" in out.out
    assert VALUE not in out.out + out.err
