"""Python and shell code fed to the interpreter through a here-document in a start script
(`python - <<'PY' ... PY`) is read like `python -c`, a shell's (`bash <<EOF`, `sh -s <<'X'`)
as more script; other here-documents stay data, and a here-string or a terminator with digits
does not swallow the rest of the script."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from spacemedic.space.context import SpaceContext
from spacemedic.space.repo import SpaceRepo
from spacemedic.space.shell import read_script
from tests.conftest import write_tree

LINES = st.sampled_from([
    "python - <<'PY'", "python3 <<EOF", "bash <<-END_1", "cat > app.py <<EOF", "python app.py <<EOF",
    "PY", "EOF", "END_1", "\tEND_1", "x <<< \"$y\"", "import os", "app.run(port=1)", "echo hi", "",
    "uvicorn main:app --port 7860", "<<", "<<'", "exec python -u - <<\"PY\"", "# <<EOF",
])


def _docker(tmp: Path, script: str, extra: dict[str, str] | None = None) -> SpaceContext:
    files = {
        "README.md": "---\nsdk: docker\napp_port: 7860\n---\n",
        "Dockerfile": "FROM python:3.11\nCOPY . .\nRUN pip install flask\nCMD [\"bash\", \"start.sh\"]\n",
        "start.sh": script,
        **(extra or {}),
    }
    return SpaceContext(SpaceRepo.open(write_tree(tmp, files)))


def test_python_heredoc_body_is_the_command_stdin() -> None:
    script = read_script("set -e\npython - <<'PY'\nimport os\nprint(1)\nPY\necho done\n")
    [seg] = script.segments
    assert seg.argv == ("python", "-c", "import os\nprint(1)")


def test_here_string_is_not_a_heredoc() -> None:
    script = read_script("grep x <<< \"$A\"\nuvicorn main:app --port 7860\n")
    assert [s.argv[0] for s in script.segments] == ["grep", "uvicorn"]


def test_heredoc_word_with_digits_ends_at_its_own_line() -> None:
    script = read_script("cat <<END_1\nEND\nEND_1\nuvicorn main:app\n")
    assert [s.argv[0] for s in script.segments] == ["uvicorn"]


def test_flask_in_a_python_heredoc_is_resolved(tmp_path: Path) -> None:
    ctx = _docker(tmp_path, "#!/bin/bash\npython3 - <<'PY'\nfrom flask import Flask\napp = Flask(__name__)\n"
                            "app.run(host='0.0.0.0', port=7860)\nPY\n")
    main = ctx.contract.main
    assert main is not None and main.port.resolved and main.port.value == 7860
    assert main.host.value == "0.0.0.0"


def test_data_heredoc_is_not_run(tmp_path: Path) -> None:
    # `cat > app.py <<EOF` writes a file: its text is data, not a command that listens.
    script = read_script("cat > cfg.py <<EOF\napp.run(port=1)\nEOF\npython cfg.py <<EOF\nyes\nEOF\n")
    assert [s.argv for s in script.segments] == [("python", "cfg.py")]


def test_exec_python_heredoc_keeps_exec() -> None:
    [seg] = read_script("exec python3 -u - <<'PY'\nx = 1\nPY\n").segments
    assert seg.argv == ("exec", "python3", "-c", "x = 1")


def test_shell_heredoc_body_is_read_as_script() -> None:
    script = read_script("set -e\nbash <<'EOF'\nexport PORT=7860\ncd /srv\nuvicorn main:app --port $PORT\nEOF\n"
                         "echo $PORT\n")
    [seg] = script.segments
    assert seg.argv == ("uvicorn", "main:app", "--port", "7860") and seg.line == 5 and seg.cwd == "/srv"
    assert "PORT" not in script.env  # the inner shell's export does not reach the outer one


def test_sh_s_with_positional_parameters_reads_stdin() -> None:
    [seg] = read_script("exec sh -e -s -- one two <<X\nexec python app.py\nX\n").segments
    assert seg.argv == ("exec", "python", "app.py")


def test_shell_with_c_or_a_script_file_keeps_the_heredoc_as_data() -> None:
    script = read_script("bash -c 'python a.py' <<EOF\nuvicorn x:y\nEOF\nbash run.sh <<EOF\nuvicorn x:y\nEOF\n")
    assert [s.argv for s in script.segments] == [("bash", "-c", "python a.py"), ("bash", "run.sh")]


def test_nested_shell_heredocs_are_bounded() -> None:
    text = "".join(f"bash <<E{i}\n" for i in range(6)) + "uvicorn x:y\n" + "".join(f"E{i}\n" for i in reversed(range(6)))
    assert read_script(text).segments is not None  # terminates; the deepest bodies stay unread


def test_server_in_a_bash_heredoc_is_resolved(tmp_path: Path) -> None:
    ctx = _docker(tmp_path, "#!/bin/bash\nbash <<'EOF'\nexec uvicorn main:app --host 0.0.0.0 --port 7860\nEOF\n",
                  {"main.py": "from fastapi import FastAPI\napp = FastAPI()\n"})
    main = ctx.contract.main
    assert main is not None and main.port.resolved and main.port.value == 7860 and main.host.value == "0.0.0.0"


@given(st.lists(LINES, max_size=25))
@example(["# <<EOF", "EOF"])  # a comment that mentions a here-document opened none (IndexError before)
def test_heredoc_reader_never_raises(lines: list[str]) -> None:
    script = read_script("\n".join(lines))
    for seg in script.segments:
        assert seg.argv and all(isinstance(w, str) for w in seg.argv)


@given(st.lists(st.sampled_from(["import os", "x = 1", "print('EOF ')", "  y = 2", "PYX"]), max_size=8))
def test_body_comes_back_verbatim(body: list[str]) -> None:
    script = read_script("python - <<'PY'\n" + "\n".join(body) + "\nPY\n")
    assert script.segments[0].argv == ("python", "-c", "\n".join(body))


def test_dockerfile_run_fed_to_a_shell_is_read(tmp_path: Path) -> None:
    from spacemedic.engine import lint_path

    root = write_tree(tmp_path, {
        "README.md": "---\nsdk: docker\n---\n",
        "Dockerfile": "FROM python:3.11-slim\nRUN bash <<EOF\nset -e\napt-get update\napt-get install -y libgl1-mesa-glx\nEOF\n"
                      "RUN sh -s <<'X'\npip install flask\nX\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
        "app.py": "from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', port=7860)\n",
    })
    codes = {f.code: f for f in lint_path(root).findings}
    assert codes["SM500"].line == 2  # the apt step inside the heredoc is seen
    assert "SM658" not in codes  # flask, installed inside the heredoc, is known


def test_heredoc_marker_in_a_comment_does_not_break_the_reader() -> None:
    # hypothesis found it: `# <<EOF` then `EOF`. A comment opens no here-document (main's fix), so
    # the next line is a command; the reader's own bounds check stays as a second guard.
    assert [seg.argv for seg in read_script("# <<EOF\nEOF\n").segments] == [("EOF",)]
