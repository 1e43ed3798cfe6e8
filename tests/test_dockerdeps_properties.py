"""Property tests: the readers of untrusted text added for the Dockerfile/dependency rules never
raise, on arbitrary text or bytes, and always return a value."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.engine import lint_path
from spacemedic.space.apt import apt_commands, read_packages_txt
from spacemedic.space.baseimage import resolve_release
from spacemedic.space.dockerfile import parse_dockerfile
from spacemedic.space.dockerignore import DockerIgnore
from spacemedic.space.pyscan import scan_python
from spacemedic.space.requirements import Kind, parse_requirements

# Text biased towards the syntax the readers care about.
_TOKENS = st.sampled_from(
    [
        "FROM ",
        "RUN ",
        "ENV ",
        "COPY ",
        "CMD ",
        "[",
        "]",
        '"',
        "'",
        "#",
        "\\\n",
        "\n",
        "<<EOF\n",
        "EOF\n",
        "=",
        " ",
        "-r ",
        "-e ",
        "git+https://x/y",
        "@",
        ";",
        "==",
        ">=",
        "numpy",
        "apt-get install ",
        "-y",
        "&&",
        "|",
        "$HOME",
        "${A:-b}",
        "\x00",
        "\ufeff",
        "\r\n",
        "--from=a",
        "import ",
        "def f():\n  ",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(_TOKENS, max_size=60).map("".join))


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_requirements_parser_never_raises(text: str) -> None:
    reqs = parse_requirements("requirements.txt", text)
    for e in reqs.entries:
        assert e.line >= 1
        assert isinstance(e.kind, Kind)
        assert e.name is None or isinstance(e.name, str)
    assert isinstance(reqs.includes, tuple)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_packages_txt_reader_never_raises(text: str) -> None:
    for word in read_packages_txt(text):
        assert word.line >= 1 and word.word
        assert isinstance(word.name, str)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_dockerfile_reader_never_raises(text: str) -> None:
    df = parse_dockerfile("Dockerfile", text)
    assert df.error is None or isinstance(df.error, str)
    for instr in df.instructions:
        assert instr.start_line >= 1
        instr.exec_form()
    df.effective("CMD")
    assert df.base_image is None or isinstance(df.base_image, str)


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_dockerfile_reader_never_raises_on_decoded_bytes(data: bytes) -> None:
    df = parse_dockerfile("Dockerfile", data.decode("utf-8", errors="replace"))
    assert isinstance(df.instructions, tuple)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_shell_and_image_readers_never_raise(text: str) -> None:
    for cmd in apt_commands(text):
        assert isinstance(cmd.assumes_yes, bool)
    release = resolve_release(text.strip() or None)
    assert release is None or release.distro in ("debian", "ubuntu")
    ignore = DockerIgnore.parse(text)
    assert isinstance(ignore.ignored("a/b.txt"), bool)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_python_scanner_never_raises(text: str) -> None:
    scanned = scan_python("app.py", text)
    assert scanned is None or all(c.line >= 1 for c in scanned.calls)


@given(st.binary(max_size=200), st.binary(max_size=200), st.binary(max_size=200))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_lint_never_fails_a_rule_on_hostile_files(
    tmp_path: Path, dockerfile: bytes, reqs: bytes, pkgs: bytes
) -> None:
    root = tmp_path / f"s{abs(hash((dockerfile, reqs, pkgs)))}"
    root.mkdir()
    (root / "README.md").write_text("---\nsdk: docker\n---\n", encoding="utf-8")
    (root / "Dockerfile").write_bytes(dockerfile)
    (root / "requirements.txt").write_bytes(reqs)
    (root / "packages.txt").write_bytes(pkgs)
    report = lint_path(root)
    internal = [u for u in report.unavailable if "internal error" in u.reason]
    assert not internal, internal


def test_binary_dockerfile_is_reported_as_unavailable(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nsdk: docker\n---\n", encoding="utf-8")
    (tmp_path / "Dockerfile").write_bytes(b"\x00\x01FROM python\x00\xff\xfe")
    report = lint_path(tmp_path)
    assert any(u.source == "Dockerfile" for u in report.unavailable)
    assert not [u for u in report.unavailable if "internal error" in u.reason]


_YAML_VALUES = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.text(max_size=20), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@given(
    sdk=st.sampled_from(["gradio", "streamlit", "docker", "static", None]),
    sdk_version=_YAML_VALUES,
    app_file=_YAML_VALUES,
    preload=_YAML_VALUES,
    code=TEXT,
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_lint_never_fails_a_rule_on_odd_config_and_code(
    tmp_path: Path, sdk: str | None, sdk_version: object, app_file: object, preload: object, code: str
) -> None:
    import yaml

    root = tmp_path / f"c{abs(hash((sdk, repr(sdk_version), repr(app_file), repr(preload), code)))}"
    root.mkdir()
    front = {"sdk": sdk, "sdk_version": sdk_version, "app_file": app_file, "preload_from_hub": preload}
    (root / "README.md").write_text("---\n" + yaml.safe_dump(front) + "---\n", encoding="utf-8")
    (root / "app.py").write_text(code, encoding="utf-8", errors="replace")
    (root / "requirements.txt").write_text("gradio==3.50.2\nmoviepy\nnumpy\n", encoding="utf-8")
    (root / "Dockerfile").write_text('FROM python:3.11-slim\nCMD ["python", "app.py"]\n', encoding="utf-8")
    report = lint_path(root)
    internal = [u for u in report.unavailable if "internal error" in u.reason]
    assert not internal, internal
