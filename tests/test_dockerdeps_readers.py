"""Concrete behaviour of the readers behind the Dockerfile/dependency rules."""

from __future__ import annotations

import pytest

from spacemedic.space.apt import apt_commands, read_packages_txt
from spacemedic.space.baseimage import resolve_release
from spacemedic.space.dockerfile import parse_dockerfile
from spacemedic.space.dockerignore import DockerIgnore
from spacemedic.space.pyscan import scan_python
from spacemedic.space.requirements import Kind, parse_requirements


@pytest.mark.parametrize(
    ("image", "distro", "codename", "certainty"),
    [
        ("python:3.11-slim", "debian", "trixie", "inferred"),
        ("python:3.11-slim-bookworm", "debian", "bookworm", "explicit"),
        ("python:3.9-bullseye", "debian", "bullseye", "explicit"),
        ("python:3.9-slim", "debian", "bookworm", "inferred"),
        ("ubuntu:22.04", "ubuntu", "jammy", "explicit"),
        ("ubuntu:noble", "ubuntu", "noble", "explicit"),
        ("nvidia/cuda:12.1.0-cudnn8-runtime-ubuntu22.04", "ubuntu", "jammy", "explicit"),
        ("debian:12-slim", "debian", "bookworm", "explicit"),
        ("docker.io/library/debian:trixie", "debian", "trixie", "explicit"),
    ],
)
def test_base_image_release(image: str, distro: str, codename: str, certainty: str) -> None:
    release = resolve_release(image)
    assert release is not None
    assert (release.distro, release.codename, release.certainty) == (distro, codename, certainty)


@pytest.mark.parametrize(
    "image", ["python:3.11-alpine", "$BASE", "ghcr.io/org/img:1", "python:3.6-slim", None]
)
def test_base_image_unknown(image: str | None) -> None:
    assert resolve_release(image) is None


def test_requirements_keep_line_numbers_and_kinds() -> None:
    text = (
        "# top\n"
        "numpy==1.26.4  # pinned\n"
        "torch \\\n"
        "  >=2.0\n"
        "-r other.txt\n"
        "--extra-index-url https://x/simple\n"
        "-e git+https://github.com/a/b.git#egg=b_pkg\n"
        "git+https://github.com/a/c.git\n"
        "./local\n"
        "x @ https://e.com/x-1.0-py3-none-any.whl ; python_version >= '3.9'\n"
        "numpy=1.0\n"
    )
    entries = parse_requirements("requirements.txt", text).entries
    got = [(e.line, e.kind, e.name) for e in entries]
    assert got == [
        (2, Kind.REQUIREMENT, "numpy"),
        (3, Kind.REQUIREMENT, "torch"),
        (5, Kind.INCLUDE, None),
        (6, Kind.OPTION, None),
        (7, Kind.EDITABLE, "b-pkg"),
        (8, Kind.URL, None),
        (9, Kind.PATH, None),
        (10, Kind.REQUIREMENT, "x"),
        (11, Kind.INVALID, None),
    ]
    assert parse_requirements("r", "-r other.txt\n-rmore.txt\n").includes == ("other.txt", "more.txt")
    assert entries[4].is_vcs and entries[5].is_vcs


def test_packages_txt_words() -> None:
    words = read_packages_txt("ffmpeg libsm6\n# note\nLibGL1\n\nffmpeg=7:5.1\n")
    assert [(w.line, w.word, w.problem is None) for w in words] == [
        (1, "ffmpeg", True),
        (1, "libsm6", True),
        (2, "# note", False),
        (3, "LibGL1", False),
        (5, "ffmpeg=7:5.1", True),
    ]


def test_apt_commands() -> None:
    cmds = apt_commands(
        "apt-get update && DEBIAN_FRONTEND=noninteractive sudo apt-get -qq install --no-install-recommends git curl; apt install vim"
    )
    assert [(c.subcommand, c.packages, c.assumes_yes, c.sudo) for c in cmds] == [
        ("update", (), False, False),
        ("install", ("git", "curl"), True, True),
        ("install", ("vim",), False, False),
    ]


def test_heredoc_is_folded_into_its_run() -> None:
    df = parse_dockerfile(
        "Dockerfile", 'FROM python:3.11\nRUN <<EOF\napt-get update\nfoo bar\nEOF\nCMD ["python"]\n'
    )
    assert [(i.keyword, i.start_line, i.end_line) for i in df.instructions] == [
        ("FROM", 1, 1),
        ("RUN", 2, 5),
        ("CMD", 6, 6),
    ]
    assert "apt-get update" in df.instructions[1].value


def test_env_comment_does_not_lose_instructions() -> None:
    df = parse_dockerfile("Dockerfile", 'FROM python:3.11\nENV A=b # c\nCMD ["x"]\n')
    assert df.error is None
    assert [i.keyword for i in df.instructions] == ["FROM", "ENV", "CMD"]


def test_dockerignore() -> None:
    ignore = DockerIgnore.parse("# c\n*.md\n!README.md\ndata/\n**/__pycache__\n")
    assert ignore.ignored("notes.md") and not ignore.ignored("README.md")
    assert ignore.ignored("data/x.csv") and ignore.ignored("a/b/__pycache__/m.pyc")
    assert not ignore.ignored("app.py")


def test_python_startup_calls() -> None:
    src = (
        "import gradio as gr\n"
        "from transformers import pipeline\n"
        "class Model:\n"
        "    def __init__(self):\n"
        "        self.p = pipeline('x', model='a/b')\n"
        "    def run(self):\n"
        "        return pipeline('y', model='c/d')\n"
        "def handler(x):\n"
        "    return pipeline('z', model='e/f')\n"
        "m = Model()\n"
        "with gr.Blocks() as demo:\n"
        "    gr.Button().click(handler)\n"
        "if __name__ == '__main__':\n"
        "    demo.launch(enable_queue=True)\n"
    )
    py = scan_python("app.py", src)
    assert py is not None
    startup = {(c.name, c.kwarg("model")) for c in py.calls if c.startup}
    assert ("transformers.pipeline", "a/b") in startup
    assert ("transformers.pipeline", "c/d") not in startup and ("transformers.pipeline", "e/f") not in startup
    launch = next(c for c in py.calls if c.short == "launch")
    assert launch.startup and launch.has_kwarg("enable_queue")
    assert scan_python("x.py", "def (:\n") is None
