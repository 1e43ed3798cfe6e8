"""Output files never lose evidence (issue 16 item 3, issue 9 item 4): `-o`/`--bundle` refuse an
existing file without `--force` and the input being read always; a full disk, a directory, a
missing folder or a read-only file give one line and exit 2 and leave no partial file; `collect`
that cannot write says where it kept the evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.testing import FakeHub, load_scenario
from tests.conftest import write_tree

LIVE = ["--timeout", "4", "--log-seconds", "1"]


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with FakeHub(load_scenario("out_of_memory")) as server:
        yield server


def _case(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"id": "c", "runtime_stage": "RUNTIME_ERROR", "error_message": "Memory limit exceeded (16Gi)"}),
                    encoding="utf-8")
    return path


def _argv(command: str, tmp_path: Path, hub: FakeHub, target: Path) -> list[str]:
    if command == "lint":
        repo = write_tree(tmp_path / "repo", {"README.md": "---\nsdk: gradio\n---\n", "app.py": "import gradio\n"})
        return ["lint", str(repo), "-o", str(target)]
    if command == "diagnose":
        return ["diagnose", "--from", str(_case(tmp_path)), "-o", str(target)]
    if command == "report":
        return ["report", "--from", str(_case(tmp_path)), "--bundle", str(target)]
    return ["collect", hub.space, "--endpoint", hub.url, "--status-url", hub.status_url, *LIVE, "-o", str(target)]


COMMANDS = ("lint", "diagnose", "report", "collect")


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert lines and lines[-1].startswith("spacemedic: error: "), err
    assert "Traceback" not in err
    return lines[-1]


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_kept_unless_forced(command: str, tmp_path: Path, hub: FakeHub,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.file"
    target.write_text("evidence from yesterday\n", encoding="utf-8")
    assert main(_argv(command, tmp_path, hub, target)) == 2
    assert "already exists; pass --force" in _one_error_line(capsys.readouterr().err)
    assert target.read_text(encoding="utf-8") == "evidence from yesterday\n"
    assert main([*_argv(command, tmp_path, hub, target), "--force"]) in (0, 1)
    capsys.readouterr()
    assert target.read_text(encoding="utf-8", errors="replace") != "evidence from yesterday\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("where", ["dev-full", "directory", "missing-folder", "read-only"])
def test_a_target_that_cannot_be_written_is_one_line_and_no_partial_file(
    command: str, where: str, tmp_path: Path, hub: FakeHub, capsys: pytest.CaptureFixture[str]
) -> None:
    if where == "dev-full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    target = {"dev-full": Path("/dev/full"), "directory": tmp_path / "adir", "missing-folder": tmp_path / "no" / "such" / "out",
              "read-only": tmp_path / "ro.file"}[where]
    if where == "directory":
        target.mkdir()
    if where == "read-only":
        target.write_text("kept\n", encoding="utf-8")
        target.chmod(0o444)
    argv = [*_argv(command, tmp_path, hub, target), "--force"]
    assert main(argv) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert str(target) in line
    if where == "missing-folder":
        assert not target.parent.exists()
    if where == "read-only":
        assert target.read_text(encoding="utf-8") == "kept\n" and "read-only" in line
    assert _leftovers(tmp_path) == []


def test_the_input_is_never_the_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], hub: FakeHub) -> None:
    bundle = tmp_path / "b.json"
    assert main(["collect", hub.space, "--endpoint", hub.url, "--status-url", hub.status_url, *LIVE, "-o", str(bundle)]) == 0
    before = bundle.read_bytes()
    capsys.readouterr()
    for argv in (["report", "--from", str(bundle), "--bundle", str(bundle), "--force"],
                 ["report", "--from", str(bundle), "-o", str(tmp_path / "." / "b.json"), "--force"],
                 ["diagnose", "--from", str(bundle), "-o", str(bundle), "--force"]):
        assert main(argv) == 2
        assert "it is the input being read" in _one_error_line(capsys.readouterr().err)
        assert bundle.read_bytes() == before
    assert main(["report", "--from", str(bundle), "-o", str(tmp_path / "r"), "--bundle", str(tmp_path / "r")]) == 2
    assert "give two files" in _one_error_line(capsys.readouterr().err)


def test_collect_that_cannot_write_keeps_the_evidence_and_names_it(tmp_path: Path, hub: FakeHub,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    target = Path("/dev/full") if Path("/dev/full").exists() else tmp_path / "adir"
    target.mkdir(exist_ok=True) if target.name == "adir" else None
    assert main(["collect", hub.space, "--endpoint", hub.url, "--status-url", hub.status_url, *LIVE, "-o", str(target)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "the evidence was kept in " in line
    kept = Path(line.split("the evidence was kept in ")[1].strip())
    assert kept.parent == tmp_path / "tmp"
    assert json.loads(kept.read_text(encoding="utf-8"))["space"] == hub.space
    assert oct(kept.stat().st_mode & 0o777) == "0o600"  # private: a bundle may hold what was not redacted


def test_dev_null_and_new_files_are_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = write_tree(tmp_path / "repo", {"README.md": "---\nsdk: gradio\n---\n", "app.py": "import gradio\n"})
    assert main(["lint", str(repo), "-o", "/dev/null"]) in (0, 1)
    assert main(["lint", str(repo), "-f", "json", "-o", str(tmp_path / "new.json")]) in (0, 1)
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert capsys.readouterr().err == ""
