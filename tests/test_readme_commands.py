"""Every command of the README runs on a fresh copy of the repository.

The copy holds exactly the files git tracks (as they are in the working tree), in a temporary
folder with nothing beside it: no `../shared`, no `.venv`, no caches. Each concrete command of a
```bash block then runs there through bash, as a reader would paste it.

Honest but offline: `python3` is the interpreter of this run, and PYTHONPATH lets the new `.venv`
see the current environment's installed dependencies; pip then runs with `PIP_NO_INDEX=1` (no
network: a dependency missing from pyproject.toml fails here) and without build isolation (`PIP_NO_BUILD_ISOLATION=0`, pip's inverted spelling; the
build uses the setuptools already installed). So `pip install -e .` really installs this copy,
and `spacemedic` on PATH is the copy's.

Not run, and listed: templates (OWNER/SPACE, NAME, [OPTIONS], files of yours such as
bundle.json), which need a live Hub or your own data; the test suite and golden regeneration
(this test is part of them); the benchmarks (minutes long, see bench/).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_TEMPLATE = re.compile(r"OWNER|\bNAME\b|\[|<|\bbundle\.json\b|\bcase\.json\b|\bURL\b|\bFILE\b")
_NOT_HERE = re.compile(r"-m pytest|bench/")


def readme_commands() -> list[str]:
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", README, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


RUNNABLE = [c for c in readme_commands() if not _TEMPLATE.search(c) and not _NOT_HERE.search(c)]


def test_the_readme_has_runnable_commands_and_only_templates_are_left_out() -> None:
    assert len(RUNNABLE) >= 8, RUNNABLE
    left_out = [c for c in readme_commands() if c not in RUNNABLE]
    assert all(_TEMPLATE.search(c) or _NOT_HERE.search(c) for c in left_out)
    assert any("diagnose --from" in c and "jsonl" in c for c in RUNNABLE)


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    copy = tmp_path_factory.mktemp("fresh") / "spacemedic"
    for rel in filter(None, tracked.decode().split("\0")):
        source = ROOT / rel
        if source.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / rel)
    # The README's install commands run here, once per copy, before any other command (with
    # pytest-xdist each worker has its own copy, and its own order of tests).
    home = copy.parent / "install-home"
    home.mkdir()
    for command in RUNNABLE:
        if "pip install" in command:
            _INSTALLED[command] = subprocess.run(["bash", "-c", command], cwd=copy, env=_env(copy, home),
                                                 capture_output=True, text=True, timeout=600)
    return copy


_INSTALLED: dict[str, subprocess.CompletedProcess[str]] = {}


def _env(copy: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_", "PIP_", "VIRTUAL_ENV"))}
    shim = home / "bin"  # `python3` in the README is the interpreter of this test run
    shim.mkdir(exist_ok=True)
    (shim / "python3").unlink(missing_ok=True)
    (shim / "python3").symlink_to(getattr(sys, "_base_executable", sys.executable))
    env.update({
        "PATH": f"{copy / '.venv' / 'bin'}{os.pathsep}{shim}{os.pathsep}{env.get('PATH', '')}",
        "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # the dependencies (and a setuptools new enough to build) come from the current environment;
        # its editable spacemedic does not: a PYTHONPATH folder's .pth files are not read
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "HF_HOME": str(home), "SPACEMEDIC_HOME": str(home), "NO_COLOR": "1",
    })
    return env


@pytest.mark.parametrize("command", RUNNABLE)
def test_readme_command_runs_on_a_fresh_copy(fresh_copy: Path, tmp_path: Path, command: str) -> None:
    proc = _INSTALLED.get(command) or subprocess.run(
        ["bash", "-c", command], cwd=fresh_copy, env=_env(fresh_copy, tmp_path), capture_output=True, text=True, timeout=600
    )
    assert proc.returncode in (0, 1), f"{command}\n{proc.stderr}"  # 1: lint found what the demo plants
    assert "Traceback" not in proc.stderr and "error:" not in proc.stderr, proc.stderr
    assert proc.stdout.strip(), command
    if "spacemedic" in command:
        which = subprocess.run(["bash", "-c", "command -v spacemedic"], cwd=fresh_copy,
                               env=_env(fresh_copy, tmp_path), capture_output=True, text=True)
        assert which.stdout.strip() == str(fresh_copy / ".venv" / "bin" / "spacemedic")


def test_pre_commit_rev_exists_and_ci_installs_from_the_repository() -> None:
    """Every pinned reference (pre-commit `rev`, the action's `uses`, a CI `pip install ...@`) names
    the release tag of this version in the one repository the README names; once the repository
    has tags, that tag exists (the release commit is tagged from `spacemedic.__version__`)."""
    from spacemedic import __version__

    tag = f"v{__version__}"
    docs = README + (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", README, re.MULTILINE)
    uses = re.findall(r"uses:\s*OWNER/([\w.-]+)@(\S+?)[`\s]", docs)
    steps = re.findall(r"-\s*run:\s*pip install (.+)", docs)
    repos = re.findall(r"^\s*-\s*repo:\s*https://github.com/OWNER/(\S+)", README, re.MULTILINE)
    assert revs and uses and steps and repos
    assert set(revs) == {tag} and {ref for _, ref in uses} == {tag}, (revs, uses)
    assert {name for name, _ in uses} == set(repos) == {"hf-spacemedic"}
    assert all(f"git+https://github.com/OWNER/hf-spacemedic@{tag}" in step for step in steps if "spacemedic" in step), steps
    tags = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    if any(t.startswith("v") for t in tags):
        assert tag in tags, (tag, tags)


def test_shipped_files_have_no_development_wording() -> None:
    shipped = [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml",
               *ROOT.glob("docs/*.md"), *ROOT.glob("examples/*/EXPECTED.md")]
    wording = re.compile(r"merged so far|\bTODO\b|\bFIXME\b|this session|last session|not yet implemented|"
                         r"\bhelpers? (?:branch|session)|\bcoordinator\b|no release tag yet", re.IGNORECASE)
    hits = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in shipped for m in wording.finditer(p.read_text(encoding="utf-8"))]
    assert hits == []
