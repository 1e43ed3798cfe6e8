"""Hostile input through the real CLI, one attack class per test (issue 9).

Each run is a child process limited to 512 MB of address space and 20 s of CPU (tests/hostile.py)
and must end with a documented exit code, a one-line error where it cannot run, no traceback,
a peak RSS under 300 MB, and no byte of a file outside the repository in any output.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from tests.conftest import write_tree
from tests.hostile import MARKER, can_mount_read_only, read_only_prefix, run_cli

DOCKER_README = "---\nsdk: docker\napp_port: 7860\n---\n"
GRADIO_README = "---\nsdk: gradio\n---\n"
FORMATS = ("human", "json", "sarif", "markdown")


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A file outside the repository holding the marker."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"{MARKER}\nroot:x:0:0:{MARKER}:/root:/bin/bash\n", encoding="utf-8")
    return secret


def _git(root: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "x", "--no-gpg-sign"], check=True, env=env)


# ------------------------------------------------------------------ links out of the repository


@pytest.mark.parametrize("name", ["Dockerfile", "README.md", "requirements.txt", "app.py", "start.sh", ".gitattributes"])
def test_a_link_to_a_file_outside_is_named_never_read(tmp_path: Path, outside: Path, name: str) -> None:
    files = {"README.md": DOCKER_README, "Dockerfile": "FROM python:3.11\nCOPY . .\nCMD [\"sh\", \"start.sh\"]\n",
             "start.sh": "python app.py\n", "app.py": "print(1)\n"}
    files.pop(name, None)
    root = write_tree(tmp_path / "space", files)
    (root / name).symlink_to(outside)
    for fmt in FORMATS:
        run = run_cli("lint", root, "-f", fmt)
        run.assert_bounded()
        assert run.code in (0, 1)
        assert "SM140" in run.out and name in run.out
    run = run_cli("contract", root)
    run.assert_bounded()


def test_links_in_a_git_checkout_and_to_a_folder_outside(tmp_path: Path, outside: Path) -> None:
    root = write_tree(tmp_path / "space", {"README.md": GRADIO_README, "app.py": "import gradio\n"})
    (root / "requirements.txt").symlink_to(os.path.relpath(outside, root))
    (root / "conf").symlink_to(outside.parent)
    _git(root)
    run = run_cli("lint", root, "-f", "json")
    run.assert_bounded()
    found = {f["path"] for f in json.loads(run.out)["findings"] if f["code"] == "SM140"}
    assert found == {"requirements.txt", "conf"}


@pytest.mark.parametrize("config", [".spacemedic.toml", "pyproject.toml"])
def test_a_config_file_linked_outside_is_a_one_line_error(tmp_path: Path, outside: Path, config: str) -> None:
    root = write_tree(tmp_path / "space", {"README.md": GRADIO_README, "app.py": "import gradio\n"})
    (root / config).symlink_to(outside)
    run_cli("lint", root).assert_one_line_error(config, "symlink points outside the repository")


# ------------------------------------------------------------------ special files


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/proc/kmsg", "/proc/self/environ"])
@pytest.mark.parametrize("name", ["Dockerfile", "README.md", "requirements.txt", "app.py"])
def test_links_to_devices_and_proc_are_refused(tmp_path: Path, name: str, target: str) -> None:
    files = {"README.md": DOCKER_README, "Dockerfile": "FROM python:3.11\nCMD [\"python\", \"app.py\"]\n",
             "app.py": "print(1)\n"}
    files.pop(name, None)
    root = write_tree(tmp_path / "space", files)
    (root / name).symlink_to(target)
    run = run_cli("lint", root, "-f", "json")
    run.assert_bounded()
    assert run.code in (0, 1)
    assert "SM140" in run.out


def test_a_fifo_tracked_in_git_and_a_link_to_it_never_block(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "space", {"README.md": DOCKER_README, "Dockerfile": "FROM python:3.11\n",
                                           "requirements.txt": "gradio\n"})
    _git(root)
    (root / "Dockerfile").unlink()
    os.mkfifo(root / "Dockerfile")  # still in the index: git ls-files lists it
    os.mkfifo(root / "pipe.txt")
    (root / "requirements.txt").unlink()
    (root / "requirements.txt").symlink_to("pipe.txt")
    run = run_cli("lint", root, "-f", "json")
    run.assert_bounded()
    reasons = {u["source"]: u["reason"] for u in json.loads(run.out)["unavailable"]}
    assert "FIFO" in reasons["Dockerfile"]
    run_cli("contract", root).assert_bounded()


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_special_config_and_case_files_are_one_line_errors(tmp_path: Path, special: str) -> None:
    root = write_tree(tmp_path / "space", {"README.md": GRADIO_README, "app.py": "import gradio\n"})
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "named.toml"
        os.mkfifo(path)
    run_cli("lint", root, "--config", path).assert_one_line_error("not a regular file")
    run_cli("diagnose", "--from", path).assert_one_line_error("not a regular file")
    run_cli("report", "--from", path).assert_one_line_error("not a regular file")
    (root / ".spacemedic.toml").symlink_to("/dev/zero")
    run_cli("lint", root).assert_one_line_error(".spacemedic.toml")


# ------------------------------------------------------------------ sizes


@pytest.mark.parametrize(("readme", "name", "text"), [
    (DOCKER_README, "Dockerfile", "FROM python:3.11\n" * 400_000),
    (GRADIO_README, "requirements.txt", "gradio\n" * 300_000),
    (GRADIO_README, "app.py", "import gradio\n" * 200_000),
])
def test_oversized_repository_files_are_not_checked_not_read(tmp_path: Path, readme: str, name: str, text: str) -> None:
    root = write_tree(tmp_path / "space", {"README.md": readme, name: text})
    run = run_cli("lint", root, "-f", "json")
    run.assert_bounded()
    reasons = {u["source"]: u["reason"] for u in json.loads(run.out)["unavailable"]}
    assert "file larger than 1000000 bytes" in reasons[name]


def test_huge_case_files_and_bundles_are_refused_before_parsing(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    run_cli("diagnose", "--from", huge).assert_one_line_error("file larger than")
    run_cli("report", "--from", huge).assert_one_line_error("file larger than")


def test_many_cases_are_bounded_and_the_rest_reported(tmp_path: Path) -> None:
    line = json.dumps({"id": "x", "runtime_stage": "PAUSED"})
    cases = tmp_path / "many.jsonl"
    cases.write_text((line + "\n") * 5_200, encoding="utf-8")
    run = run_cli("diagnose", "--from", cases, "-f", "jsonl")
    run.assert_bounded()
    assert run.code == 2
    assert len([row for row in run.out.splitlines() if '"hypotheses"' in row]) == 5_000
    assert "200 more record(s)" in run.err


# ------------------------------------------------------------------ depth and pathological structure


def test_deep_json_cases_and_bundles(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    run_cli("diagnose", "--from", deep).assert_one_line_error("nested deeper")
    bundle = tmp_path / "bundle.json"
    nested = "[" * 5_000 + "]" * 5_000
    bundle.write_text('{"schema": "spacemedic.bundle/1", "space": "a/b", "runtime": {"x": ' + nested + "}}", encoding="utf-8")
    run_cli("diagnose", "--from", bundle).assert_one_line_error("nested deeper")
    run_cli("report", "--from", bundle).assert_one_line_error("nested deeper")


def test_dockerfile_with_thousands_of_stages_and_exploding_args(tmp_path: Path) -> None:
    stages = "FROM python:3.11 AS s0\n" + "".join(f"FROM s{i - 1} AS s{i}\nRUN echo {i}\n" for i in range(1, 5_000))
    laughs = "FROM python:3.11\nENV A0=" + "y" * 1000 + "\n" + "".join(f"ENV A{i}=$A{i - 1}$A{i - 1}\n" for i in range(1, 60))
    for text in (stages, laughs):
        root = write_tree(tmp_path / f"space{len(text)}", {"README.md": DOCKER_README, "Dockerfile": text})
        for command in (("lint", root, "-f", "json"), ("contract", root)):
            run = run_cli(*command)
            run.assert_bounded()
            assert "too large to check" in run.out


def test_catastrophic_glob_patterns(tmp_path: Path) -> None:
    evil = "*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n**a**a**a**a**a**a**a**b\n"
    root = write_tree(tmp_path / "space", {
        "README.md": DOCKER_README,
        "Dockerfile": "FROM python:3.11\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
        ".gitattributes": evil.replace("\n", " filter=lfs\n"),
        ".dockerignore": evil,
        "app.py": "print(1)\n",
        "a" * 200: "x", ("a" * 100 + "/") * 10 + "a" * 100: "x",
    })
    run = run_cli("lint", root)
    run.assert_bounded()
    assert run.code in (0, 1)


def test_start_scripts_and_python_that_never_end(tmp_path: Path) -> None:
    script = "#!/bin/sh\n" + "".join(f"sh s{i}.sh &\n" for i in range(2_000)) + "exec sh start.sh\n"
    dense = "import os, subprocess\n" + 'os.environ.get("P", subprocess.run(["a"]))\n' * 9_000
    files: dict[str, str | bytes | int] = {
        "README.md": DOCKER_README, "Dockerfile": "FROM python:3.11\nCOPY . .\nCMD [\"sh\", \"start.sh\"]\n",
        "start.sh": script, "app.py": "y = " + "lambda: " * 3_000 + "1\n" + dense,
    }
    files.update({f"mod{i}.py": dense for i in range(6)})
    root = write_tree(tmp_path / "space", files)
    run = run_cli("lint", root)
    run.assert_bounded()
    run_cli("contract", root).assert_bounded()


def test_deep_and_wrong_config_files(tmp_path: Path) -> None:
    cases = [
        ("pyproject.toml", 'tool = "x"\n', "'tool' must be a table"),
        ("pyproject.toml", "a = " + "[" * 5_000 + "]" * 5_000 + "\n", "nested too deeply"),
        (".spacemedic.toml", 'select = ["SM3O1"]\n', "did you mean 'SM301'?"),
        (".spacemedic.toml", 'ignroe = ["SM301"]\n', "did you mean 'ignore'?"),
        (".spacemedic.toml", "[severity]\nSM301 = 3\n", "not a number"),
        (".spacemedic.toml", '[severity]\nSM99999 = "info"\n', "unknown rule code"),
        ("pyproject.toml", '[tool.spacemedic]\nfail-on = "warnign"\n', "did you mean 'warning'?"),
        ("pyproject.toml", "[tool.spacemedic]\nselect = 3\n", "'select' must be a list"),
    ]
    for i, (name, text, words) in enumerate(cases):
        root = write_tree(tmp_path / f"s{i}", {"README.md": GRADIO_README, "app.py": "import gradio\n", name: text})
        run_cli("lint", root).assert_one_line_error(name, words)


# ------------------------------------------------------------------ encodings and wrong types


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "space", {"README.md": GRADIO_README, "app.py": "import gradio\n"})
    (root / os.fsdecode(b"bad\xff\xfename.txt")).write_text("x", encoding="utf-8")
    with open(root / os.fsdecode(b"big\xff.bin"), "wb") as fh:
        fh.truncate(20_000_000)
    for fmt in FORMATS:
        run = run_cli("lint", root, "-f", fmt)
        run.assert_bounded()
        assert run.code == 0 and "big" in run.out


def test_binary_and_utf16_repository_files(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "space", {"README.md": b"\xff\xfe-\x00-\x00-\x00\n\x00", "Dockerfile": b"\x00\x01" * 500,
                                           "requirements.txt": "gradio\n".encode("utf-16"), "app.py": b"\xff\xff\xff"})
    run = run_cli("lint", root)
    run.assert_bounded()
    assert run.code in (0, 1)


def test_case_file_with_wrong_types_names_the_field(tmp_path: Path) -> None:
    one = tmp_path / "case.json"
    one.write_text(json.dumps({"id": "a", "runtime_stage": 5}), encoding="utf-8")
    run_cli("diagnose", "--from", one).assert_one_line_error("case.json", "field runtime_stage", "not a number")
    run_cli("report", "--from", one).assert_one_line_error("case.json", "field runtime_stage")


def test_jsonl_with_bad_lines_diagnoses_every_good_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "good", "runtime_stage": "PAUSED"})
    lines = [good, "{nope", json.dumps({"id": "b", "observations": {"restart": ["x"]}}), good,
             json.dumps({"id": "c", "observations": [1]}), "[" * 10_000]
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("diagnose", "--from", cases, "-f", "jsonl")
    run.assert_bounded()
    assert run.code == 2
    rows = [json.loads(line) for line in run.out.splitlines()]
    assert [r.get("id") for r in rows if "hypotheses" in r] == ["good", "good"]
    assert [r["line"] for r in rows if "error" in r] == [2, 3, 5, 6]
    notes = run.err.splitlines()
    assert "line 3: field observations.restart" in notes[1] and "line 5: field observations:" in notes[2]
    assert notes[-1].startswith("spacemedic: error:") and "4 record(s) could not be read; the other 2" in notes[-1]


@pytest.mark.parametrize(("field", "value", "words"), [
    ("runtime", {"stage": 5}, "field runtime.stage"),
    ("build_log", {"state": "queued_only", "lines_read": "many"}, "field build_log.lines_read"),
    ("timings", {"x": [1]}, "field timings.x"),
    ("space", 7, "field space"),
])
def test_bundle_with_wrong_types_names_the_field(tmp_path: Path, field: str, value: object, words: str) -> None:
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps({"schema": "spacemedic.bundle/1", "space": "a/b", field: value}), encoding="utf-8")
    run_cli("diagnose", "--from", bundle).assert_one_line_error("bundle.json", words)


# ------------------------------------------------------------------ the history database


def _history_db(path: Path, error: str = "boom") -> None:
    from spacemedic.history.store import HistoryStore
    from spacemedic.watch.timeline import Snapshot

    with HistoryStore(path) as store:
        store.record("a/b", Snapshot("RUNTIME_ERROR", error_message=error), 1_700_000_000.0)


def test_a_damaged_history_database_is_named_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(8_000))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (("history", "a/b"), ("history",)):
        run_cli(*args, "--db", db).assert_one_line_error("damaged", "--db")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before and sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]


def test_a_locked_history_database_waits_a_bounded_time_then_says_so(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO t VALUES (1)")
    try:
        run = run_cli("history", "a/b", "--db", db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    run.assert_one_line_error("locked by another process")
    assert run.seconds < 20


def test_a_huge_row_prints_a_clipped_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    _history_db(db, error="E" * 30_000_000)
    for fmt in ("human", "json"):
        run = run_cli("history", "a/b", "--db", db, "-f", fmt)
        run.assert_bounded()
        assert run.code == 0 and len(run.out) < 20_000
    message = json.loads(run.out)["events"][0]["error_message"]
    assert message.endswith("E […clipped]") and len(message) < 2_100


def test_a_read_only_history_database_still_watches(tmp_path: Path) -> None:
    from spacemedic.testing import FakeHub, load_scenario

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "h.sqlite3"
    _history_db(db)
    if not can_mount_read_only(folder):
        pytest.skip("no read-only bind mount here (needs root and unshare)")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with FakeHub(load_scenario("moderation_lock")) as hub:
        run = run_cli("watch", hub.space, "--endpoint", hub.url, "--token", "hf_x", "--db", db, "-f", "json",
                      env={"SPACEMEDIC_FAKE_CLOCK": "2026-03-01T12:00:00Z"}, prefix=read_only_prefix(folder))
        history = run_cli("history", hub.space, "--db", db, prefix=read_only_prefix(folder))
    run.assert_bounded()
    assert run.code == 1 and "nothing is recorded" in run.err
    assert json.loads(run.out)["outcome"] == "settled"
    history.assert_bounded()
    assert history.code == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_limits_themselves_catch_a_runaway(tmp_path: Path) -> None:
    """The harness is real: a child that allocates past the limit dies and is reported."""
    del tmp_path
    from tests import hostile

    done = threading.Event()
    result: list[int] = []

    def go() -> None:
        import subprocess as sp
        import sys

        proc = sp.run([sys.executable, "-c", "x = bytearray(2 * 1024 ** 3)"], preexec_fn=hostile._limits,
                      capture_output=True, check=False)
        result.append(proc.returncode)
        done.set()

    threading.Thread(target=go).start()
    assert done.wait(60)
    assert result[0] != 0


def test_attempt_rows_spacemedic_did_not_write_are_skipped(tmp_path: Path) -> None:
    from spacemedic.history.attempts import AttemptLog

    db = tmp_path / "h.sqlite3"
    _history_db(db)
    with AttemptLog(db):
        pass
    raw = sqlite3.connect(db)
    rows = [("a/b", "explode", 1.0, None, None, None, None, None, None, None),
            ("a/b", "restart", 2.0, 3.0, "no_such_result", "x", None, None, None, None),
            ("a/b", "restart", 4.0, 5.0, None, "500", None, None, "[" * 50_000, "D" * 1_000_000)]
    raw.executemany("INSERT INTO attempts (space_id, action, started_ts, ended_ts, result, http_status, request_id,"
                    " stage_after, timeline, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    raw.commit()
    raw.close()
    run = run_cli("history", "a/b", "--db", db, "-f", "json")
    run.assert_bounded()
    assert run.code == 0 and len(run.out) < 20_000


def test_a_huge_dockerfile_line_is_quoted_clipped(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    repo = tmp_path / "space"
    repo.mkdir()
    (repo / "README.md").write_text("---\ntitle: t\nsdk: docker\n---\n", encoding="utf-8")
    (repo / "Dockerfile").write_text("FROM python:3.11\nCMD [\"python\", \"" + "a" * 100_000 + "\"\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "spacemedic", "lint", str(repo), "-f", "json"],
                          capture_output=True, text=True, timeout=60)
    data = json.loads(proc.stdout)
    quoted = [e for f in data["findings"] for e in f["evidence"]] + [f["message"] for f in data["findings"]]
    assert quoted and max(len(e) for e in quoted) <= 1000
    assert len(proc.stdout) < 50_000
