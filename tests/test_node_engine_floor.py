"""The npm range reader behind SM559 (rules/requirements/node_engine_too_old.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacemedic.rules.requirements.node_engine_too_old import _floor, _lowest_major


@pytest.mark.parametrize(
    ("spec", "major"),
    [("^9.6.1", 9), ("~7.0", 7), (">=20", 20), ("9.x", 9), ("9", 9), ("latest", None), (">=6 <8", None), ("^8 || ^9", None), ("file:../x", None)],
)
def test_lowest_major(spec: str, major: int | None) -> None:
    assert _lowest_major(spec) == major


def test_floor_applies_from_the_listed_major_on() -> None:
    assert _floor("mongoose", 8) is None
    assert _floor("mongoose", 9) == 20 and _floor("mongoose", 10) == 20
    assert _floor("left-pad", 99) is None


@given(st.text(max_size=100))
def test_any_spec_gives_an_int_or_none(spec: str) -> None:
    assert _lowest_major(spec) is None or isinstance(_lowest_major(spec), int)
