"""Reading every Space of an author with its runtime: in bulk when the server expands
`runtime` in the listing, else one runtime call per Space on a bounded thread pool.

A 429 pauses every worker until its Retry-After has passed (one shared gate), then retries.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacemedic.errors import HubError, HubRateLimitError
from spacemedic.hub.runtime_poll import call, fetch_runtime

if TYPE_CHECKING:
    from huggingface_hub import HfApi

MAX_ATTEMPTS = 5
MAX_RETRY_AFTER_S = 120.0


@dataclass(frozen=True)
class Listed:
    """One Space from the listing, with its raw runtime when it could be read."""

    id: str
    sdk: str | None
    runtime: Mapping[str, Any] | None
    unavailable: str | None = None


class _Gate:
    """Shared pause after a 429: nobody calls the Hub before `until`."""

    def __init__(self) -> None:
        self._until = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        while True:
            with self._lock:
                delay = self._until - time.monotonic()
            if delay <= 0:
                return
            time.sleep(min(delay, 1.0))

    def close_for(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, time.monotonic() + seconds)


def list_author_spaces(
    api: HfApi,
    author: str,
    *,
    search: str | None = None,
    sdk: str | None = None,
    workers: int = 32,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[Listed, ...]:
    """Every Space of `author` (filtered), with runtimes; per-Space failures become `unavailable`."""
    infos = call(
        f"Spaces of {author}",
        lambda: list(api.list_spaces(author=author, search=search, expand=["runtime", "sdk"])),
    )
    listed: list[Listed] = []
    for info in infos:
        sid, info_sdk = str(getattr(info, "id", "")), getattr(info, "sdk", None)
        if not sid or (search and search.lower() not in sid.lower()):
            continue
        if sdk and info_sdk is not None and info_sdk != sdk:
            continue
        runtime = getattr(info, "runtime", None)
        raw = getattr(runtime, "raw", None) if runtime is not None else None
        listed.append(Listed(sid, info_sdk if isinstance(info_sdk, str) else None, raw if isinstance(raw, Mapping) else None))
    missing = [i for i, item in enumerate(listed) if item.runtime is None]
    if missing:
        gate, done, lock = _Gate(), [0], threading.Lock()

        def one(index: int) -> tuple[int, Listed]:
            item = listed[index]
            result = _runtime_with_retry(api, item, gate)
            with lock:
                done[0] += 1
                if on_progress is not None:
                    on_progress(done[0], len(missing))
            return index, result

        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(missing)))) as pool:
            for index, item in pool.map(one, missing):
                listed[index] = item
    return tuple(listed)


def _runtime_with_retry(api: HfApi, item: Listed, gate: _Gate) -> Listed:
    last = "not read"
    for _ in range(MAX_ATTEMPTS):
        gate.wait()
        try:
            return Listed(item.id, item.sdk, fetch_runtime(api, item.id))
        except HubRateLimitError as exc:
            gate.close_for(min(exc.retry_after or 2.0, MAX_RETRY_AFTER_S))
            last = str(exc)
        except HubError as exc:
            return Listed(item.id, item.sdk, None, str(exc))
    return Listed(item.id, item.sdk, None, last)
