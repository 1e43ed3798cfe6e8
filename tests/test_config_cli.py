"""Configuration, inline suppressions and exit codes, through the CLI (`main([...])`).

A test-only rule (`MarkerRule`) fires on every line containing `SPACEMEDIC-TEST-MARK` in the
files suppressions are read from, so these tests pin the engine's behaviour whatever the real
rules (written elsewhere) report. It is added to the registry for the test only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from spacemedic.cli import main
from spacemedic.models import Category, Finding, Severity
from spacemedic.rules.base import Rule
from spacemedic.space.context import SpaceContext
from tests.conftest import write_tree

MARK = "SPACEMEDIC-TEST-MARK"
HEALTHY_README = "---\ntitle: t\nsdk: docker\n---\n# t\n"


class MarkerRule(Rule):
    """Test-only rule.

    What it does
    Fires on each line holding the test marker.

    Why is this bad?
    It is not; it exists so engine tests do not depend on real rules.

    Example
    RUN echo SPACEMEDIC-TEST-MARK

    Fix
    Remove the marker.
    """

    code = "SM699"
    name = "test-marker"
    category = Category.POLICY
    severity = Severity.WARNING

    def check(self, ctx: SpaceContext) -> Iterator[Finding]:
        for f in ctx.repo.files:
            text = ctx.repo.text(f.path) if f.size < 100_000 else None
            for number, line in enumerate((text or "").splitlines(), start=1):
                if MARK in line:
                    if "INTERRUPT" in line:
                        raise KeyboardInterrupt
                    yield self.finding("marker found", path=f.path, line=number, evidence=(line.strip(),), fix="remove it")


@pytest.fixture(autouse=True)
def _with_marker_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacemedic.rules.registry as registry

    from spacemedic.rules import meta
    from spacemedic.rules.front_matter.missing_block import MissingFrontMatter

    # Only the marker, SM001 and the suppression rules: the engine's behaviour, not the rules'.
    rules = (MissingFrontMatter, MarkerRule, *meta.RULES)
    monkeypatch.setattr(registry, "catalogue", lambda: tuple(registry.RuleRef.of(r) for r in rules))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(["lint", *args, "--format", "json"])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else {})


def _codes(doc: dict) -> list[tuple[str, str | None, int | None, str]]:  # type: ignore[type-arg]
    return [(f["code"], f["path"], f["line"], f["severity"]) for f in doc["findings"]]


def _space(tmp_path: Path, **files: str) -> Path:
    return write_tree(tmp_path / "space", {"README.md": HEALTHY_README, **files})


# ------------------------------------------------------------------ configuration files


def test_marker_fires_and_warning_does_not_fail_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"app.py": f"x = 1  # {MARK}\n"})
    code, doc = _run(capsys, str(root))
    assert _codes(doc) == [("SM699", "app.py", 1, "warning")]
    assert code == 0
    assert main(["lint", str(root), "--fail-on", "warning"]) == 1


@pytest.mark.parametrize("config_file", ["pyproject.toml", ".spacemedic.toml"])
@pytest.mark.parametrize("selector", ["SM699", "SM6", "policy", "test-marker"])
def test_ignore_by_code_prefix_category_or_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config_file: str, selector: str
) -> None:
    body = f'ignore = ["{selector}"]\n'
    text = f"[tool.spacemedic]\n{body}" if config_file == "pyproject.toml" else body
    root = _space(tmp_path, **{"app.py": f"# {MARK}\n", config_file: text})
    code, doc = _run(capsys, str(root), "--fail-on", "warning")
    assert _codes(doc) == [] and code == 0


def test_select_keeps_only_what_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path / "s", {"app.py": f"# {MARK}\n", ".spacemedic.toml": 'select = ["front-matter"]\n'})
    _, doc = _run(capsys, str(root))
    assert {c for c, *_ in _codes(doc)} == {"SM001"}
    _, doc = _run(capsys, str(root), "--select", "SM699")  # the command line wins over the file
    assert {c for c, *_ in _codes(doc)} == {"SM699"}


def test_severity_override_and_fail_on_from_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pyproject = '[project]\nname = "x"\n\n[tool.spacemedic]\nfail-on = "info"\n[tool.spacemedic.severity]\nSM699 = "info"\n'
    root = _space(tmp_path, **{"app.py": f"# {MARK}\n", "pyproject.toml": pyproject})
    code, doc = _run(capsys, str(root))
    assert _codes(doc) == [("SM699", "app.py", 1, "info")]
    assert code == 1, "fail-on = info in the config makes an info finding fail the run"
    code, _ = _run(capsys, str(root), "--fail-on", "error")
    assert code == 0, "--fail-on on the command line beats the config"


def test_spacemedic_toml_wins_over_pyproject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(
        tmp_path,
        **{
            "app.py": f"# {MARK}\n",
            "pyproject.toml": '[tool.spacemedic.severity]\nSM699 = "info"\n',
            ".spacemedic.toml": '[severity]\nSM699 = "error"\n',
        },
    )
    code, doc = _run(capsys, str(root))
    assert _codes(doc) == [("SM699", "app.py", 1, "error")] and code == 1


def test_explicit_config_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"app.py": f"# {MARK}\n"})
    cfg = write_tree(tmp_path / "cfg", {"strict.toml": 'fail-on = "warning"\n'}) / "strict.toml"
    code, _ = _run(capsys, str(root), "--config", str(cfg))
    assert code == 1


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('fail-on = "sometimes"\n', "fail-on"),
        ('[severity]\nSM699 = "fatal"\n', "severity"),
        ("select = 3\n", "select"),
        ("ignore = [\n", "cannot read"),
    ],
)
def test_invalid_config_is_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    root = _space(tmp_path, **{".spacemedic.toml": text})
    capsys.readouterr()
    assert main(["lint", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_missing_explicit_config_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path)
    assert main(["lint", str(root), "--config", str(tmp_path / "nope.toml")]) == 2
    assert "config file not found" in capsys.readouterr().err


# ------------------------------------------------------------------ inline suppressions


SUPPRESSED = {
    "Dockerfile": f"FROM python:3.11\n# spacemedic: ignore[SM699] the marker is part of the demo\nRUN echo {MARK}\n",
    "start.sh": f"#!/bin/sh\necho {MARK}  # spacemedic: ignore[SM699] printed on purpose\n",
    "requirements.txt": f"gradio  # {MARK}  # spacemedic: ignore[SM699] pinned by the platform\n",
    "app.py": f"# spacemedic: ignore[SM699, SM001] kept for the test\n\nprint('{MARK}')\n",
}


@pytest.mark.parametrize("path", sorted(SUPPRESSED))
def test_suppression_with_reason_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str) -> None:
    root = _space(tmp_path, **{path: SUPPRESSED[path]})
    code, doc = _run(capsys, str(root), "--fail-on", "info")
    assert _codes(doc) == [] and code == 0


def test_suppression_without_reason_is_reported_and_not_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _space(tmp_path, **{"Dockerfile": f"FROM python:3.11\nRUN echo {MARK}  # spacemedic: ignore[SM699]\n"})
    _, doc = _run(capsys, str(root))
    assert sorted(_codes(doc)) == [("SM699", "Dockerfile", 2, "warning"), ("SM901", "Dockerfile", 2, "warning")]


def test_unused_suppression_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"start.sh": "#!/bin/sh\n# spacemedic: ignore[SM699] no longer needed\nexec python app.py\n"})
    _, doc = _run(capsys, str(root))
    ((code, path, line, severity),) = _codes(doc)
    assert (code, path, line, severity) == ("SM900", "start.sh", 2, "warning")
    assert "no longer needed" in doc["findings"][0]["evidence"][0]


def test_suppression_only_covers_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = f"# spacemedic: ignore[SM699] first one only\nA = '{MARK}'\nB = '{MARK}'\n"
    root = _space(tmp_path, **{"app.py": text})
    _, doc = _run(capsys, str(root))
    assert _codes(doc) == [("SM699", "app.py", 3, "warning")]


def test_unused_suppression_can_itself_be_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"app.py": "x = 1  # spacemedic: ignore[SM699] stale\n", ".spacemedic.toml": 'ignore = ["SM900"]\n'})
    _, doc = _run(capsys, str(root))
    assert _codes(doc) == []


# ------------------------------------------------------------------ exit codes


def test_exit_codes_0_1_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    healthy = _space(tmp_path)
    broken = write_tree(tmp_path / "broken", {"README.md": "no front matter\n"})
    assert main(["lint", str(healthy)]) == 0
    assert main(["lint", str(broken)]) == 1
    assert main(["lint", str(broken), "--fail-on", "never"]) == 0
    assert main(["lint", str(tmp_path / "absent")]) == 2
    assert main(["lint", str(healthy / "README.md")]) == 2, "a file, not a Space folder"
    assert main(["lint", str(healthy), "--format", "yaml"]) == 2
    capsys.readouterr()


def test_keyboard_interrupt_is_exit_130(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _space(tmp_path, **{"app.py": f"# {MARK} INTERRUPT\n"})
    assert main(["lint", str(root)]) == 130
    assert capsys.readouterr().err.strip() == "spacemedic: error: interrupted"


def test_config_and_exit_code_in_a_real_process(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "s", {"README.md": "no front matter\n"})
    cmd = [sys.executable, "-m", "spacemedic", "lint", str(root)]
    first = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert first.returncode == 1 and "SM001" in first.stdout
    (root / ".spacemedic.toml").write_text('[severity]\nSM001 = "warning"\n', encoding="utf-8")
    second = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert second.returncode == 0 and "warning" in second.stdout
    third = subprocess.run([*cmd, "--fail-on", "warning", "--format", "sarif"], capture_output=True, text=True, check=False)
    assert third.returncode == 1 and json.loads(third.stdout)["runs"][0]["results"][0]["level"] == "warning"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the walk start")
def test_sigint_to_a_real_lint_process_is_exit_130(tmp_path: Path) -> None:
    """SIGINT while `spacemedic lint` walks a tree: exit 130 and one line, no traceback.

    The signal is sent once the process holds a directory of the tree open (seen in /proc),
    so it lands inside the lint run, not during interpreter start-up."""
    tree = tmp_path / "big"
    for d in range(50):
        sub = tree / f"d{d:03}"
        sub.mkdir(parents=True)
        for i in range(100):
            os.close(os.open(sub / f"f{i}.txt", os.O_CREAT | os.O_WRONLY, 0o644))
    (tree / "README.md").write_text(HEALTHY_README, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "spacemedic", "lint", str(tree)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    fd_dir = Path(f"/proc/{proc.pid}/fd")
    seen = False
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline and not seen:
        try:
            seen = any(os.readlink(fd).startswith(str(tree)) for fd in fd_dir.iterdir())
        except OSError:
            pass
    if not seen:
        proc.kill()
        proc.communicate()
        pytest.skip("the walk finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "spacemedic: error: interrupted" and "Traceback" not in err
