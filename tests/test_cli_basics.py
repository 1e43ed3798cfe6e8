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

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "docker-fastapi-broken"


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


def _table_source(text: str, rows: tuple[tuple[str, str, str, str, str], ...]) -> str:
    """The text of spacemedic/rules/table.py with `rows` as its TABLE."""
    opening = "generated, not edited by hand\n"
    head, rest = text.split(opening, 1)
    tail = rest[rest.index("\n)\n") + 1 :] if not rest.startswith(")\n") else rest
    return head + opening + "".join(f"    {row!r},\n" for row in rows) + tail


def test_rule_table_is_generated_from_the_areas() -> None:
    """The lazy table the CLI selects from is what the areas' RULES tuples say, in order; a rule
    added to an area without regenerating the table fails here. SPACEMEDIC_UPDATE_GOLDEN=1
    rewrites the table."""
    import os

    from spacemedic.rules import table

    path = Path(table.__file__)
    text = path.read_text(encoding="utf-8")
    wanted = _table_source(text, table.derive())
    if os.environ.get("SPACEMEDIC_UPDATE_GOLDEN") == "1" and wanted != text:
        path.write_text(wanted, encoding="utf-8")
        pytest.fail("rewrote spacemedic/rules/table.py from the areas' RULES: rerun")
    hint = "SPACEMEDIC_UPDATE_GOLDEN=1 python -m pytest tests/test_cli_basics.py -k rule_table"
    assert table.TABLE == table.derive(), hint
    assert wanted == text, hint


def test_every_rule_class_is_in_the_lazy_table() -> None:
    """A Rule subclass anywhere under spacemedic.rules that the table does not name fails here,
    whether or not its area lists it."""
    import importlib
    import inspect
    import pkgutil

    import spacemedic.rules as pkg
    from spacemedic.rules.base import Rule
    from spacemedic.rules.registry import catalogue

    defined = set()
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        module = importlib.import_module(mod.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                defined.add(f"{obj.__module__}:{obj.__qualname__}")
    refs = catalogue()
    assert defined == {r.where for r in refs}
    assert all(r.load().code == r.code and r.load().name == r.name and r.load().category == r.category for r in refs)


def test_selecting_and_explaining_import_only_the_rules_named() -> None:
    """`lint --select SM3` and `explain SM200` import the modules of those rules, not every rule;
    a lint whose output is not a terminal does not import rich."""
    script = (
        "import sys, json, contextlib, io\n"
        "from spacemedic.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(sys.argv[1:])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('spacemedic.rules.', 'rich')))))\n"
    )

    def loaded(*args: str) -> set[str]:
        out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
        return {m.split(".")[2] if m.startswith("spacemedic.") else m.split(".")[0]
                for m in json.loads(out.stdout.splitlines()[-1])}

    assert "secrets" in loaded("explain", "SM200") and "appcode" not in loaded("explain", "SM200")
    chosen = loaded("lint", str(EXAMPLE), "--select", "SM3", "--fail-on", "never")
    assert "network" in chosen and not {"appcode", "apt", "requirements", "secrets"} & chosen
    assert "rich" not in loaded("lint", str(EXAMPLE), "--fail-on", "never")
