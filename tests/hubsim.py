"""A small real Hub stand-in on 127.0.0.1 for watch/fleet tests and the fleet benchmark.

Serves the real JSON shapes (hf-platform.md §1.5, §2.3) on a real socket; huggingface_hub talks to
it through `HfApi(endpoint=...)`. Each Space plays a list of runtime steps, one request at a time
(the last step repeats, or the list cycles), so a test moves a Space through its stages by being
polled. It also receives webhooks (`POST /hook`) and can inject 429s and latency.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def runtime(stage: str, *, error: str | None = None, hardware: str | None = "cpu-basic", sha: str | None = None,
            abuse: dict[str, Any] | None = None) -> dict[str, Any]:
    """A runtime body in the shape the Hub sends (keys in the recorded order)."""
    running = stage == "RUNNING"
    body: dict[str, Any] = {
        "stage": stage,
        "hardware": {"current": hardware if running else None, "requested": hardware},
        "gcTimeout": 172800,
        "replicas": {"requested": 1, **({"current": 1} if running else {})},
        "devMode": False,
        "domains": [{"domain": "owner-space.hf.space", "stage": "READY"}],
    }
    if error:
        body["errorMessage"] = error
    if abuse:
        body["abuse"] = abuse
    if running:
        body["sha"] = sha or "9042a53d0f48e2825c8bd162daf72792464d6c7c"
        body["pySpacesVersion"] = "0.51.1"
    return body


@dataclass
class SimSpace:
    steps: list[tuple[dict[str, Any], int]]  # (runtime body, how many requests it lasts)
    sha: str = "6e87f461c8e3e1265ba9b634fb1d160a70a4f78b"
    card: dict[str, Any] = field(default_factory=lambda: {"sdk": "docker", "title": "t"})
    sdk: str = "docker"
    cycle: bool = False
    sha_after: tuple[int, str] | None = None  # (runtime request count, new sha)
    served: int = 0

    def next_runtime(self) -> dict[str, Any]:
        n, self.served = self.served, self.served + 1
        if self.sha_after and n >= self.sha_after[0]:
            self.sha = self.sha_after[1]
        total = sum(c for _, c in self.steps)
        if self.cycle and total:
            n %= total
        for body, count in self.steps:
            if n < count:
                return body
            n -= count
        return self.steps[-1][0]


class HubSim:
    def __init__(self, *, latency: float = 0.0, bulk_runtime: bool = True) -> None:
        self.spaces: dict[str, SimSpace] = {}
        self.hooks: list[dict[str, Any]] = []
        self.latency = latency
        self.bulk_runtime = bulk_runtime
        self.rate_limit_next = 0  # answer this many runtime requests with 429
        self.retry_after = 1
        self.requests = 0
        self.lock = threading.Lock()
        sim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # one small response must not wait for a delayed ACK

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                sim._get(self)

            def do_POST(self) -> None:
                sim._post(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 1024
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> HubSim:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ handlers
    def _send(self, h: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.send_header("X-Request-Id", f"Root=1-sim-{self.requests}")
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _get(self, h: BaseHTTPRequestHandler) -> None:
        if self.latency:
            time.sleep(self.latency)
        url = urlsplit(h.path)
        parts = [p for p in url.path.split("/") if p]
        query = parse_qs(url.query)
        with self.lock:
            self.requests += 1
            if parts == ["api", "spaces"]:
                return self._list(h, query)
            if len(parts) >= 4 and parts[:2] == ["api", "spaces"]:
                sid = f"{parts[2]}/{parts[3]}"
                space = self.spaces.get(sid)
                if space is None:
                    return self._send(h, 404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                if parts[4:] == ["runtime"]:
                    if self.rate_limit_next > 0:
                        self.rate_limit_next -= 1
                        return self._send(h, 429, {"error": "rate limited"}, {
                            "Retry-After": str(self.retry_after),
                            "RateLimit": f'"api";r=0;t={self.retry_after}',
                            "RateLimit-Policy": '"fixed window";"api";q=500;w=300',
                        })
                    return self._send(h, 200, space.next_runtime())
                if not parts[4:]:
                    return self._send(h, 200, self._info(sid, space, query.get("expand")))
        self._send(h, 404, {"error": "not found"})

    def _info(self, sid: str, space: SimSpace, expand: list[str] | None) -> dict[str, Any]:
        full = {"_id": "6a3a7f7902e6e7f9c780f4ee", "id": sid, "author": sid.split("/")[0], "sha": space.sha,
                "cardData": space.card, "sdk": space.sdk, "private": False, "disabled": False, "likes": 0}
        if not expand:
            return full
        return {k: v for k, v in full.items() if k in ("_id", "id") or k in expand}

    def _list(self, h: BaseHTTPRequestHandler, query: dict[str, list[str]]) -> None:
        author = (query.get("author") or [None])[0]
        expand = query.get("expand") or []
        rows = []
        for sid, space in self.spaces.items():
            if author and not sid.startswith(author + "/"):
                continue
            row: dict[str, Any] = {"_id": "x", "id": sid}
            if "sdk" in expand:
                row["sdk"] = space.sdk
            if "runtime" in expand and self.bulk_runtime:
                row["runtime"] = space.next_runtime()
            rows.append(row)
        self._send(h, 200, rows)

    def _post(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length)
        if urlsplit(h.path).path == "/hook":
            with self.lock:
                self.hooks.append(json.loads(body))
            return self._send(h, 200, {"ok": True})
        self._send(h, 404, {"error": "not found"})
