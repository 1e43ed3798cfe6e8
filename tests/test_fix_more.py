"""The second round of automatic fixes: writes across files all or none, and the text helpers
the new fixes use (trailing comments, block lists in the front matter, version bounds, whole
lines) on untrusted text. Per-rule golden texts are in tests/rule_cases (`fixed:`)."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacemedic.api import apply_fixes, lint_and_fix
from spacemedic.engine import lint_path
from spacemedic.fixes.dockerfile_text import move_comment_above, trailing_comment_at
from spacemedic.fixes.edits import delete_line
from spacemedic.fixes.front_matter import add_list_item
from spacemedic.fixes.requirements import add_upper_bound
from spacemedic.space.repo import SpaceRepo
from spacemedic.space.writer import write_all
from tests.conftest import write_tree
from tests.test_fixes import _check_fix_then_lint
from tests.test_space_corpus import SPACES as CORPUS


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- all files or none


def test_write_all_writes_nothing_when_one_file_changed_meanwhile(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"a.txt": "a\n", "b.txt": "b\n"})
    written, failed = write_all(
        root, [("a.txt", b"A\n", _sha(b"a\n")), ("b.txt", b"B\n", _sha(b"not what is there"))]
    )
    assert written == ()
    assert (root / "a.txt").read_text() == "a\n" and (root / "b.txt").read_text() == "b\n"
    reasons = dict(failed)
    assert "changed since it was read" in reasons["b.txt"]
    assert "no file was changed" in reasons["a.txt"]
    assert sorted(p.name for p in root.iterdir()) == ["a.txt", "b.txt"]  # no temporary file left


def test_write_all_writes_every_file_when_all_are_unchanged(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"a.txt": "a\n", "sub/b.txt": "b\n"})
    written, failed = write_all(root, [("a.txt", b"A\n", _sha(b"a\n")), ("sub/b.txt", b"B\n", _sha(b"b\n"))])
    assert written == ("a.txt", "sub/b.txt") and failed == ()
    assert (root / "a.txt").read_text() == "A\n" and (root / "sub/b.txt").read_text() == "B\n"


def test_a_fix_run_over_several_files_refuses_only_the_file_changed_since_lint(tmp_path: Path) -> None:
    """The Dockerfile changed after lint read it: its fixes are refused with the reason; the
    requirements fix, in another file, is still applied."""
    root = write_tree(tmp_path / "s", {
        "README.md": "---\nsdk: docker\n---\n",
        "Dockerfile": "FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\nENV A=1 # note\nCMD [\"python\", \"app.py\"]\n",
        "requirements.txt": "--no-cache-dir\nflask\n",
        "app.py": "print(1)\n",
    })
    report = lint_path(root)
    assert {"SM400", "SM550"} <= {f.code for f in report.fixes}
    (root / "Dockerfile").write_text((root / "Dockerfile").read_text() + "# edited meanwhile\n")
    plan = apply_fixes(report)
    assert [c.path for c in plan.changed] == ["requirements.txt"]
    assert (root / "requirements.txt").read_text() == "flask\n"
    assert any(u.source == "Dockerfile" and "changed since it was read" in u.reason for u in plan.refused)
    assert "ENV A=1 # note" in (root / "Dockerfile").read_text()


def test_fixes_in_three_files_land_in_one_run(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "s", {
        "README.md": "---\nsdk: gradio\n---\n",
        "requirements.txt": "moviepy\n--upgrade\n",
        "app.py": "from moviepy.editor import VideoFileClip\nfrom transformers import pipeline\n"
                  "asr = pipeline('automatic-speech-recognition', model='openai/whisper-small')\n",
    })
    run = lint_and_fix(root, unsafe=True)
    assert {"SM550", "SM553", "SM600"} <= {f.code for f in run.fixed}
    assert (root / "requirements.txt").read_text() == "moviepy<2.0.0\n"
    assert "preload_from_hub:\n  - openai/whisper-small\n---\n" in (root / "README.md").read_text()
    assert lint_and_fix(root, unsafe=True).changed == ()


# --------------------------------------------------------------------------- helpers on untrusted text


def test_trailing_comment_honours_quotes_and_fragments() -> None:
    assert trailing_comment_at("ENV A=1 # c") == 8
    assert trailing_comment_at('ENV A="x # y"') is None
    assert trailing_comment_at("ENV U=http://x/p#frag") is None
    assert trailing_comment_at("ENV A='it''s' # c") == 14
    assert trailing_comment_at("# whole-line comment") is None


_PIECES = ["---", "\ufeff", "sdk: gradio", "preload_from_hub:", "  - a/b", "    # c", "- x", "preload_from_hub: [a]",
           "ENV A=1 # c", "numpy>=1", "moviepy ; python_version>'3'", "x \\", "é", "\x00", "\r", '"#"', "'"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=10).map(lambda parts: "\n".join(parts).encode("utf-8"))
    | st.binary(max_size=120),
    st.integers(0, 12),
)
def test_new_edit_helpers_never_raise_and_edit_exactly(data: bytes, line: int) -> None:
    """Any bytes: a value or None, never a traceback; an edit lies inside the file, on whole
    characters, and applying it leaves every byte outside its span as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("README.md", "Dockerfile", "requirements.txt"):
            (root / name).write_bytes(data)
        repo = SpaceRepo.open(root)
        edits = [
            move_comment_above(repo, "Dockerfile", line),
            delete_line(repo, "requirements.txt", line),
            add_list_item(repo, "preload_from_hub", "org/model"),
            add_upper_bound(repo, "requirements.txt", line, "numpy", "2.0"),
            add_upper_bound(repo, "requirements.txt", line, "moviepy", "2.0"),
        ]
        for edit in edits:
            if edit is None:
                continue
            assert 0 <= edit.start <= edit.end <= len(data)
            data[edit.start : edit.end].decode("utf-8")  # never splits a character
            after = data[: edit.start] + edit.replacement.encode("utf-8") + data[edit.end :]
            assert after.startswith(data[: edit.start]) and after.endswith(data[edit.end :])


def test_add_list_item_appends_to_a_block_list_and_refuses_a_flow_list(tmp_path: Path) -> None:
    write_tree(tmp_path, {"README.md": "---\nsdk: gradio\npreload_from_hub: [a/b]\n---\n"})
    assert add_list_item(SpaceRepo.open(tmp_path), "preload_from_hub", "c/d") is None
    write_tree(tmp_path, {"README.md": "---\npreload_from_hub:\n- a/b\ntitle: t\n---\n"})
    edit = add_list_item(SpaceRepo.open(tmp_path), "preload_from_hub", "c/d")
    assert edit is not None and edit.replacement == "- c/d\n"
    assert (tmp_path / "README.md").read_bytes()[: edit.start].endswith(b"- a/b\n")


# --------------------------------------------------------------------------- the corpus of real Spaces

@pytest.mark.parametrize("space", CORPUS, ids=[s["id"] for s in CORPUS])
def test_fix_then_lint_on_the_corpus(tmp_path: Path, space: dict[str, Any]) -> None:
    """The reconstructions of real Spaces: --fix (unsafe too) removes what it fixed, adds no
    error, and a second --fix changes nothing."""
    _check_fix_then_lint(write_tree(tmp_path / "s", space["files"]))
