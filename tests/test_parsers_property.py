"""Property tests: the readers of untrusted text and the whole linter never raise.

Arbitrary text and bytes (NUL, invalid UTF-8, huge lines, odd YAML) must give a value, a
finding or an `Unavailable`, never a traceback, and no rule may fail internally.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.engine import lint_path
from spacemedic.redact import find_secrets, redact
from spacemedic.rules.secrets._placeholders import looks_fake
from spacemedic.space.frontmatter import FrontMatter, parse_front_matter
from spacemedic.space.gitattributes import GitAttributes, parse_gitattributes, pointer_size
from tests.conftest import write_tree

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_ish = st.text(
    alphabet=st.sampled_from(list("---: \n\t[]{}'\"#&*!|>%@`,.?3-10abcsdkpyhon_\x00\ufeff\u2028"))
)
any_text = st.one_of(st.text(), yaml_ish, st.binary().map(lambda b: b.decode("utf-8", errors="replace")))


@FAST
@given(body=any_text)
def test_front_matter_never_raises(body: str) -> None:
    for text in (body, "---\n" + body + "\n---\n", "---\n" + body):
        fm = parse_front_matter(text)
        assert isinstance(fm, FrontMatter)
        assert fm.data is None or isinstance(fm.data, dict)
        assert (fm.data is None) == (fm.error is not None) or not fm.present


@FAST
@given(text=any_text, paths=st.lists(st.text(min_size=1, max_size=40), max_size=5))
def test_gitattributes_never_raise(text: str, paths: list[str]) -> None:
    attrs = parse_gitattributes(text)
    assert isinstance(attrs, GitAttributes)
    for path in paths:
        assert attrs.is_lfs(path) in (True, False)
    assert pointer_size(text.encode("utf-8", errors="replace")) is None or True


@FAST
@given(text=any_text)
def test_secret_scanner_never_raises(text: str) -> None:
    for body in (
        text,
        "x = 'hf_" + text + "'",
        "postgres://u:" + text + "@h/x",
        "-----BEGIN RSA PRIVATE KEY-----" + text,
    ):
        for kind, start, end in find_secrets(body):
            assert 0 <= start < end <= len(body)
            assert looks_fake(kind, body[start:end], body, end) in (True, False)


def test_huge_line_is_scanned_in_bounded_time() -> None:
    line = "hf_" + "a" * 2_000_000 + " sk-" + "b1" * 500_000
    assert isinstance(find_secrets(line), list)
    # Inputs that made the URL-credentials pattern quadratic before its repeats were bounded.
    for hostile in (
        "a." * 300_000 + "://",
        "x://" + "a" * 600_000 + ":",
        ("x://" + "a" * 300 + ":" + "b" * 300) * 900,
    ):
        assert find_secrets(hostile) == []
    assert isinstance(parse_gitattributes(line), GitAttributes)
    assert isinstance(parse_front_matter("---\nk: " + line[:100_000] + "\n---\n"), FrontMatter)


NAMES = st.sampled_from(
    ["README.md", ".gitattributes", "Dockerfile", "app.py", "requirements.txt", "packages.txt", ".env",
     "space.yaml", "readme.md", "start.sh", ".streamlit/config.toml", "index.html", "node_modules/x/i.js",
     ".venv/pyvenv.cfg", "models/m.bin", "tests/t.py", "a/b/c.json"]
)  # fmt: skip
CONTENT = st.one_of(st.binary(max_size=2000), any_text, st.integers(min_value=0, max_value=3_000_000_000))


def _lint_tree(files: dict[str, str | bytes | int]) -> None:
    root = Path(tempfile.mkdtemp(prefix="sm-prop-"))
    try:
        write_tree(root, files)
        report = lint_path(root)
        internal = [u for u in report.unavailable if "internal error" in u.reason]
        assert not internal, internal
        for f in report.findings:
            assert f.message and f.code.startswith("SM")
    finally:
        shutil.rmtree(root, ignore_errors=True)


@SLOW
@given(files=st.dictionaries(NAMES, CONTENT, max_size=8))
def test_lint_of_a_random_tree_never_raises(files: dict[str, str | bytes | int]) -> None:
    _lint_tree(dict(files))


@SLOW
@given(block=yaml_ish, sdk=st.sampled_from(["gradio", "docker", "static", "streamlit", "x", "[1]", "3.10"]))
def test_lint_of_random_front_matter_never_raises(block: str, sdk: str) -> None:
    _lint_tree({"README.md": f"---\nsdk: {sdk}\n{block}\n---\n", "app.py": b"\xff\xfe\x00bad"})


@FAST
@given(text=any_text)
def test_redact_never_raises_and_keeps_found_values_out(text: str) -> None:
    body = f"{text} HF_TOKEN=hf_Zk3PqW9xLmT2vR8nB5cY7dJ4hG6fA1sQeXuV {text}"
    out = redact(body)
    assert isinstance(out, str) and "hf_Zk3PqW9xLmT2vR8nB5cY7dJ4hG6fA1sQeXuV" not in out


def test_redact_completes_on_hostile_runs() -> None:
    # "TOKEN" * n made the unbounded secret-assignment pattern quadratic.
    assert redact("TOKEN" * 100_000).startswith("TOKEN")
    assert "REDACTED" in redact("x://user:" + "p" * 100 + "@host " + "a." * 100_000)
