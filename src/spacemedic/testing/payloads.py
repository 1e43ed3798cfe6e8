"""The JSON and SSE bodies the fake Hub serves, built from a scenario (hf-platform.md shapes).

`RECORDED` holds bodies the real Hub (and the real status page provider) sent, copied verbatim
from recordings made by others, each with its source. A scenario uses one with
`runtime: {$recorded: NAME}` (keys beside `$recorded` override), and tests/test_real_shapes.py
replays every one of them through the collectors.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator, Mapping

from spacemedic.testing.scenario import Scenario

SPACE_IN_ERROR = "Your space is in error, check its status on hf.co"
DEFAULT_SHA = "9042a53d0f48e2825c8bd162daf72792464d6c7c"


def subdomain_of(scenario: Scenario) -> str:
    info = scenario.data.get("info") or {}
    return str(info.get("subdomain") or re.sub(r"[/_.]", "-", scenario.space).lower())


def since(scenario: Scenario, now: datetime) -> datetime:
    """Clock control: when the Space entered its stage (`stage_minutes` before `now`)."""
    minutes = float(scenario.data.get("stage_minutes") or 5)
    return now - timedelta(minutes=minutes)


@dataclass(frozen=True)
class Recorded:
    """One real response body and where it was recorded."""

    source: str
    body: Any


_CASSETTE = "huggingface/huggingface_hub@ee0a4510 tests/cassettes/TestSpaceAPIProduction.{}.yaml (recorded 2025-03-07)"
_MQL = ("mondoohq/mql@0647538 providers/huggingface/internal/huggingface-hub-go/models/space_test.go "
        "(live bodies quoted in the tests)")
_MIRROR = ("databankbni/hf-spaces-mirror-s0@26f3e69 {}/_hf_meta.json -> hf_metadata.runtime "
           "(captured from /api/spaces/{{id}} 2026-08-04/06)")
_BETTERSTACK = ("Better Stack docs: uptime/status-pages/subscribing-to-status-updates/subscribing-to-api and "
                "uptime/api/status-page-reports-api-response-params (the documented index.json shape)")

RECORDED: dict[str, Recorded] = {
    # --- /api/spaces/{id}/runtime, verbatim
    "building_after_commit": Recorded(_CASSETTE.format("test_space_runtime"), {
        "stage": "BUILDING", "hardware": {"current": None, "requested": "cpu-basic"}, "storage": None,
        "gcTimeout": 172800, "replicas": {"requested": 1}, "devMode": False,
        "domains": [{"domain": "user-tmp-test-space.hf.space", "stage": "READY"}]}),
    "paused_by_owner": Recorded(_CASSETTE.format("test_pause_and_restart_space") + ", POST /pause", {
        "stage": "PAUSED", "hardware": {"current": None, "requested": "cpu-basic"}, "storage": None,
        "gcTimeout": 172800, "replicas": {"requested": 1}, "devMode": False,
        "domains": [{"domain": "user-tmp-test-space.hf.space", "stage": "READY"}]}),
    "static_running": Recorded(_CASSETTE.format("test_static_space_runtime"), {
        "stage": "RUNNING", "hardware": {"current": None, "requested": None}, "storage": None,
        "replicas": {"requested": 1, "current": 1}}),
    "paused_minimal": Recorded(_MQL + ", TestSpaceDecodeAbsentOptionals", {
        "stage": "PAUSED", "hardware": {"current": None, "requested": "cpu-basic"},
        "replicas": {"current": None, "requested": 1}}),
    "running_docker_custom_domain": Recorded(_MQL + ", runningSpaceBody (enzostvs/deepsite)", {
        "stage": "RUNNING", "hardware": {"current": "cpu-xl", "requested": "cpu-xl"}, "gcTimeout": 172800,
        "replicas": {"current": 1, "requested": 1}, "devMode": False,
        "domains": [{"domain": "enzostvs-space-generator.hf.space", "stage": "READY"},
                    {"domain": "deepsite.hf.co", "stage": "EXPIRED_CHALLENGE"}],
        "pySpacesVersion": "0.48.2"}),
    "running_autoscaling": Recorded(_MQL + ", TestSpaceDecodeAutoscalingReplicas (black-forest-labs/FLUX.1-dev)", {
        "stage": "RUNNING", "hardware": {"current": "zero-a10g", "requested": "zero-a10g"},
        "replicas": {"current": 3, "requested": "auto"}}),
    "running_gradio_with_sha": Recorded(_MIRROR.format("Aatika/Hindi-News-TTS"), {
        "devMode": False, "domains": [{"domain": "aatika-hindi-news-tts.hf.space", "stage": "READY"}],
        "gcTimeout": 172800, "hardware": {"current": "cpu-basic", "requested": "cpu-basic"},
        "pySpacesVersion": "0.51.1", "replicas": {"current": 1, "requested": 1},
        "sha": "9042a53d0f48e2825c8bd162daf72792464d6c7c", "stage": "RUNNING"}),
    "sleeping": Recorded(_MIRROR.format("AndreiYo037/stock_picker"), {
        "devMode": False, "domains": [{"domain": "andreiyo037-stock-picker.hf.space", "stage": "READY"}],
        "gcTimeout": 172800, "hardware": {"current": None, "requested": "cpu-basic"}, "replicas": {"requested": 1},
        "stage": "SLEEPING"}),
    "paused_paid_custom_sleep": Recorded(_MIRROR.format("Fernandosr85/rasopathy-rephrase-on-vs-off"), {
        "devMode": False, "domains": [{"domain": "fernandosr85-rasopathy-rephrase-on-vs-off.hf.space", "stage": "READY"}],
        "gcTimeout": 1800, "hardware": {"current": None, "requested": "a100x4"}, "replicas": {"requested": 1},
        "stage": "PAUSED"}),
    "runtime_error_launch_timeout": Recorded(_MIRROR.format("Titipong202539/gold-ai-server"), {
        "devMode": False, "domains": [{"domain": "titipong202539-gold-ai-server.hf.space", "stage": "READY"}],
        "errorMessage": "Launch timed out, workload was not healthy after 30 min", "gcTimeout": 172800,
        "hardware": {"current": None, "requested": "cpu-basic"}, "replicas": {"requested": 1}, "stage": "RUNTIME_ERROR"}),
    "runtime_error_scheduling": Recorded(_MIRROR.format("Yash893508/Personal"), {
        "devMode": False, "domains": [{"domain": "yash893508-personal.hf.space", "stage": "READY"}],
        "errorMessage": "Scheduling failure: unable to schedule", "gcTimeout": 172800,
        "hardware": {"current": None, "requested": "cpu-basic"}, "replicas": {"requested": 1}, "stage": "RUNTIME_ERROR"}),
    "paused_flagged": Recorded(_MIRROR.format("muhammadbilal10101/news-serach-api"), {
        "abuse": {"detector": "abuse-handler", "flaggedAt": "2026-07-06T08:20:17.644Z",
                  "reason": "Blocked by abuse-handler by rule: proc_scan: cmdline match: 'searxng' in 'searxng'"},
        "devMode": False, "domains": [{"domain": "muhammadbilal10101-news-serach-api.hf.space", "stage": "READY"}],
        "errorMessage": "Flagged as abusive", "gcTimeout": 172800,
        "hardware": {"current": None, "requested": "cpu-basic"}, "replicas": {"requested": 1}, "stage": "PAUSED"}),
    # --- log stream lines (SSE), as quoted from real build logs and the Jobs log endpoint
    "log_events": Recorded(
        "build-log banner: Cinnamon/kotaemon#725; SSE event shape: huggingface/huggingface_hub#4202 (Jobs logs, "
        "same `data: {\"data\", \"timestamp\"}` format as Spaces logs per huggingface_hub's fetch_space_logs)",
        [b'data: {"data":"===== Build Queued at 2025-04-03 01:39:30 / Commit SHA: 59f0ef5 =====\\n",'
         b'"timestamp":"2025-04-03T01:39:30Z"}\n\n',
         b"data:\n\n", b": keep-alive\n\n",
         b'data: {"data":"--> FROM ghcr.io/cinnamon/kotaemon:main-lite\\nDONE 5.9s\\n","timestamp":"2025-04-03T01:39:31.120Z"}\n\n']),
    # --- status.huggingface.co/index.json (Better Stack), the documented shape
    "status_page_documented": Recorded(_BETTERSTACK, {
        "data": {"id": "165", "type": "status_page", "attributes": {
            "company_name": "Your Company", "company_url": "https://example.com",
            "contact_url": "https://example.com/support", "logo_url": "https://example.com/logo.png",
            "timezone": "America/New_York", "subdomain": "your-company-status", "custom_domain": "status.example.com",
            "announcement": "Scheduled maintenance tonight at 2am EST", "aggregate_state": "operational",
            "created_at": "2025-01-15T10:30:00.000Z", "updated_at": "2025-02-16T14:20:00.000Z"},
            "relationships": {"sections": {"data": []}, "resources": {"data": []}, "status_reports": {"data": []}}},
        "included": []}),
}


def _resolve(spec: Any) -> dict[str, Any] | None:
    """A runtime as the scenario gives it: verbatim, or a recorded body plus overrides."""
    if not isinstance(spec, dict):
        return None
    name = spec.get("$recorded")
    if name is None:
        return dict(spec)
    body = dict(RECORDED[str(name)].body)
    body.update({k: v for k, v in spec.items() if k != "$recorded"})
    return body


def runtime(scenario: Scenario, space_id: str) -> dict[str, Any] | None:
    if space_id == scenario.space:
        return _resolve(scenario.data.get("runtime")) or {"stage": "RUNNING"}
    for other in scenario.data.get("other_spaces") or ():
        if other.get("id") == space_id:
            return _resolve(other.get("runtime")) or {"stage": "RUNNING"}
    return None


def info(scenario: Scenario, app_base: str) -> dict[str, Any]:
    owner = scenario.space.split("/")[0]
    body: dict[str, Any] = {"_id": "6a3a7f7902e6e7f9c780f4ee", "id": scenario.space, "author": owner}
    body.update({"sha": DEFAULT_SHA, "private": False, "disabled": False, "gated": False, "likes": 0})
    body.update(scenario.data.get("info") or {})
    body["subdomain"] = subdomain_of(scenario)
    body["host"] = f"{app_base}/{body['subdomain']}"
    body["runtime"] = runtime(scenario, scenario.space)
    return body


def list_spaces(scenario: Scenario, author: str | None, expand: list[str]) -> list[dict[str, Any]]:
    main = {"id": scenario.space, "runtime": runtime(scenario, scenario.space)}
    others = [{"id": o["id"], "runtime": runtime(scenario, o["id"])} for o in scenario.data.get("other_spaces") or ()]
    out = []
    for item in [main, *others]:
        if author and item["id"].split("/")[0].lower() != author.lower():
            continue
        entry: dict[str, Any] = {"_id": "6a6112b32fa7f24184f3072d", "id": item["id"]}
        if "runtime" in expand and scenario.data.get("listing_runtime", True):  # false: one call per Space
            entry["runtime"] = item["runtime"]
        out.append(entry)
    return out


def commits(scenario: Scenario, now: datetime) -> list[dict[str, Any]]:
    listed = scenario.data.get("commits")
    if listed is None:
        sha = (scenario.data.get("info") or {}).get("sha", DEFAULT_SHA)
        listed = [{"id": sha, "title": "Update app.py"}]
    return [
        {
            "id": c["id"],
            "title": c.get("title", "Update"),
            "message": c.get("message", ""),
            "authors": [{"user": scenario.space.split("/")[0]}],
            "date": str(c.get("date") or since(scenario, now).strftime("%Y-%m-%dT%H:%M:%S.000Z")),
        }
        for c in listed
    ]


def status_page(scenario: Scenario) -> dict[str, Any]:
    spec: Mapping[str, Any] = scenario.data.get("status") or {}
    if isinstance(spec.get("$recorded"), str):
        return dict(RECORDED[spec["$recorded"]].body)
    names = {"1": "Website", "2": "API", "3": "Spaces", "4": "Spaces Proxy", "5": "Git Hosting and Serving",
             "6": "Inference Endpoints API"}
    states = {"3": spec.get("spaces", "operational"), "4": spec.get("spaces_proxy", "operational")}
    states.update({rid: spec[key] for rid, key in (("2", "api"), ("5", "git"), ("6", "inference_endpoints")) if key in spec})
    included: list[dict[str, Any]] = [
        {"id": "10", "type": "status_page_section", "attributes": {"name": "Huggingface Hub"}}
    ]
    for rid, name in names.items():
        attrs = {"public_name": name, "status": states.get(rid, "operational"), "status_page_section_id": 10}
        included.append({"id": rid, "type": "status_page_resource", "attributes": {**attrs, "availability": 0.9996}})
    for n, report in enumerate(spec.get("reports") or (), start=1):
        status = report.get("status", "degraded")
        affected = [{"status_page_resource_id": str(report.get("resource", "3")),
                     "status": "resolved" if status == "operational" else status}]
        attrs = {"title": report.get("title", "Spaces are degraded"), "report_type": report.get("type", "manual"),
                 "starts_at": report.get("starts_at", "2026-08-01T10:00:00.000Z"), "aggregate_state": status,
                 "affected_resources": affected}
        if report.get("ends_at"):  # Better Stack sets ends_at only for maintenance
            attrs["ends_at"] = report["ends_at"]
        included.append({"id": str(100 + n), "type": "status_report", "attributes": attrs})
    page = {"company_name": "Hugging Face", "aggregate_state": spec.get("aggregate_state", "operational")}
    return {"data": {"id": "165", "type": "status_page", "attributes": page}, "included": included}


def log_lines(scenario: Scenario, which: str, now: datetime) -> list[str]:
    """The texts of the log's events: `lines` (one line per event) or `events` (an event's text may
    hold several lines, as the real stream's do)."""
    spec = (scenario.data.get("logs") or {}).get(which) or {}
    start = since(scenario, now).strftime("%Y-%m-%d %H:%M:%S")
    return [str(line).replace("{since}", start) for line in spec.get("events") or spec.get("lines") or ()]


def sse_events(lines: list[str], start: datetime) -> Iterator[bytes]:
    """One `data: {"data", "timestamp"}` event per line; timestamps a second apart, all in the past."""
    for n, line in enumerate(lines):
        ts = (start + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        text = line if line.endswith("\n") else line + "\n"
        yield b"data: " + json.dumps({"data": text, "timestamp": ts}).encode() + b"\n\n"


def huge_events(total_bytes: int, start: datetime, line_bytes: int = 180) -> Iterator[bytes]:
    """About `total_bytes` of build-like output, in ~64 KiB batches of `line_bytes`-long lines."""
    ts = start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    pad = "x" * line_bytes
    sent, n = 0, 0
    per_batch = max(1, 65536 // (line_bytes + 60))
    while sent < total_bytes:
        batch = []
        for _ in range(per_batch):
            n += 1
            batch.append(b"data: " + json.dumps({"data": f"step {n} {pad}\n", "timestamp": ts}).encode() + b"\n\n")
        blob = b"".join(batch)
        sent += len(blob)
        yield blob


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
