"""Posting a JSON summary to a webhook (Slack, Discord, anything that takes JSON)."""

from __future__ import annotations

import json
from typing import Any

from spacemedic.models import Unavailable
from spacemedic.redact import redact

NOTIFY_TIMEOUT_S = 10.0


def post_json(url: str, payload: dict[str, Any], timeout: float = NOTIFY_TIMEOUT_S) -> Unavailable | None:
    """POST `payload`, redacted; None on a 2xx, else why it failed.

    Never raises: a watch that ran for hours outlives its webhook. The body passes the same
    redaction layer as everything printed, since error messages carry container output.
    """
    import httpx

    body = redact(json.dumps(payload))
    try:
        response = httpx.post(
            url, content=body.encode(), headers={"Content-Type": "application/json"}, timeout=timeout,
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        return Unavailable("notify", f"webhook not reached: {type(exc).__name__}")
    if response.status_code >= 300:
        return Unavailable("notify", f"webhook answered HTTP {response.status_code}")
    return None
