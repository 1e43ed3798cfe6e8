"""`spacemedic report`: the right addressee per bucket, a complete body, wording that matches the
confidence, the shareable zip. Golden files: tests/golden/report/<bucket>.md, rewritten only with
SPACEMEDIC_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from spacemedic.cli import main
from spacemedic.models import Bucket, Confidence, Diagnosis, Hypothesis, Observations, Outcome, Signals
from spacemedic.render.report import compose, render_json, render_markdown, render_text
from spacemedic.render.report_facts import build_facts
from spacemedic.render.report_templates import SUPPORT_EMAIL, Route, route_for
from spacemedic.testing import FakeHub, load_scenario
from tests.conftest import ROOT

BUNDLES = ROOT / "examples" / "bundles"
GOLDEN = ROOT / "tests" / "golden" / "report"
BUCKETS = [b.value for b in Bucket]

EXPECTED_ROUTE = {
    "platform_incident": Route.INCIDENT,
    "builder_or_scheduler_stuck": Route.SUPPORT,
    "lifecycle_stuck_state": Route.SUPPORT,
    "moderation_lock": Route.CONTENT_POLICY,  # the scenario's runtime says "Flagged as abusive": stated
    "repo_storage_limit": Route.SUPPORT,
    "hardware_capacity": Route.SUPPORT,
    "normal_sleep_or_pause": Route.NOTHING,
    "other": Route.SUPPORT,
}


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("bucket", BUCKETS)
def test_golden_report_per_bucket(bucket: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["report", "--from", str(BUNDLES / f"{bucket}.json")], capsys)
    assert code == 0, err
    golden = GOLDEN / f"{bucket}.md"
    if os.environ.get("SPACEMEDIC_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; run with SPACEMEDIC_UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("bucket", BUCKETS)
def test_addressee_and_complete_body_per_bucket(bucket: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["report", "--from", str(BUNDLES / f"{bucket}.json"), "-f", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["schema"] == "spacemedic.report/1"
    assert data["bucket"] == bucket
    route = EXPECTED_ROUTE.get(bucket, Route.SELF_FIX)
    assert data["route"] == route.value
    body = data["body_markdown"]
    assert data["subject"].startswith("Space ") and (bucket == "other" or bucket.split("_")[0] in data["subject"].lower())
    if route in (Route.SUPPORT, Route.CONTENT_POLICY, Route.INCIDENT):
        for label in ("Space URL", "Account / namespace", "SDK", "Hardware (requested)", "Runtime stage", "Runtime errorMessage",
                      "Start command", "Direct *.hf.space URL", "Latest commit",
                      "Last known working commit", "Request ids and times (UTC)", "Build log", "Container log", "Already tried"):
            assert label in body, label
        for label in ("README app_port", "Dockerfile EXPOSE"):  # Docker-only fields
            assert (label in body) is (data["facts"]["sdk"] in (None, "docker")), label
        assert "UTC" in body
        if route is not Route.INCIDENT:
            assert SUPPORT_EMAIL in data["to"]
        else:
            assert "status.huggingface.co" in data["to"] and "discuss.huggingface.co" in data["to"]
    elif route is Route.SELF_FIX:
        assert "No support ticket" in body and "- [ ] " in body and "@" not in data["to"]
    else:
        assert body.startswith("Nothing to report") and "Restart" in body


def _diag(bucket: Bucket, confidence: Confidence) -> Diagnosis:
    return Diagnosis("alice/demo", (Hypothesis(bucket, 0.7, confidence, "s", next_steps=("Fix it.",)),), stage="PAUSED")


def test_inferred_moderation_goes_to_support_and_never_says_banned() -> None:
    signals = Signals(id="alice/demo", runtime_stage="PAUSED",
                      observations=Observations(restart=Outcome.FAILED, restart_error_text="Root=1-6938d880-3c2a37cf5f60af613ce8d7b0"))
    d = _diag(Bucket.MODERATION_LOCK, Confidence.INFERRED)
    r = compose(d, build_facts(d, signals))
    assert r.route is Route.SUPPORT and r.to == SUPPORT_EMAIL
    assert "suspected moderation lock" in r.subject
    text = (r.subject + r.body).lower()
    assert "resembles" in text and "banned" not in text and "confirmed ban" not in text
    assert "Root=1-6938d880-3c2a37cf5f60af613ce8d7b0" in r.body  # the request id reaches the report
    assert "restart: failed" in r.body
    assert "<fill in: what the Space does" in r.body and "What the Space does" in r.missing


def test_purpose_fills_the_moderation_section() -> None:
    d = _diag(Bucket.MODERATION_LOCK, Confidence.STATED)
    facts = build_facts(d, Signals(id="alice/demo"), purpose="A news search UI; it calls one public API and relays nothing.")
    md = render_markdown(d, facts)
    assert "A news search UI" in md and "content-policy" in md
    assert "What the Space does" not in compose(d, facts).missing


def test_unknown_fields_are_marked_blanks_not_guesses() -> None:
    d = Diagnosis(None, (Hypothesis(Bucket.LIFECYCLE_STUCK_STATE, 0.6, Confidence.INFERRED, "s"),))
    r = compose(d, build_facts(d, Signals()))
    assert "<fill in: " in r.body and {"SDK", "Runtime stage", "Request id"} <= set(r.missing)


@pytest.mark.parametrize(("bucket", "route"), [(b, route_for(b, Confidence.INFERRED)) for b in Bucket])
def test_every_bucket_has_a_route_and_app_side_means_no_ticket(bucket: Bucket, route: Route) -> None:
    if not bucket.hf_side and bucket not in (Bucket.OTHER, Bucket.NORMAL_SLEEP_OR_PAUSE):
        assert route is Route.SELF_FIX
    d = _diag(bucket, Confidence.INFERRED)
    facts = build_facts(d, Signals(id="alice/demo"))
    assert render_text(d, facts).startswith("To: ")
    assert json.loads(render_json(d, facts))["route"] == route.value


def test_bundle_zip_unzips_to_the_promised_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("---\ntitle: x\nsdk: docker\napp_port: 7860\n---\n", encoding="utf-8")
    (repo / "Dockerfile").write_text("FROM python:3.11\nEXPOSE 7860\nCMD [\"python\", \"app.py\"]\n", encoding="utf-8")
    zpath = tmp_path / "out.zip"
    code, out, err = _run(["report", "--from", str(BUNDLES / "builder_or_scheduler_stuck.json"), "--repo", str(repo),
                           "--bundle", str(zpath), "--tried", "restart=failed"], capsys)
    assert code == 0 and f"wrote {zpath}" in err
    with zipfile.ZipFile(zpath) as zf:
        names = set(zf.namelist())
        assert {"report.md", "evidence.json", "logs/build.log", "lint.json", "manifest.json"} <= names
        manifest = json.loads(zf.read("manifest.json"))
        evidence = json.loads(zf.read("evidence.json"))
        report_md = zf.read("report.md").decode()
    assert manifest["schema"] == "spacemedic.report-bundle/1" and set(manifest["files"]) == names - {"manifest.json"}
    assert all(isinstance(v, int) for v in manifest["redacted"].values())
    assert evidence["diagnosis"]["hypotheses"][0]["bucket"] == "builder_or_scheduler_stuck"
    assert report_md == out
    assert "**Dockerfile EXPOSE:** 7860" in out and 'CMD ["python", "app.py"]' in out and "restart: failed" in out


def test_report_from_a_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"id": "c1", "runtime_stage": "RUNTIME_ERROR", "error_message": "Scheduling failure: not enough hardware capacity",
                                "observations": {"hardware": "a10g-small"}}), encoding="utf-8")
    code, out, _ = _run(["report", "--from", str(case), "-f", "text"], capsys)
    assert code == 0 and out.startswith(f"To: {SUPPORT_EMAIL}") and "hardware capacity" in out and "a10g-small" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["report"], capsys)[0] == 2
    assert _run(["report", "--from", "/nonexistent.json"], capsys)[0] == 2


@pytest.mark.parametrize("bucket", ["moderation_lock", "builder_or_scheduler_stuck", "port_or_bind_mismatch", "normal_sleep_or_pause"])
def test_live_report_against_the_fake_hub(bucket: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_" + "Zq8" * 12)
    with FakeHub(load_scenario(bucket)) as hub:
        code, out, err = _run(["report", hub.space, "--endpoint", hub.url, "--status-url", hub.status_url, "-f", "json",
                               "--timeout", "4", "--log-seconds", "1"], capsys)
    data = json.loads(out)
    assert code == 0 and data["bucket"] == bucket
    assert data["route"] == EXPECTED_ROUTE.get(bucket, Route.SELF_FIX).value
    assert "Zq8Zq8" not in out + err


def test_readme_example_is_the_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reporting to Hugging Face", 1)[1]
    example = section.split("~~~~markdown\n", 1)[1].split("\n~~~~", 1)[0] + "\n"
    code, out, _ = _run(["report", "--from", str(BUNDLES / "builder_or_scheduler_stuck.json"), "--tried", "restart=failed"], capsys)
    assert code == 0 and out == example
