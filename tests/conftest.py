"""Shared fixtures. The autouse fixture keeps the developer's Hugging Face setup out of tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _clean_hf_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for key in list(os.environ):
        if key.startswith(("HF_", "HUGGINGFACE_")) or key in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(key, raising=False)
    home = tmp_path_factory.mktemp("hf-home")
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


def write_tree(root: Path, files: dict[str, str | bytes | int]) -> Path:
    """Write a small Space tree. A str/bytes value is content; an int makes a sparse file of that size."""
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, int):
            with open(p, "wb") as fh:
                fh.truncate(content)
        elif isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return root
