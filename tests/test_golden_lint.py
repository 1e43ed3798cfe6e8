"""Golden files (snapshots) for `spacemedic lint` on every examples/ Space in every format.

The outputs are compared byte for byte. After an intended change (a new rule, a reworded
message), regenerate them on purpose and review the diff:

    SPACEMEDIC_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_lint.py

Each Space is linted the way a user would from the repository root (`spacemedic lint
examples/<name>`), so paths in the outputs are relative and the same on every machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.rules.registry import ALL_RULES
from tests.conftest import EXAMPLES, ROOT

GOLDEN = Path(__file__).parent / "golden" / "lint"
FORMATS = ("human", "concise", "github", "json", "sarif", "markdown")
UPDATE = os.environ.get("SPACEMEDIC_UPDATE_GOLDEN") == "1"
SPACES = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "bundles")  # bundles: saved Hub evidence, not a Space
# Examples that must get no error and no warning (a healthy corpus in miniature).
HEALTHY = [
    s
    for s in SPACES
    if s.endswith("-healthy") or s in ("docker-streamlit", "docker-env-port", "docker-start-script")
]

# Categories each broken example must raise an ERROR in, once a rule of that category exists.
BROKEN_ERRORS: dict[str, tuple[str, ...]] = {
    "gradio-broken": ("front-matter",),
    "static-broken": ("front-matter",),
    "docker-fastapi-broken": ("bind", "port", "apt", "dockerfile"),
    "docker-fastapi-loopback": ("bind",),
    "docker-streamlit-no-app-port": ("port",),
    "docker-apt-obsolete": ("apt",),
}


def _lint(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    code = main(["lint", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("space", SPACES)
def test_golden(
    space: str, fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _lint(
        monkeypatch, capsys, f"examples/{space}", "--format", fmt, "--no-color", "--fail-on", "never"
    )
    assert code == 0
    golden = GOLDEN / f"{space}.{fmt}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert golden.is_file(), (
        f"no golden file {golden.name}: run SPACEMEDIC_UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    )
    assert out == golden.read_text(encoding="utf-8"), (
        f"{space} --format {fmt} differs from {golden.relative_to(ROOT)}; if the change is intended, "
        f"regenerate with SPACEMEDIC_UPDATE_GOLDEN=1 pytest {Path(__file__).relative_to(ROOT)}"
    )


def test_no_stale_golden_files() -> None:
    expected = {f"{s}.{fmt}" for s in SPACES for fmt in FORMATS}
    stale = sorted(p.name for p in GOLDEN.glob("*") if p.name not in expected)
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        stale = []
    assert not stale, f"golden files for no example/format: {stale}"


def test_outputs_hold_no_absolute_path(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in FORMATS:
        _, out = _lint(monkeypatch, capsys, "examples/docker-fastapi-broken", "--format", fmt, "--no-color")
        assert str(ROOT) not in out, fmt


def test_every_example_says_what_to_expect() -> None:
    """Each example has front matter and says what spacemedic should find: in EXPECTED.md, or
    in the README body under the front matter."""
    assert {"gradio-healthy", "gradio-broken", "docker-fastapi-broken", "static-broken"} <= set(SPACES)
    for space in SPACES:
        readme = (EXAMPLES / space / "README.md").read_text(encoding="utf-8")
        assert readme.startswith("---\n"), space
        body = readme.split("\n---\n", 1)[-1].strip()
        assert (EXAMPLES / space / "EXPECTED.md").is_file() or body, space


@pytest.mark.parametrize("space", HEALTHY)
def test_healthy_examples_get_no_error_or_warning(
    space: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _lint(monkeypatch, capsys, f"examples/{space}", "--fail-on", "warning", "--no-color")
    assert code == 0, out


@pytest.mark.parametrize("space", sorted(BROKEN_ERRORS))
def test_broken_examples_get_their_errors(space: str) -> None:
    from spacemedic.engine import lint_path

    report = lint_path(EXAMPLES / space)
    registered = {r.category.value for r in ALL_RULES if r.code not in ("SM001", "SM900", "SM901")}
    wanted = [c for c in BROKEN_ERRORS[space] if c in registered]
    if not wanted:
        pytest.skip(f"no rule for {BROKEN_ERRORS[space]} registered yet")
    errors = {f.category.value for f in report.findings if f.severity.value == "error"}
    missing = [c for c in wanted if c not in errors]
    assert not missing, (
        f"{space}: no error in {missing}; findings: {[(f.code, f.message) for f in report.findings]}"
    )
