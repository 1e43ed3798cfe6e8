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
        fixed:                  # optional (fail cases): the files after `lint --fix`, exactly;
          README.md: "..."      #   every other file unchanged; `fixed: {}`: no automatic fix
        unsafe_fixes: true      # optional: apply unsafe fixes too (`--unsafe-fixes`)
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

from spacemedic.api import lint_and_fix
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
    if "fixed" in case:
        assert case["expect"] == "fail"
        _check_fixed(root, code, case)
    if case.get("trap"):
        assert case["expect"] == "pass"
        errors = [f for f in report.findings if f.severity.value == "error"]
        assert not errors, f"a trap must yield no error at all: {[(f.code, f.message) for f in errors]}"


def _check_fixed(root: Path, code: str, case: dict[str, Any]) -> None:
    """`lint --fix` turns the tree into `fixed` exactly, the finding is gone, and a second
    `--fix` changes nothing."""
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    run = lint_and_fix(root, unsafe=bool(case.get("unsafe_fixes")))
    expected = {k: v.encode("utf-8") for k, v in (case["fixed"] or {}).items()}
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == {**before, **expected}, f"{code}: fixed files differ from the golden text"
    if expected:
        assert code in {f.code for f in run.fixed}
        assert not [f for f in run.report.findings if f.code == code], f"{code} still fires after --fix"
    again = lint_and_fix(root, unsafe=bool(case.get("unsafe_fixes")))
    assert again.changed == () and again.fixed == (), f"{code}: a second --fix changed {again.changed}"


def test_every_fixable_rule_has_golden_fixes() -> None:
    fixable = {r.code for r in ALL_RULES if r.fix_applicability is not None}
    with_golden = {code for code, case in CASES if case.get("fixed")}
    assert fixable <= with_golden, f"rules with an automatic fix but no `fixed:` case: {sorted(fixable - with_golden)}"


ENGINE_EMITTED = {"SM900", "SM901"}


def test_every_rule_has_pass_and_fail_cases() -> None:
    have: dict[str, set[str]] = {}
    for code, case in CASES:
        have.setdefault(code, set()).add(case["expect"])
    missing = [r.code for r in ALL_RULES if have.get(r.code, set()) != {"pass", "fail"}]
    assert not missing, f"rules without both pass and fail cases in tests/rule_cases: {missing}"
