"""One voice across commands: help on a bare call, ecosystem output formats, plurals, order,
indentation kept, the public API visible."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from spacemedic.cli import main
from tests.conftest import ROOT


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_bare_spacemedic_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys)
    assert code == 0 and err == ""
    assert out.startswith("Usage: spacemedic") and "Commands:" in out and out.count("\n") > 10


def test_version_fast_path_does_not_import_click_or_commands() -> None:
    probe = "import sys; from spacemedic.cli import main; main(['--version']); print(sorted(m for m in sys.modules if m in ('click', 'rich', 'spacemedic.cli.lint_cmd')))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["spacemedic 0.1.0", "[]"]


def test_concise_format_is_one_clickable_line_per_finding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = _run(capsys, "lint", "examples/docker-fastapi-broken", "--format", "concise")
    assert code == 1
    *findings, summary = out.splitlines()
    assert findings and all(re.match(r"examples/docker-fastapi-broken/\S+:\d+:\d+: SM\d{3} \[(error|warning|info)\] ", f) for f in findings)
    assert "examples/docker-fastapi-broken/Dockerfile:17:1: SM300 [error] " in out
    assert summary == "4 errors, 3 warnings, 1 info in 5 files"


def test_github_format_is_workflow_annotations(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = _run(capsys, "lint", "examples/docker-fastapi-broken", "--format", "github")
    lines = out.splitlines()
    assert all(re.match(r"::(error|warning|notice) file=[^,]+,line=\d+,title=SM\d{3} \([a-z0-9-]+\)::", line) for line in lines)
    assert any(line.startswith("::error file=examples/docker-fastapi-broken/Dockerfile,line=17,title=SM300") for line in lines)
    assert "%0Afix: " in out and "\n\n" not in out


def test_quiet_prints_only_findings_and_nothing_when_clean(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert _run(capsys, "lint", "-q", "examples/gradio-healthy") == (0, "", "")
    code, out, _ = _run(capsys, "lint", "--quiet", "examples/docker-fastapi-broken")
    assert code == 1 and len(out.splitlines()) == 8 and "errors" not in out


def test_counts_are_written_in_words(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = _run(capsys, "lint", "examples/docker-apt-obsolete")
    assert out.splitlines()[-1].startswith("spacemedic: 1 error, 0 warnings, 0 info in ")
    assert "(s)" not in out


def test_rules_in_code_order_with_columns_that_fit(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "rules")
    rows = out.splitlines()
    codes = [row.split()[0] for row in rows]
    assert codes == sorted(codes)
    assert all(re.match(r"SM\d{3}  \S+ +\S+ {2,}(error|warning|info) +\S", row) for row in rows), rows
    suppression = [row for row in rows if row.startswith(("SM900", "SM901"))]
    assert len(suppression) == 2 and all(row.split()[2] == "suppression" for row in suppression)


def test_multi_line_fix_keeps_its_indentation(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = _run(capsys, "lint", "examples/gradio-startup-download", "--no-color")
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "fix: Add to README.md front matter:" in line)
    column = lines[at].index("Add")
    assert lines[at + 1] == " " * column + "preload_from_hub:"
    assert lines[at + 2].startswith(" " * column + "  - ")


def test_dir_shows_the_public_api() -> None:
    import spacemedic

    public = [name for name in dir(spacemedic) if not name.startswith("_")]
    assert {"lint", "diagnose", "collect", "Report", "Finding", "Severity"} <= set(public)
    assert set(public) == set(spacemedic.__all__) - {"__version__"}
