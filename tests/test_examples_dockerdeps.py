"""The dependency/Dockerfile examples report exactly the findings their EXPECTED.md describes."""

from __future__ import annotations

import pytest

from spacemedic.engine import lint_path
from tests.conftest import EXAMPLES

CASES = {
    "docker-apt-obsolete": {("SM500", "error", "Dockerfile", 4)},
    "gradio-startup-download": {("SM600", "warning", "app.py", 5)},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_codes(name: str) -> None:
    report = lint_path(EXAMPLES / name)
    got = {(f.code, f.severity.value, f.path, f.line) for f in report.findings if f.severity.value != "info"}
    assert got == CASES[name], [(f.code, f.message) for f in report.findings]
    assert not report.unavailable, report.unavailable


def test_startup_download_fix_names_the_preload_entry() -> None:
    report = lint_path(EXAMPLES / "gradio-startup-download")
    (finding,) = [f for f in report.findings if f.code == "SM600"]
    assert "preload_from_hub:\n  - openai/whisper-small" in (finding.fix or "")
    assert "startup_duration_timeout" in (finding.fix or "")


def test_apt_obsolete_names_the_replacement_and_source() -> None:
    report = lint_path(EXAMPLES / "docker-apt-obsolete")
    (finding,) = [f for f in report.findings if f.code == "SM500"]
    assert "libgl1 libglx-mesa0" in (finding.fix or "")
    assert any("source:" in e for e in finding.evidence)
