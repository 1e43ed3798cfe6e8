"""An offline or failing Hub: one line, no retry chatter, reasons that say what happened, and a
failure in one request never breaks another request in flight (the shared client stays open)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from spacemedic.hub import CollectOptions, HubTarget, LogBounds, collect
from spacemedic.testing import FakeHub, Fault, load_scenario
from tests.hubkit import FAST, TOKEN, run_cli


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_offline_hub_is_one_error_line_without_retry_lines(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    run = run_cli(["diagnose", "alice/demo", "--status-url", f"{dead}/index.json", *FAST], dead, tmp_path)
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert "Retry" not in run.stderr and "thrown while requesting" not in run.stderr
    assert lines[-1].startswith("spacemedic: error: could not read anything about alice/demo: could not connect")
    assert [line for line in lines if "unavailable" in line] == []  # no note per source before the error


def test_5xx_hub_reasons_say_server_error_not_timeout(tmp_path: Path) -> None:
    scenario = load_scenario("out_of_memory").with_faults(**{"*": Fault(status=503)})
    with FakeHub(scenario) as hub:
        run = run_cli(["collect", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path)
    assert run.code == 2 and "Retry" not in run.stderr
    assert "503" in run.stderr.strip().splitlines()[-1]


def test_5xx_on_one_source_is_reported_as_such_within_its_box() -> None:
    scenario = load_scenario("out_of_memory").with_faults(list_spaces=Fault(status=503), commits=Fault(status=502))
    with FakeHub(scenario) as hub:
        bundle = collect(HubTarget(hub.space, hub.url, token=TOKEN, status_url=hub.status_url),
                         CollectOptions(time_box=4.0, log_bounds=LogBounds(max_seconds=2.0)))
    reasons = {u.source: u.reason for u in bundle.unavailable}
    # huggingface_hub's own retries (1 + 2 + 4 s) used to outlast the 4 s box: "no complete answer"
    assert "503" in reasons["other spaces"] and "502" in reasons["commits"], reasons
    assert bundle.runtime is not None


def test_a_refused_connection_elsewhere_does_not_break_a_log_stream_in_flight() -> None:
    """huggingface_hub closes its shared client on a connection error; a log stream being read in
    another thread then failed with "Bad file descriptor" (seen as a flaky partial read)."""
    from huggingface_hub import HfApi

    dead = f"http://127.0.0.1:{_closed_port()}"

    def refused_elsewhere() -> None:
        time.sleep(0.4)  # while the build log stream below is open
        try:
            list(HfApi(endpoint=dead).list_spaces(author="x", limit=1))
        except Exception:  # noqa: BLE001 - the refusal itself is expected
            pass

    with FakeHub(load_scenario("builder_or_scheduler_stuck")) as hub:
        threading.Thread(target=refused_elsewhere, daemon=True).start()
        bundle = collect(HubTarget(hub.space, hub.url, token=TOKEN, status_url=hub.status_url),
                         CollectOptions(time_box=10.0, log_bounds=LogBounds(max_seconds=6.0, idle_seconds=3.0)))
    assert [u for u in bundle.unavailable if u.source.endswith("logs")] == []
    assert bundle.build_log is not None and "stayed open" in str(bundle.build_log.stopped)
