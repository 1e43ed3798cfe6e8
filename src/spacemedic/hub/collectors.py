"""One function per piece of evidence. Each does its own I/O and returns plain JSON-ready data.

They raise on failure; `spacemedic.hub.collect` runs them concurrently, time-boxes them and turns
exceptions into `Unavailable` notes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Mapping

FAILING_STAGES = frozenset({"BUILD_ERROR", "RUNTIME_ERROR", "PAUSED"})
SPACE_IN_ERROR = "your space is in error"
APP_BODY_BYTES = 8 * 1024  # the proxy's error page fits; the Space's own app may send gigabytes
STATUS_BODY_BYTES = 2 * 1024 * 1024  # Better Stack's index.json is a few dozen KB


def read_capped(response: Any, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes of a streamed httpx response, and whether there was more (not read)."""
    chunks: list[bytes] = []
    seen = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        seen += len(chunk)
        if seen >= limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


@dataclass(frozen=True)
class HubTarget:
    """Where and what to read. `token=None` lets huggingface_hub find the usual token."""

    repo_id: str
    endpoint: str
    token: str | None = None
    status_url: str = "https://status.huggingface.co/index.json"
    max_other_spaces: int = 10
    max_commits: int = 20
    http_timeout: float = 5.0

    @property
    def owner(self) -> str:
        return self.repo_id.split("/")[0]


def make_api(target: HubTarget) -> Any:
    from huggingface_hub import HfApi

    return HfApi(endpoint=target.endpoint, token=target.token)


def runtime(api: Any, target: HubTarget) -> dict[str, Any]:
    raw = api.get_space_runtime(target.repo_id).raw
    if not isinstance(raw, dict) or not isinstance(raw.get("stage"), str):
        raise ValueError("the runtime has no stage")
    return dict(raw)


def info(api: Any, target: HubTarget) -> dict[str, Any]:
    data = api.space_info(target.repo_id, timeout=target.http_timeout)
    card = getattr(data, "card_data", None)
    rt = getattr(data, "runtime", None)
    return {
        "id": data.id,
        "sha": data.sha,
        "sdk": data.sdk,
        "host": getattr(data, "host", None),
        "subdomain": getattr(data, "subdomain", None),
        "private": data.private,
        "disabled": data.disabled,
        "last_modified": data.last_modified.isoformat() if data.last_modified else None,
        "used_storage": getattr(data, "used_storage", None),
        "card_data": card.to_dict() if card is not None else None,
        "runtime": dict(rt.raw) if rt is not None and isinstance(rt.raw, dict) else None,
    }


def commits(api: Any, target: HubTarget) -> list[dict[str, Any]]:
    listed = api.list_repo_commits(target.repo_id, repo_type="space")
    return [
        {"id": c.commit_id, "title": c.title, "date": c.created_at.isoformat() if c.created_at else None}
        for c in listed[: target.max_commits]
    ]


def other_spaces(api: Any, target: HubTarget) -> list[dict[str, Any]]:
    """The owner's other Spaces and their stages (at most `max_other_spaces`)."""
    listed = api.list_spaces(author=target.owner, expand=["runtime"], limit=target.max_other_spaces + 1)
    out: list[dict[str, Any]] = []
    for space in itertools.islice(listed, target.max_other_spaces + 1):
        if space.id == target.repo_id:
            continue
        rt = getattr(space, "runtime", None)
        raw: Mapping[str, Any] = rt.raw if rt is not None and isinstance(rt.raw, dict) else {}
        if not raw:
            try:
                raw = api.get_space_runtime(space.id).raw
            except Exception:  # noqa: BLE001 - one neighbour we cannot read is not evidence
                raw = {}
        out.append({"id": space.id, "stage": raw.get("stage"), "error_message": raw.get("errorMessage")})
    return out[: target.max_other_spaces]


def status_page(target: HubTarget) -> dict[str, Any]:
    """Better Stack index.json (body capped): the page state, every resource's status, open reports."""
    import json

    import httpx

    from spacemedic.hub.status_page import parse_status_page

    with httpx.stream("GET", target.status_url, timeout=target.http_timeout, follow_redirects=True) as response:
        response.raise_for_status()
        body, more = read_capped(response, STATUS_BODY_BYTES)
    if more:
        raise ValueError(f"the status page is larger than {STATUS_BODY_BYTES // (1024 * 1024)} MiB; not read")
    doc = json.loads(body)
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict):
        raise ValueError("the status page JSON has no `data` object")
    return parse_status_page(doc)


def app_probe(host: str, target: HubTarget) -> dict[str, Any]:
    """One GET of the app URL: does the proxy reach the app, or say the Space is in error?"""
    import httpx

    url = host.rstrip("/") + "/"
    with httpx.stream("GET", url, timeout=target.http_timeout, follow_redirects=False) as response:
        raw, _ = read_capped(response, APP_BODY_BYTES)
    body = raw.decode("utf-8", errors="replace")
    return {
        "url": url,
        "status": response.status_code,
        "space_in_error": SPACE_IN_ERROR in body.lower(),
        "preparing": "preparing space" in body.lower(),
        "request_id": response.headers.get("x-request-id"),
        "proxied": any(k.lower().startswith("x-proxied-") for k in response.headers),
        "replica": response.headers.get("x-proxied-replica"),
        "date": response.headers.get("date"),
    }
