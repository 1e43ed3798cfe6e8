"""The HTTP client huggingface_hub uses on spacemedic's behalf: bounded, quiet, never shared-closed.

huggingface_hub keeps one process-wide client. Two of its habits hurt a time-boxed, concurrent
collector, and both were seen:

- its retry loop (`http_backoff`: 1 + 2 + 4 + 8 s on a refused connection, a timeout or a
  5xx) eats a 10 s box, so the report said "timeout" where the truth was "connection refused",
  and printed a "Retrying in ..." line per attempt;
- on a connection error it closes the shared client (`close_session`), and so every other
  request in flight in other threads, such as a log stream being read: "client has been
  closed", or a read on a socket another thread just closed ("Bad file descriptor").
  `set_client_factory` closes it too, so changing the timeout by installing a new factory did
  the same.

So the factory is installed once per process, and its transport turns a failed connection, a
timeout before the answer, and a 429 or 5xx answer to a GET into spacemedic's own `Hub*` errors, which
huggingface_hub neither retries nor answers by closing the client. A per-thread cap bounds every
request's timeout, so each collector's box holds whatever the library asks for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from spacemedic.errors import HubError, HubRateLimitError, HubServerError, HubTimeoutError

DEFAULT_CAP_S = 15.0
_installed = threading.Lock()
_state: dict[str, Any] = {"installed": False, "cap": DEFAULT_CAP_S}
_local = threading.local()


class HubUnreachable(HubError):
    """No connection to the Hub at all (refused, DNS, network down)."""


class HubRequestTimeout(HubTimeoutError):
    """No answer within the request's cap (connect, or the headers)."""


class HubStatusError(HubServerError):
    """A 5xx answer; `response` keeps the status for the reasons table."""

    def __init__(self, message: str, response: Any) -> None:
        super().__init__(message)
        self.response = response


class HubRateLimited(HubRateLimitError):
    """A 429 answer, with its Retry-After."""

    def __init__(self, message: str, response: Any, retry_after: float | None) -> None:
        super().__init__(message, retry_after=retry_after)
        self.response = response


def set_default_cap(seconds: float) -> None:
    """The timeout cap for threads that did not set their own (`watch`, `fleet`)."""
    _state["cap"] = float(seconds)


@contextmanager
def request_cap(seconds: float) -> Iterator[None]:
    """Within the block, no request of this thread waits longer than `seconds` per phase."""
    previous = getattr(_local, "cap", None)
    _local.cap = float(seconds)
    try:
        yield
    finally:
        _local.cap = previous


def _cap() -> float:
    cap = getattr(_local, "cap", None)
    return float(cap if cap is not None else _state["cap"])


def current_cap() -> float:
    """The timeout cap a request of this thread gets (its own, or the process default)."""
    return _cap()


@contextmanager
def observe_responses(callback: Callable[[Any], None]) -> Iterator[None]:
    """Within the block, `callback(response)` hears of every answer this thread's requests get,
    once its headers are in and before its body is read (huggingface_hub's readers show neither)."""
    previous = getattr(_local, "observer", None)
    _local.observer = callback
    try:
        yield
    finally:
        _local.observer = previous


def _observe(response: Any) -> None:
    callback = getattr(_local, "observer", None)
    if callback is not None:
        callback(response)


def install() -> None:
    """Give huggingface_hub spacemedic's client factory, once per process."""
    if _state["installed"]:
        return
    with _installed:
        if _state["installed"]:
            return
        import huggingface_hub

        huggingface_hub.set_client_factory(_factory)
        _state["installed"] = True


def _factory() -> Any:
    import httpx2
    from huggingface_hub.utils._http import hf_request_event_hook

    from spacemedic.hub.runtime_poll import cap_body, retry_after_seconds

    class BoundedTransport(httpx2.HTTPTransport):
        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            cap = _cap()
            timeout = dict(request.extensions.get("timeout") or {})
            request.extensions["timeout"] = {
                phase: min(cap, timeout.get(phase) or cap) for phase in ("connect", "read", "write", "pool")
            }
            where = f"{request.method} {request.url.host}{request.url.path}"
            try:
                response = super().handle_request(request)
            except httpx2.TimeoutException as exc:
                raise HubRequestTimeout(f"no answer within {cap:g} s from {where}") from exc
            except httpx2.ConnectError as exc:
                raise HubUnreachable(f"could not connect to {request.url.host}: {exc}") from exc
            # Reads only: an action (`spacemedic fix`'s restart) keeps huggingface_hub's own errors,
            # whose response and request id its caller reports.
            if request.method == "GET" and (response.status_code == 429 or response.status_code >= 500):
                response.read()
                response.close()
                if response.status_code == 429:
                    wait = retry_after_seconds(response.headers)
                    raise HubRateLimited(f"rate limited (429) by {where}", response, wait)
                raise HubStatusError(f"server error {response.status_code} from {where}", response)
            return response

    return httpx2.Client(
        transport=BoundedTransport(limits=httpx2.Limits(max_connections=64, max_keepalive_connections=64)),
        event_hooks={"request": [hf_request_event_hook], "response": [cap_body, _observe]},
        follow_redirects=True,
        timeout=httpx2.Timeout(DEFAULT_CAP_S),
    )
