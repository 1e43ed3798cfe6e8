"""The library entry points, as a Python user calls them (real fake Hub on a real socket)."""

from __future__ import annotations

from pathlib import Path

import pytest

import spacemedic
from spacemedic.errors import UsageError
from spacemedic.hub.bundle import load_bundle
from spacemedic.models import Bucket, Confidence, Diagnosis, Report
from spacemedic.testing import FakeHub, load_scenario
from tests.conftest import EXAMPLES


def test_public_api_is_explicit() -> None:
    for name in spacemedic.__all__:
        assert getattr(spacemedic, name) is not None
    with pytest.raises(AttributeError):
        spacemedic.no_such_thing  # noqa: B018


def test_lint_returns_a_report() -> None:
    report = spacemedic.lint(EXAMPLES / "docker-fastapi-broken")
    assert isinstance(report, Report)
    assert {"SM300", "SM301"} <= {f.code for f in report.findings}


def test_diagnose_a_saved_bundle_with_what_was_tried() -> None:
    bundle = load_bundle(EXAMPLES / "bundles" / "out_of_memory.json")
    d = spacemedic.diagnose(bundle=bundle, tried=["restart=failed"])
    assert isinstance(d, Diagnosis) and d.top is not None
    assert d.top.bucket is Bucket.OUT_OF_MEMORY and d.top.confidence is Confidence.STATED


def test_diagnose_live_against_the_fake_hub(tmp_path: Path) -> None:
    with FakeHub(load_scenario("hardware_capacity")) as hub:
        bundle = spacemedic.collect(hub.space, endpoint=hub.url, token="hf_" + "a" * 34, status_url=hub.status_url)
        d = spacemedic.diagnose(bundle=bundle)
        methods = {r.method for r in hub.requests}
    assert d.top is not None and d.top.bucket is Bucket.HARDWARE_CAPACITY
    assert methods == {"GET"}


def test_diagnose_needs_exactly_one_source() -> None:
    with pytest.raises(UsageError):
        spacemedic.diagnose()
