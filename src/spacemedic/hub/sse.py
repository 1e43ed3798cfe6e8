"""The Hub's log streams (`/api/spaces/{id}/logs/{build|run}`): Server-Sent Events, read so that
an open stream with only keep-alives, a closed empty stream and a server that never answered stay
three different things.

Wire format (hf-platform.md §3.2): events `data: {"data": "<text>", "timestamp": "..."}` separated
by a blank line; keep-alives are an empty `data:` event or a `: keep-alive` comment; the `data`
text may hold several log lines. huggingface_hub's `fetch_space_logs` drops keep-alives and
yields each event's text whole, so a reader on top of it cannot tell "open, nothing yet" from "no
answer"; this module reads the same endpoint through huggingface_hub's own HTTP session and
headers and reports the stream's opening and its keep-alives as markers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Union


@dataclass(frozen=True)
class Mark:
    """A stream event that carries no log text: the stream opened, a keep-alive, a bad event."""

    kind: str  # "open" | "keepalive" | "malformed"


OPEN, KEEPALIVE, MALFORMED = Mark("open"), Mark("keepalive"), Mark("malformed")
Item = Union[str, Mark]
MAX_EVENT_CHARS = 1 << 20  # one event larger than this is cut: a bound on memory, not on the stream


def parse_events(lines: Iterable[str]) -> Iterator[Item]:
    """SSE text lines -> log texts and markers (pure). Never raises on odd input."""
    data: list[str] = []
    size = 0
    comment = False
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line == "":
            if data:
                yield _event("\n".join(data))
            elif comment:
                yield KEEPALIVE
            data, size, comment = [], 0, False
            continue
        if line.startswith(":"):
            comment = True
            continue
        field, _, value = line.partition(":")
        if field == "data" and size < MAX_EVENT_CHARS:
            value = value[1:] if value.startswith(" ") else value
            data.append(value[: MAX_EVENT_CHARS - size])
            size += len(value)
    if data:  # a stream that ends without the final blank line: the last event still counts
        yield _event("\n".join(data))
    elif comment:
        yield KEEPALIVE


def _event(payload: str) -> Item:
    if not payload.strip():
        return KEEPALIVE
    try:
        obj = json.loads(payload)
    except ValueError:
        return MALFORMED
    if isinstance(obj, dict) and isinstance(obj.get("data"), str):
        return str(obj["data"])
    return MALFORMED


def stream_space_log(api: Any, repo_id: str, *, build: bool, read_timeout: float) -> Iterator[Item]:
    """GET the log stream through huggingface_hub's session: OPEN once the server answers 200,
    then the parsed events. HTTP errors raise huggingface_hub's errors (the status is kept)."""
    from huggingface_hub import get_session
    from huggingface_hub.utils._headers import build_hf_headers
    from huggingface_hub.utils._http import hf_raise_for_status

    url = f"{api.endpoint.rstrip('/')}/api/spaces/{repo_id}/logs/{'build' if build else 'run'}"
    headers = build_hf_headers(token=api.token)
    with get_session().stream("GET", url, headers=headers, timeout=read_timeout) as response:
        if response.status_code != 200:
            response.read()
            hf_raise_for_status(response)
            raise ValueError(f"unexpected status {response.status_code}")
        yield OPEN
        yield from parse_events(response.iter_lines())
