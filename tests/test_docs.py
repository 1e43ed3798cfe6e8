"""The README and docs say what the code does: formats, exit codes, the CI workflow."""

from __future__ import annotations

import re

import yaml

from spacemedic.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK
from spacemedic.cli.lint_cmd import FAIL_ON, FORMATS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_exit_code() -> None:
    for code in (EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED):
        assert re.search(rf"^\| {code} \|", README, re.MULTILINE), code


def test_readme_documents_every_lint_format_and_threshold() -> None:
    for fmt in FORMATS:
        assert f"`{fmt}`" in README or f"`{fmt}` (default)" in README, fmt
    assert "--fail-on error|warning|info|never" in README and set(FAIL_ON) == {
        "error",
        "warning",
        "info",
        "never",
    }


def test_readme_first_command_lints_a_bundled_example() -> None:
    first = re.search(r"```bash\n(.*?)\n```", README, re.DOTALL)
    assert first is not None
    target = first.group(1).split("spacemedic lint ")[-1].strip()
    assert (ROOT / target / "README.md").is_file(), target


def test_github_actions_workflow_uploads_sarif() -> None:
    text = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)\n```", text, re.DOTALL)
    assert block is not None
    workflow = yaml.safe_load(block.group(1))
    steps = workflow["jobs"]["lint"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("spacemedic lint --format sarif -o spacemedic.sarif" in r for r in runs)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "spacemedic.sarif"
    assert workflow["permissions"]["security-events"] == "write"
