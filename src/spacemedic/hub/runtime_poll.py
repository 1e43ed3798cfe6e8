"""Reading a Space's runtime and head commit through huggingface_hub, time-boxed.

The only network code of `watch` and `fleet`. Every HTTP failure becomes one of the
`spacemedic.errors.Hub*` exceptions; a 429 carries the Retry-After the server sent.

Every call has a hard wall-clock box (`REQUEST_BOX_S`, as `diagnose`'s `--timeout`), whatever
huggingface_hub's retries or a trickling server do; every answer but a log stream is capped in
bytes while it streams (`MAX_BODY_BYTES`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from spacemedic.errors import (
    HubAuthError,
    HubError,
    HubNotFoundError,
    HubRateLimitError,
    HubServerError,
    HubTimeoutError,
)

if TYPE_CHECKING:
    from huggingface_hub import HfApi

DEFAULT_TIMEOUT_S = 15.0
REQUEST_BOX_S = 10.0  # the same per-request box as `diagnose --timeout`
MAX_BODY_BYTES = 16 * 1024 * 1024  # a runtime, an info or a page of a listing is far smaller
_T = TypeVar("_T")


def time_box(timeout: float = DEFAULT_TIMEOUT_S) -> None:
    """Bound every Hub request of this process to `timeout` seconds (per connect/read phase).

    The client factory is installed once (`spacemedic.hub.client`); installing a new one per
    timeout would close the shared client under requests in flight in other threads.
    """
    from spacemedic.hub import client
    from spacemedic.hub.library_logs import route_library_logs

    route_library_logs()
    client.install()
    client.set_default_cap(timeout)


class BodyTooLargeError(HubError):
    """An answer went past `MAX_BODY_BYTES` while it streamed (it was not read further)."""


def cap_body(response: Any, limit: int = MAX_BODY_BYTES) -> None:
    """httpx response hook: stop reading a body past `limit` bytes (log streams excepted: they
    have their own bounds in `spacemedic.hub.logs`)."""
    import httpx2

    if "/logs/" in response.request.url.path:
        return
    inner = response.stream

    class _Capped(httpx2.SyncByteStream):
        def __iter__(self) -> Any:
            seen = 0
            for chunk in inner:
                seen += len(chunk)
                if seen > limit:
                    raise BodyTooLargeError(f"the answer is larger than {limit // (1024 * 1024)} MiB; not read further")
                yield chunk

        def close(self) -> None:
            inner.close()

    response.stream = _Capped()


def make_api(endpoint: str | None = None, token: str | None = None, timeout: float = DEFAULT_TIMEOUT_S) -> HfApi:
    from huggingface_hub import HfApi

    time_box(timeout)
    return HfApi(endpoint=endpoint, token=token)


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from `Retry-After` (integer seconds) or the IETF `RateLimit` header (`t=`)."""
    value = (headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return float(value)
    match = re.search(r"\bt=(\d+)", headers.get("RateLimit") or "")
    return float(match.group(1)) if match else None


def call(what: str, fn: Callable[[], _T], box: float = REQUEST_BOX_S) -> _T:
    """Run one Hub call within `box` seconds (wall clock) and translate its failure into a HubError."""
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    from spacemedic.hub.client import HubRateLimited, HubRequestTimeout, HubStatusError, HubUnreachable
    from spacemedic.hub.deadline import within

    try:
        return within(box, what, fn)
    except BodyTooLargeError as exc:
        raise HubError(f"{what}: {exc}") from exc
    except HubRateLimited as exc:  # raised by spacemedic's transport, never retried
        raise HubRateLimitError(f"{what}: rate limited (429)", retry_after=exc.retry_after) from exc
    except HubStatusError as exc:
        raise HubServerError(f"{what}: {exc}") from exc
    except HubRequestTimeout as exc:
        raise HubTimeoutError(f"{what}: no answer in time") from exc
    except HubUnreachable as exc:
        raise HubError(f"{what}: {exc}") from exc
    except HubError:
        raise
    except RepositoryNotFoundError as exc:
        raise HubNotFoundError(f"{what}: not found (or private without access)") from exc
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else 0
        if status == 429:
            wait = retry_after_seconds(exc.response.headers)
            raise HubRateLimitError(f"{what}: rate limited (429)", retry_after=wait) from exc
        if status in (401, 403):
            raise HubAuthError(f"{what}: {status} not allowed (token missing or without access)") from exc
        if status == 404:
            raise HubNotFoundError(f"{what}: not found") from exc
        if status >= 500:
            raise HubServerError(f"{what}: server error {status}") from exc
        raise HubError(f"{what}: HTTP {status}") from exc
    except httpx2.TimeoutException as exc:
        raise HubTimeoutError(f"{what}: no answer in time") from exc
    except httpx2.HTTPError as exc:
        raise HubError(f"{what}: {type(exc).__name__}: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise HubError(f"{what}: unexpected answer ({type(exc).__name__})") from exc


def fetch_runtime(api: HfApi, space_id: str, box: float = REQUEST_BOX_S) -> dict[str, Any]:
    """The raw runtime JSON of a Space (`GET /api/spaces/{id}/runtime`), within `box` seconds."""
    raw = call(f"runtime of {space_id}", lambda: api.get_space_runtime(space_id).raw, box)
    return dict(raw) if isinstance(raw, Mapping) else {}


@dataclass(frozen=True)
class SpaceMeta:
    """What the watcher needs from the Space's info: its head commit and startup timeout."""

    sha: str | None
    startup_timeout_min: float | None
    sdk: str | None = None


def fetch_meta(api: HfApi, space_id: str, timeout: float = DEFAULT_TIMEOUT_S, box: float = REQUEST_BOX_S) -> SpaceMeta:
    info = call(
        f"info of {space_id}",
        lambda: api.space_info(space_id, expand=["sha", "cardData", "sdk"], timeout=timeout),
        box,
    )
    card = getattr(info, "card_data", None)
    raw_timeout = card.get("startup_duration_timeout") if card is not None else None
    sha = getattr(info, "sha", None)
    sdk = getattr(info, "sdk", None)
    return SpaceMeta(
        sha=sha if isinstance(sha, str) else None,
        startup_timeout_min=parse_duration_minutes(raw_timeout),
        sdk=sdk if isinstance(sdk, str) else None,
    )


_UNIT_MIN = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0}


def parse_duration_minutes(value: object) -> float | None:
    """`startup_duration_timeout` ("1h", "90m", "1h30m", "45s") in minutes; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if 0 < value < 1e7 else None
    if not isinstance(value, str):
        return None
    text = value.strip().lower().replace(" ", "")
    parts = re.fullmatch(r"(?:(\d{1,6})([smhd]))+", text)
    if not parts:
        return None
    total = sum(float(n) * _UNIT_MIN[u] for n, u in re.findall(r"(\d{1,6})([smhd])", text))
    return total if total > 0 else None


LOG_STAGES = {"BUILDING": True, "RUNNING_BUILDING": True, "APP_STARTING": False, "RUNNING_APP_STARTING": False}


def fetch_stage_start(api: HfApi, space_id: str, stage: str, runtime: Mapping[str, Any],
                      *, seconds: float = 4.0) -> Any:
    """When the platform's own timestamps say `stage` began (`StageStart`), or None.

    For a build or a start this reads the latest banner of the build or run log (bounded to
    `seconds`, and it needs the owner's token); for a moderation pause the runtime's
    `abuse.flaggedAt` is enough. Never raises: without it the watch counts from its first look.
    """
    import time as _time

    from spacemedic.hub.log_stream import space_log
    from spacemedic.hub.logs import LogBounds, read_log
    from spacemedic.watch.platform_clock import stage_start_from

    now_iso = _time.strftime("%Y-%m-%dT%H:%M:%SZ", _time.gmtime())
    build_log = run_log = None
    if stage in LOG_STAGES:
        build = LOG_STAGES[stage]
        bounds = LogBounds(max_lines=200, max_seconds=seconds, idle_seconds=0.5)
        capture, _note = read_log(lambda: space_log(api, space_id, build=build),
                                  "build" if build else "run", bounds)
        build_log, run_log = (capture, None) if build else (None, capture)
    try:
        return stage_start_from(space_id, stage, runtime, build_log, run_log, now_iso)
    except Exception:  # noqa: BLE001 - odd timestamps from the network are no clock at all
        return None
