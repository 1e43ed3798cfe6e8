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


def test_diagnose_file_keeps_file_order_and_bad_records(tmp_path: Path) -> None:
    from spacemedic.triage.cases import CaseError

    path = tmp_path / "cases.jsonl"
    path.write_text('{"runtime_stage": "BUILDING", "build_log_excerpt": "===== Build Queued at 2026-01-01 10:00:00 ====="}\n'
                    "not json\n"
                    '{"runtime_stage": "RUNTIME_ERROR", "error_message": "Memory limit exceeded (16Gi)"}\n', encoding="utf-8")
    items = spacemedic.diagnose_file(path, tried=["restart=failed"])
    assert [type(i).__name__ for i in items] == ["Diagnosis", "CaseError", "Diagnosis"]
    bad = items[1]
    assert isinstance(bad, CaseError) and bad.line == 2
    last = items[2]
    assert isinstance(last, Diagnosis) and last.top is not None and last.top.bucket is Bucket.OUT_OF_MEMORY


def test_the_cli_renders_what_the_api_returns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One orchestration layer: `diagnose --from` prints exactly the api's diagnosis, rendered.
    from spacemedic.cli import main
    from spacemedic.render import diagnosis_json

    path = EXAMPLES / "bundles" / "out_of_memory.json"
    assert main(["diagnose", "--from", str(path), "--tried", "restart=failed", "-f", "json"]) == 0
    printed = capsys.readouterr().out
    (found,) = spacemedic.diagnose_file(path, tried=["restart=failed"])
    assert isinstance(found, Diagnosis)
    assert printed.rstrip("\n") == diagnosis_json.render_many([found]).rstrip("\n")


def test_live_diagnose_reports_progress_and_names_the_space_as_given() -> None:
    heard: list[str] = []
    with FakeHub(load_scenario("hardware_capacity")) as hub:
        d = spacemedic.diagnose(hub.space, endpoint=hub.url, token="hf_" + "a" * 34, status_url=hub.status_url,
                                time_box=5.0, notify=heard.append, collect_options={"log_seconds": 2.0})
    assert d.target == hub.space and d.top is not None and d.top.bucket is Bucket.HARDWARE_CAPACITY
    assert any(line.startswith(f"reading {hub.space}") for line in heard)


def test_the_cli_commands_do_not_orchestrate() -> None:
    # The CLI parses and renders; collecting, enriching and classifying happen in spacemedic.api.
    cli = Path(spacemedic.__file__).parent / "cli"
    for name in ("diagnose_cmd.py", "collect_cmd.py"):
        text = (cli / name).read_text(encoding="utf-8")
        for word in ("spacemedic.hub", "gather(", "enrich(", "user_overlay", "lint_path", "spacemedic.triage import"):
            assert word not in text, (name, word)
