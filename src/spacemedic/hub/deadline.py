"""A hard wall-clock bound on one blocking call.

httpx's timeouts bound each phase of a request (connect, each read), not the whole of it: a server
that trickles a byte every few seconds, or a client that retries (huggingface_hub backs off and
retries on 5xx and timeouts), can keep one call going far past its box. `within` runs the call in
a daemon thread and stops waiting at the box; the thread is abandoned (it ends with the process).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from spacemedic.errors import HubTimeoutError

_T = TypeVar("_T")


def within(seconds: float, what: str, fn: Callable[[], _T]) -> _T:
    """`fn()`, or `HubTimeoutError` when it has not returned after `seconds`."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name=f"hub-call {what}"[:60], daemon=True).start()
    if not done.wait(None if seconds == float("inf") else max(0.0, seconds)):
        raise HubTimeoutError(f"{what}: no answer within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    value: _T = box["value"]
    return value
