"""Turn whatever a collector raised into an `Unavailable` with a reason a person can act on."""

from __future__ import annotations

import json
from typing import Any

from spacemedic.models import SourceState, Unavailable
from spacemedic.redact import redact

LOGIN_HINT = "log in with `hf auth login` or set HF_TOKEN"


def _response(exc: BaseException) -> Any:
    return getattr(exc, "response", None)


def status_of(exc: BaseException) -> int | None:
    response = _response(exc)
    code = getattr(response, "status_code", None)
    return code if isinstance(code, int) else None


def reason_for_status(status: int, source: str, headers: Any = None, *, has_token: bool = True) -> str:
    """The one-line explanation for an HTTP error status on `source`."""
    get = getattr(headers, "get", lambda key, default=None: default)
    if status == 401:
        if source.endswith("logs"):
            return f"401: the logs need the Space owner's token ({'the token was refused' if has_token else 'no token'}); {LOGIN_HINT}"
        if not has_token:
            return f"401: no token was sent and the Space is private or does not exist; {LOGIN_HINT}"
        return f"401: the token is missing or invalid; {LOGIN_HINT}"
    if status == 403:
        return "403: the token is valid but not allowed to read this (use a token of the owner with read access)"
    if status == 404:
        hint = "" if has_token else f" (private Spaces need a token: {LOGIN_HINT})"
        return f"404: not found, or private and not visible to this token{hint}"
    if status == 429:
        after = get("retry-after")
        return f"429: rate limited by the Hub; retry after {after} s" if after else "429: rate limited by the Hub; retry later"
    if status >= 500:
        return f"{status}: the server failed (a Hub-side error; often transient, retry in a minute)"
    return f"{status}: unexpected answer"


def unavailable_from(source: str, exc: BaseException, *, has_token: bool = True) -> Unavailable:
    """Explain `exc`, raised while collecting `source`, without ever echoing a token."""
    failed = SourceState.FAILED
    status = status_of(exc)
    if status is not None:
        headers = getattr(_response(exc), "headers", None)
        state = {401: SourceState.REFUSED, 403: SourceState.REFUSED, 404: SourceState.NOT_FOUND}.get(status, failed)
        return Unavailable(source, reason_for_status(status, source, headers, has_token=has_token), state)
    name = type(exc).__name__
    from spacemedic.errors import HubError, HubTimeoutError

    if isinstance(exc, HubTimeoutError):
        return Unavailable(source, f"no answer in time (timeout): {redact(str(exc))[:160]}")
    if isinstance(exc, HubError):  # already one line for a person (spacemedic's own transport)
        return Unavailable(source, redact(" ".join(str(exc).split()))[:200])
    if isinstance(exc, json.JSONDecodeError) or name == "JSONDecodeError":
        return Unavailable(source, "the answer was not valid JSON (malformed or cut short)", failed)
    if "Timeout" in name:
        return Unavailable(source, "no answer in time (timeout)", SourceState.TIMED_OUT)
    if "Connect" in name:
        return Unavailable(source, f"could not connect: {redact(str(exc))[:160]}", failed)
    if "RemoteProtocol" in name or "Incomplete" in name or "Decoding" in name:
        return Unavailable(source, "the connection closed before the answer was complete (truncated)", failed)
    if isinstance(exc, (KeyError, TypeError, ValueError, AttributeError)):
        return Unavailable(source, f"unexpected answer shape ({name}: {redact(str(exc))[:120]})", failed)
    first = " ".join(str(exc).split())[:160]
    return Unavailable(source, f"{name}: {redact(first)}" if first else name, failed)


def timed_out(source: str, seconds: float) -> Unavailable:
    return Unavailable(source, f"no complete answer within {seconds:g} s (timeout; the server may be slow or hanging)",
                       SourceState.TIMED_OUT)
