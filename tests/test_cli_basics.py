"""The CLI contract: exit codes, one-line errors, version, rules and explain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.rules.registry import ALL_RULES
from tests.conftest import write_tree


def test_version_runs_as_a_real_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "spacemedic", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.startswith("spacemedic ")


def test_missing_path_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "/definitely/not/here"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such directory" in err


def test_unknown_option_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--no-such-flag"]) == 2
    assert "no-such-flag" in capsys.readouterr().err


def test_fail_on_thresholds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {"README.md": "# no block\n"})
    assert main(["lint", str(tmp_path)]) == 1
    assert main(["lint", str(tmp_path), "--fail-on", "never"]) == 0
    assert main(["lint", str(tmp_path), "--ignore", "SM001"]) == 0
    capsys.readouterr()


def test_json_has_documented_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {"README.md": "# no block\n"})
    main(["lint", str(tmp_path), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert {"findings", "unavailable", "summary", "schema"} <= set(doc)
    assert doc["findings"][0]["category"] == "front-matter"


def test_rules_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    codes = [r["code"] for r in json.loads(capsys.readouterr().out)]
    assert codes == sorted(r.code for r in ALL_RULES)  # code order, as `rules` prints them


def test_explain_unknown_code_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "SM999"]) == 2
    assert "no rule" in capsys.readouterr().err


def test_every_rule_documented_and_unique() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for rule in ALL_RULES:
        sections = rule.doc_sections()
        for title in ("What it does", "Why is this bad?", "Example", "Fix"):
            assert sections.get(title), f"{rule.code} docstring lacks a non-empty '{title}' section"


def test_registry_is_complete() -> None:
    """Every Rule subclass defined under spacemedic.rules is listed in ALL_RULES."""
    import importlib
    import inspect
    import pkgutil

    import spacemedic.rules as pkg
    from spacemedic.rules.base import Rule

    defined = set()
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        module = importlib.import_module(mod.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                defined.add(obj)
    assert defined == set(ALL_RULES)
