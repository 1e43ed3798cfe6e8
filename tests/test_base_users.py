"""Which base images already own uid 1000 (space/base_users.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacemedic.space.base_users import uid_1000_user


@pytest.mark.parametrize(
    ("image", "owner"),
    [
        ("node:18-bullseye-slim", "node"),
        ("node", "node"),
        ("docker.io/library/node:20@sha256:abc", "node"),
        ("mcr.microsoft.com/playwright:v1.49.0-jammy", "pwuser"),
        ("ubuntu:24.04", "ubuntu"),
        ("ubuntu:latest", "ubuntu"),
        ("maven:3.9.12-eclipse-temurin-17-noble", "ubuntu"),
        ("nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04", "ubuntu"),
        ("ubuntu:22.04", None),
        ("nvidia/cuda:12.1.0-runtime-ubuntu22.04", None),
        ("python:3.11-slim", None),
        ("localhost:5000/node", None),
        ("${BASE}", None),
        (None, None),
    ],
)
def test_known_owners(image: str | None, owner: str | None) -> None:
    assert uid_1000_user(image) == owner


@given(st.text(max_size=200))
def test_any_text_gives_a_name_or_none(image: str) -> None:
    assert uid_1000_user(image) in (None, "node", "pwuser", "ubuntu")
