"""The JSON and SSE bodies the fake Hub serves, built from a scenario (hf-platform.md shapes)."""

from __future__ import annotations

import json
import re
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


def runtime(scenario: Scenario, space_id: str) -> dict[str, Any] | None:
    if space_id == scenario.space:
        return dict(scenario.data.get("runtime") or {"stage": "RUNNING"})
    for other in scenario.data.get("other_spaces") or ():
        if other.get("id") == space_id:
            return dict(other.get("runtime") or {"stage": "RUNNING"})
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
    names = {"1": "Website", "2": "API", "3": "Spaces", "4": "Spaces Proxy"}
    states = {"3": spec.get("spaces", "operational"), "4": spec.get("spaces_proxy", "operational")}
    included: list[dict[str, Any]] = [
        {"id": "10", "type": "status_page_section", "attributes": {"name": "Huggingface Hub"}}
    ]
    for rid, name in names.items():
        attrs = {"public_name": name, "status": states.get(rid, "operational"), "status_page_section_id": 10}
        included.append({"id": rid, "type": "status_page_resource", "attributes": {**attrs, "availability": 0.9996}})
    for n, report in enumerate(spec.get("reports") or (), start=1):
        affected = [{"status_page_resource_id": "3", "status": report.get("status", "degraded")}]
        attrs = {"title": report.get("title", "Spaces are degraded"), "report_type": "manual",
                 "starts_at": "2026-08-01T10:00:00.000Z", "aggregate_state": report.get("status", "degraded"),
                 "affected_resources": affected}
        included.append({"id": str(100 + n), "type": "status_report", "attributes": attrs})
    page = {"company_name": "Hugging Face", "aggregate_state": spec.get("aggregate_state", "operational")}
    return {"data": {"id": "165", "type": "status_page", "attributes": page}, "included": included}


def log_lines(scenario: Scenario, which: str, now: datetime) -> list[str]:
    spec = (scenario.data.get("logs") or {}).get(which) or {}
    start = since(scenario, now).strftime("%Y-%m-%d %H:%M:%S")
    return [str(line).replace("{since}", start) for line in spec.get("lines") or ()]


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
