"""A fake Hugging Face Hub on 127.0.0.1: real sockets, real HTTP, scenario-driven answers.

    with FakeHub(load_scenario("out_of_memory"), latency=0.2) as hub:
        HfApi(endpoint=hub.url).get_space_runtime(hub.space)
        hub.set_fault("runtime", Fault(status=429, retry_after=7))
        assert all(r.method == "GET" for r in hub.requests)

The Space app (`*.hf.space`) is served under `{url}/_app/{subdomain}` and the info's `host`
points there; the status page is `{url}/index.json`.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, Mapping
from urllib.parse import parse_qs, urlsplit

from spacemedic.testing import mutations, payloads
from spacemedic.testing.routes import ERRORS, SECRET_HEADERS, RecordedRequest, route_of
from spacemedic.testing.scenario import Fault, Scenario

class FakeHub:
    """A threaded HTTP server answering like the Hub for one scenario. A context manager."""

    def __init__(self, scenario: Scenario, *, latency: float = 0.0, port: int = 0) -> None:
        self.scenario = scenario
        self.latency = latency
        self.faults: dict[str, Fault] = dict(scenario.faults)
        self.requests: list[RecordedRequest] = []
        self.app_bytes_sent = 0  # body bytes of an endless app answer that the client took
        self.state = mutations.SpaceState()  # what restarts and commits changed
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def space(self) -> str:
        return self.scenario.space

    @property
    def status_url(self) -> str:
        return f"{self.url}/index.json"

    def set_fault(self, route: str, fault: Fault | None) -> None:
        with self._lock:
            if fault is None:
                self.faults.pop(route, None)
            else:
                self.faults[route] = fault

    def fault_for(self, route: str) -> Fault:
        with self._lock:
            return self.faults.get(route) or self.faults.get("*") or Fault()

    @property
    def mutations(self) -> list[RecordedRequest]:
        """Every request that could change the Space (anything but GET and HEAD), in order."""
        with self._lock:
            return [r for r in self.requests if r.method not in ("GET", "HEAD")]

    def record(self, req: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(req)

    def start(self) -> FakeHub:
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-hub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # releases hanging and never-ending handlers
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


MUTATING = frozenset({"restart", "preupload", "commit", "whoami"})


def _make_handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
            return

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def do_PUT(self) -> None:
            self._handle()

        def do_DELETE(self) -> None:
            self._handle()

        def _handle(self) -> None:
            split = urlsplit(self.path)
            route, space = route_of(split.path, hub.scenario)
            authorized = bool(self.headers.get("authorization"))
            headers = {k.lower(): v for k, v in self.headers.items() if k.lower() not in SECRET_HEADERS}
            hub.record(RecordedRequest(self.command, split.path, split.query, headers, authorized, route))
            fault = hub.fault_for(route)
            if hub.latency or fault.latency:
                if hub.stopping.wait(hub.latency + fault.latency):
                    return
            if fault.hang:
                hub.stopping.wait()
                return
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(min(length, 1 << 20)) if length else b""
            try:
                if route in MUTATING:
                    return self._mutate(route, space, split.query, body, fault, authorized)
                self._answer(route, space, split.query, fault, authorized)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as bounded readers do

        def _mutate(self, route: str, space: str | None, query: str, body: bytes, fault: Fault,
                    authorized: bool) -> None:
            sc = hub.scenario
            if fault.status:
                return self._error(fault.status, fault)
            if route != "whoami" and space != sc.space:
                return self._error(404, fault)
            status, data, extra = mutations.answer(sc, hub.state, route, query, body, authorized)
            if status == 200 and data is None:  # a restart answers with the runtime it starts
                data = hub.state.runtime(payloads.runtime(sc, sc.space) or {})
            if status >= 400:
                extra = {**extra, "X-Error-Message": str((data or {}).get("error", ""))}
            payload = json.dumps(data).encode()
            self._send_head(status, "application/json; charset=utf-8", extra, length=len(payload))
            self.wfile.write(payload)

        def _answer(self, route: str, space: str | None, query: str, fault: Fault, authorized: bool) -> None:
            sc = hub.scenario
            now = payloads.now_utc()
            if self.command != "GET":
                return self._error(405, fault)
            if fault.status:
                return self._error(fault.status, fault)
            if route == "status":
                return self._json(payloads.status_page(sc), fault)
            if route == "app":
                return self._app(fault)
            if route == "list_spaces":
                params = parse_qs(query)
                author = params["author"][0] if params.get("author") else None
                return self._json(payloads.list_spaces(sc, author, params.get("expand", [])), fault)
            known = (space == sc.space and not sc.data.get("missing")) or (
                space != sc.space and payloads.runtime(sc, space or "") is not None)
            if not known:
                # The real Hub answers 401, not 404, to a request without a token for a repository
                # that does not exist (it will not say whether a private one does).
                return self._error(404 if authorized else 401, fault)
            if sc.data.get("private") and space == sc.space and not authorized:
                return self._error(401, fault)
            if route.startswith("logs_"):
                if not authorized:
                    return self._error(401, fault)
                return self._logs(route[5:], fault, now)
            if route == "runtime":
                served = payloads.runtime(sc, space or "")
                return self._json(hub.state.runtime(served or {}) if space == sc.space else served, fault)
            if route == "info" and space == sc.space:
                body = payloads.info(sc, f"{hub.url}/_app")
                body["runtime"] = hub.state.runtime(body.get("runtime") or {})
                body["sha"] = hub.state.head or body.get("sha")
                return self._json(body, fault)
            if route == "commits" and space == sc.space:
                owner = sc.space.split("/")[0]
                made = [{"id": c["id"], "title": c["title"], "message": "", "authors": [{"user": owner}],
                         "date": now.strftime("%Y-%m-%dT%H:%M:%S.000Z")} for c in hub.state.commits]
                return self._json([*made, *payloads.commits(sc, now)], fault)
            return self._error(404, fault)

        def _send_head(self, status: int, ctype: str, extra: Mapping[str, str] = {}, length: int | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if not self.path.startswith("/_app/") and "X-Request-Id" not in extra:  # the app proxy has its own ids
                self.send_header("X-Request-Id", "Root=1-67cae57c-57dd5e08323750a80cc4d371")
            for key, value in extra.items():
                self.send_header(key, value)
            if length is None:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(length))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True

        def _body(self, status: int, body: bytes, ctype: str, fault: Fault, extra: Mapping[str, str] = {}) -> None:
            if fault.truncate:
                self._send_head(status, ctype, extra, length=len(body) + 100)  # promise more than we send
                self.wfile.write(body[: len(body) // 2])
                return
            self._send_head(status, ctype, extra, length=len(body))
            self.wfile.write(body)

        def _json(self, data: Any, fault: Fault) -> None:
            body = b'{"stage": "RUNNING", "hardware": {"cur' if fault.malformed else json.dumps(data).encode()
            self._body(200, body, "application/json; charset=utf-8", fault)

        def _error(self, status: int, fault: Fault) -> None:
            message, code = ERRORS.get(status, ("Internal Error", None))
            extra = {"X-Error-Message": message}
            if fault.error_code or code:
                extra["X-Error-Code"] = fault.error_code or code or ""
            if status == 429:
                extra["Retry-After"] = str(fault.retry_after or 30)
            self._send_head(status, "application/json; charset=utf-8", extra, length=len(body := json.dumps({"error": message}).encode()))
            self.wfile.write(body)

        def _app(self, fault: Fault) -> None:
            mutations.wake(hub.scenario, hub.state)
            spec = hub.scenario.data.get("app") or {}
            status = int(spec.get("status", 200))
            extra: dict[str, str] = {"link": f"<https://huggingface.co/spaces/{hub.space}>;rel=\"canonical\""}
            if spec.get("proxied", status < 500):
                extra.update({"x-proxied-host": "http://10.112.54.224", "x-proxied-replica": "glcyac3i-4n82t",
                              "x-proxied-path": "/", "x-request-id": "jgPQR9"})
            extra.update(spec.get("headers") or {})
            default = payloads.SPACE_IN_ERROR if status == 503 else "<html><body>ok</body></html>"
            body = str(spec.get("body", default)).encode()
            if spec.get("huge_bytes"):  # the Space's own app answering without end: a reader must stop early
                self._send_head(status, "text/html", extra)
                self._chunk(body)
                blob, left = b"<p>" + b"x" * 65530 + b"</p>", int(spec["huge_bytes"])
                while left > 0 and not hub.stopping.is_set():
                    self._chunk(blob)
                    hub.app_bytes_sent += len(blob)
                    left -= len(blob)
                self.wfile.write(b"0\r\n\r\n")
                return
            self._body(status, body, "text/plain" if status >= 500 else "text/html", fault, extra)

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

        def _logs(self, which: str, fault: Fault, now: Any) -> None:
            spec = ((hub.scenario.data.get("logs") or {}).get(which)) or {}
            lines = payloads.log_lines(hub.scenario, which, now)
            start = payloads.since(hub.scenario, now)
            self._send_head(200, "text/event-stream", {"Cache-Control": "no-cache"})
            events: Iterator[bytes] = payloads.sse_events(lines, start)
            if spec.get("raw"):  # verbatim bytes, for parsers under test
                self._chunk(str(spec["raw"]).encode("utf-8", "surrogatepass"))
            if spec.get("$recorded"):  # a recorded real stream, event by event
                for chunk in payloads.RECORDED[str(spec["$recorded"])].body:
                    self._chunk(bytes(chunk))
            if fault.malformed:
                events = iter([b"data: {not json at all\n\n", *events])
            for event in events:
                self._chunk(event)
            if spec.get("huge_bytes"):
                for blob in payloads.huge_events(int(spec["huge_bytes"]), start, int(spec.get("line_bytes", 180))):
                    if hub.stopping.is_set():
                        return
                    self._chunk(blob)
            if fault.truncate:
                self.wfile.write(b"40\r\ndata: {\"data\": \"half an ev")  # never finished
                return
            mode = spec.get("mode", "close")
            if mode in ("keepalive", "comment"):
                beat = b"data:\n\n" if mode == "keepalive" else b": keep-alive\n\n"
                interval = float(spec.get("interval", 0.5))
                while not hub.stopping.wait(interval):
                    self._chunk(beat)
                return
            self.wfile.write(b"0\r\n\r\n")

    return Handler
