"""Reading every Space of an author with its runtime: in bulk when the server expands
`runtime` in the listing, else one runtime call per Space on a bounded thread pool.

A 429 pauses every worker until its Retry-After has passed (one shared gate), then retries.
Every request has the per-request box of `diagnose` (`box`): each page of the listing must come
within it, each runtime call too; after `GIVE_UP_AFTER` timeouts without one answer the remaining
runtimes are reported as not read instead of each waiting out its own box (a Hub that accepts
connections and never answers cannot hold the run).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacemedic.errors import HubError, HubRateLimitError, HubTimeoutError
from spacemedic.hub.runtime_poll import REQUEST_BOX_S, call, fetch_runtime

if TYPE_CHECKING:
    from huggingface_hub import HfApi

MAX_ATTEMPTS = 5
MAX_RETRY_AFTER_S = 120.0
GIVE_UP_AFTER = 3  # runtime timeouts, with no answer at all, before the rest are not attempted


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
    box: float = REQUEST_BOX_S,
) -> tuple[Listed, ...]:
    """Every Space of `author` (filtered), with runtimes; per-Space failures become `unavailable`."""
    infos = call(
        f"Spaces of {author}",
        lambda: _drain(lambda: api.list_spaces(author=author, search=search, expand=["runtime", "sdk"]),
                       f"Spaces of {author}", box),
        box=float("inf"),  # `_drain` boxes each page; a long listing that keeps coming is fine
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
        health = _Health()

        def one(index: int) -> tuple[int, Listed]:
            item = listed[index]
            result = _runtime_with_retry(api, item, gate, box, health)
            with lock:
                done[0] += 1
                if on_progress is not None:
                    on_progress(done[0], len(missing))
            return index, result

        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(missing)))) as pool:
            for index, item in pool.map(one, missing):
                listed[index] = item
    return tuple(listed)


def _drain(make: Callable[[], Any], what: str, box: float) -> list[Any]:
    """All items of a paginated listing; each next item (each page) must come within `box` seconds."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue()

    def run() -> None:
        try:
            for item in make():
                items.put(("item", item))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            items.put(("error", exc))
        else:
            items.put(("end", None))

    threading.Thread(target=run, name="fleet-listing", daemon=True).start()
    out: list[Any] = []
    while True:
        try:
            kind, value = items.get(timeout=box)
        except queue.Empty:
            raise HubTimeoutError(f"{what}: no answer within {box:g} s") from None
        if kind == "end":
            return out
        if kind == "error":
            raise value
        out.append(value)


class _Health:
    """Counts runtime timeouts; after GIVE_UP_AFTER with no answer at all, the rest are skipped."""

    def __init__(self) -> None:
        self.timeouts = self.answers = 0
        self.lock = threading.Lock()

    def note(self, *, timed_out: bool) -> None:
        with self.lock:
            if timed_out:
                self.timeouts += 1
            else:
                self.answers += 1

    @property
    def given_up(self) -> bool:
        with self.lock:
            return self.answers == 0 and self.timeouts >= GIVE_UP_AFTER


def _runtime_with_retry(api: HfApi, item: Listed, gate: _Gate, box: float = REQUEST_BOX_S,
                        health: _Health | None = None) -> Listed:
    health = health or _Health()
    last = "not read"
    for _ in range(MAX_ATTEMPTS):
        if health.given_up:
            return Listed(item.id, item.sdk, None,
                          f"not read: {GIVE_UP_AFTER} runtime calls got no answer within {box:g} s")
        gate.wait()
        try:
            runtime = fetch_runtime(api, item.id, box)
        except HubRateLimitError as exc:
            health.note(timed_out=False)
            gate.close_for(min(exc.retry_after or 2.0, MAX_RETRY_AFTER_S))
            last = str(exc)
        except HubTimeoutError as exc:
            health.note(timed_out=True)
            return Listed(item.id, item.sdk, None, str(exc))
        except HubError as exc:
            health.note(timed_out=False)
            return Listed(item.id, item.sdk, None, str(exc))
        else:
            health.note(timed_out=False)
            return Listed(item.id, item.sdk, runtime)
    return Listed(item.id, item.sdk, None, last)
