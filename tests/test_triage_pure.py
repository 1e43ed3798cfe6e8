"""triage/ and the diagnosis renderers are pure: no file, socket or process access."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PKG = ROOT / "src" / "spacemedic"
PURE = sorted([*(PKG / "triage").glob("*.py"), *(PKG / "render").glob("diagnosis_*.py")])
FORBIDDEN_MODULES = {"socket", "subprocess", "httpx", "huggingface_hub", "requests", "urllib", "shutil", "os", "pathlib"}
FORBIDDEN_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes"}


@pytest.mark.parametrize("path", PURE, ids=[p.name for p in PURE])
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        else:
            names = set()
        assert not names & FORBIDDEN_MODULES, (path.name, names)
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
            assert name not in FORBIDDEN_CALLS, (path.name, name)
