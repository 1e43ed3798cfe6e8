"""Properties of the bounded parsers and of the one reader (issue 9)."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.errors import InputError
from spacemedic.hub.bundle import bundle_from_dict
from spacemedic.jsonbound import JsonBoundError, depth_exceeds, loads
from spacemedic.space.dockerignore import DockerIgnore
from spacemedic.space.gitattributes import parse_gitattributes
from spacemedic.space.reader import Refused, read_input_bytes, read_repo_bytes
from spacemedic.space.wildmatch import Automaton, compile_fragments
from spacemedic.triage.cases import CaseError, parse_cases, validate_case

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FRAGMENTS = st.lists(st.sampled_from(["[^/]*", ".*", "(?:.*/)?", "/.*", "a", "b", "/", "[^/]", "[ab]", "\\."]),
                     max_size=8)
PATHS = st.text(alphabet="ab/.", max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@FAST
@given(FRAGMENTS, PATHS)
def test_the_automaton_matches_exactly_what_the_regex_matches(fragments: list[str], path: str) -> None:
    expected = re.fullmatch("".join(fragments), path, re.DOTALL) is not None
    assert Automaton(fragments).fullmatch(path) is expected


def test_risky_patterns_use_the_automaton_and_stay_fast() -> None:
    fragments = ["[^/]*", "a"] * 14 + ["b"]
    matcher = compile_fragments(fragments, "x")
    assert isinstance(matcher, Automaton)
    started = time.process_time()
    assert not matcher.fullmatch("a" * 4_000)
    attrs = parse_gitattributes("*a*a*a*a*a*a*a*a*a*a*a*a*b filter=lfs\n")
    assert not attrs.is_lfs("a" * 250) and attrs.is_lfs("xaaaaaaaaaaaaab")
    ignore = DockerIgnore.parse("**a**a**a**a**a**a**a**b\n")
    assert not ignore.ignored("/".join(["a" * 100] * 20)) and ignore.ignored("xa/aaaaaa/b")
    assert time.process_time() - started < 5


@FAST
@given(st.text(max_size=200))
def test_bounded_json_raises_only_value_errors(text: str) -> None:
    try:
        value = loads(text, max_depth=8)
    except ValueError:
        return
    assert not depth_exceeds(value, 8)


def test_json_bounds_are_size_and_depth() -> None:
    with pytest.raises(JsonBoundError, match="larger than"):
        loads("[1]" + " " * 100, max_bytes=50)
    with pytest.raises(JsonBoundError, match="nested deeper"):
        loads("[" * 100_000 + "]" * 100_000)
    with pytest.raises(JsonBoundError, match="nested deeper"):
        loads(json.dumps({"a": [[[[[1]]]]]}), max_depth=4)
    assert loads(json.dumps({"a": [[[1]]]}), max_depth=4) == {"a": [[[1]]]}


@FAST
@given(json_values)
def test_any_json_as_a_bundle_is_a_bundle_or_one_input_error(value: Any) -> None:
    doc = {"schema": "spacemedic.bundle/1", "space": "a/b", **value} if isinstance(value, dict) else value
    try:
        bundle = bundle_from_dict(doc, "b.json")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("b.json: ")
    else:
        bundle.to_signals()


@FAST
@given(st.dictionaries(st.sampled_from(["id", "runtime_stage", "error_message", "config", "observations"]),
                       json_values, max_size=5))
def test_a_case_is_diagnosed_or_names_its_bad_field(case: dict[str, Any]) -> None:
    (loaded,) = parse_cases(json.dumps(case))
    problem = validate_case(case)
    if problem is None:
        assert not isinstance(loaded, CaseError)
    else:
        assert isinstance(loaded, CaseError) and problem.startswith("field ")


def test_the_reader_refuses_links_out_special_files_and_oversize(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "secret").write_text("s", encoding="utf-8")
    (root / "ok.txt").write_text("hello", encoding="utf-8")
    (root / "out").symlink_to(tmp_path / "secret")
    (root / "up").symlink_to("../secret")
    (root / "in").symlink_to("ok.txt")
    (root / "zero").symlink_to("/dev/zero")
    (root / "dir").mkdir()
    os.mkfifo(root / "fifo")
    assert read_repo_bytes(root, "ok.txt") == b"hello"
    assert read_repo_bytes(root, "in") == b"hello"
    assert read_repo_bytes(root, "ok.txt", 3) == Refused("file larger than 3 bytes")
    assert read_repo_bytes(root, "ok.txt", 3, prefix=True) == b"hel"
    for name in ("out", "up", "zero", "../secret"):
        got = read_repo_bytes(root, name)
        assert isinstance(got, Refused) and got.outside, name
    for name, kind in (("fifo", "FIFO"), ("dir", "directory")):
        got = read_repo_bytes(root, name)
        assert isinstance(got, Refused) and kind in got.reason and not got.outside
    with pytest.raises(InputError, match="not a regular file"):
        read_input_bytes(Path("/proc/self/status"))
    with pytest.raises(InputError, match="FIFO"):
        read_input_bytes(root / "fifo")
