"""Data-driven pass/fail cases for every lint rule: tests/rule_cases/<CODE>.yaml.

    rule: SM001
    cases:
      - name: no README
        expect: fail            # fail: the rule fires; pass: it does not
        severity: error         # optional: the severity every firing must have
        line: 1                 # optional: a line one firing must point at
        path: README.md         # optional: a path one firing must point at
        trap: true              # optional: looks wrong but is fine (must be expect: pass)
        git: true               # optional: make the tree a git repository (all files committed)
        symlinks:               # optional: link -> target as written (made before git)
          Dockerfile: /etc/hostname
        files:
          README.md: "# hi"
          big.bin: 20000000     # an int is a sparse file of that many bytes
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from spacemedic.engine import lint_path
from spacemedic.rules.registry import ALL_RULES
from tests.conftest import write_tree

CASE_DIR = Path(__file__).parent / "rule_cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for f in sorted(CASE_DIR.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append((doc["rule"], case))
    return out


CASES = _load()


def _git(root: Path) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    import os

    env = {**os.environ, **env}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "case", "--no-gpg-sign"], check=True, env=env)


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{k['name']}" for c, k in CASES])
def test_rule_case(tmp_path: Path, code: str, case: dict[str, Any]) -> None:
    root = write_tree(tmp_path / "space", case.get("files") or {})
    root.mkdir(exist_ok=True)
    for link, target in (case.get("symlinks") or {}).items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)
    if case.get("git"):
        _git(root)
    report = lint_path(root)
    fired = [f for f in report.findings if f.code == code]
    if case["expect"] == "fail":
        assert fired, f"{code} did not fire; findings: {[(f.code, f.message) for f in report.findings]}"
        if "severity" in case:
            assert {f.severity.value for f in fired} == {case["severity"]}, [f.message for f in fired]
        if "line" in case:
            assert case["line"] in [f.line for f in fired], [(f.line, f.message) for f in fired]
        if "path" in case:
            assert case["path"] in [f.path for f in fired]
        for f in fired:
            assert f.message and f.fix, f"{code}: every finding carries a message and a fix"
    else:
        assert case["expect"] == "pass"
        assert not fired, f"{code} fired on a passing case: {[f.message for f in fired]}"
    if case.get("trap"):
        assert case["expect"] == "pass"
        errors = [f for f in report.findings if f.severity.value == "error"]
        assert not errors, f"a trap must yield no error at all: {[(f.code, f.message) for f in errors]}"


ENGINE_EMITTED = {"SM900", "SM901"}


def test_every_rule_has_pass_and_fail_cases() -> None:
    have: dict[str, set[str]] = {}
    for code, case in CASES:
        have.setdefault(code, set()).add(case["expect"])
    missing = [r.code for r in ALL_RULES if have.get(r.code, set()) != {"pass", "fail"}]
    assert not missing, f"rules without both pass and fail cases in tests/rule_cases: {missing}"
