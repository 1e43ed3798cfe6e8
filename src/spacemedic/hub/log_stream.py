"""A Space's build or run log, read through huggingface_hub's `HfApi.fetch_space_logs`.

The Hub serves `/api/spaces/{id}/logs/{build|run}` as Server-Sent Events (hf-platform.md §3.2)
and may hold the stream open for ever. `fetch_space_logs` (no-follow) parses it and yields each
event's text; `spacemedic.hub.logs.read_log` drains it in a worker thread within its bounds.

What the library lets spacemedic tell, and what it does not:

- *answered*: spacemedic's HTTP client (`spacemedic.hub.client`) hears the 200 and its headers
  in the reading thread before any event (`observe_responses`), so "the stream opened" is seen
  even when no line ever comes;
- *no output yet*: it answered and yielded no line before the time box ran out (the server kept
  it open), or until the library stopped reading a silent stream at its read timeout (5 s);
- *empty*: it answered, and the library ended it promptly without a line (the server closed it);
- *no answer*: no answer within the box (a timeout), or an HTTP error (the library raises it).

What it cannot tell: whether keep-alives arrived or how many (the library drops them), an open
silent stream from a server that closes an empty one only after the library's read timeout, and
anything after a malformed event (the library raises there; the lines read before are kept).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

LIBRARY_READ_TIMEOUT_S = 5.0  # fetch_space_logs' no-follow read timeout (huggingface_hub 2.0-2.4)


def space_log(api: Any, repo_id: str, *, build: bool) -> Iterator[str]:
    """The log's event texts, as `api.fetch_space_logs` yields them (an event may hold several
    lines). HTTP errors raise huggingface_hub's errors, which keep the response and its status."""
    from spacemedic.hub import client

    client.install()  # the "answered" observation needs spacemedic's client (idempotent)
    yield from api.fetch_space_logs(repo_id, build=build)
