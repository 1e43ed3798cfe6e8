"""Every network wait is bounded (issue 16 item 4), and the HTTP libraries' own log lines go through
the redaction layer (item 1).

The hang guard of each run is the subprocess timeout (a hang fails the test); the precise figures
(fleet and watch against a silent Hub, to the second) are measured in bench/bench_bounds.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacemedic.testing import FakeHub, load_scenario, scenario_from_dict
from tests.hubkit import FAST, TOKEN, run_cli


def test_fleet_against_a_silent_hub_ends_with_one_line(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_silent_hub")) as hub:
        run = run_cli(["fleet", "--author", "zed", "--timeout", "1", "--no-record"], hub.url, tmp_path, timeout=30)
    assert run.code == 2, run.stderr
    assert run.stderr.strip().splitlines() == ["spacemedic: error: Spaces of zed: no answer within 1 s"]


def test_fleet_gives_up_on_runtimes_that_never_answer(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_silent_runtimes")) as hub:
        run = run_cli(["fleet", "--author", "zed", "--timeout", "1", "--workers", "2", "--no-record", "-f", "json"],
                      hub.url, tmp_path, timeout=30)
        runtime_calls = sum(1 for r in hub.requests if r.route == "runtime")
    assert run.code == 1, run.stderr
    reasons = [u["reason"] for u in json.loads(run.stdout)["unavailable"]]
    assert len(reasons) == 9
    assert sum("3 runtime calls got no answer" in r for r in reasons) >= 5  # not attempted at all
    assert runtime_calls <= 4  # three timeouts, and what was already in flight


def test_watch_timeout_is_a_wall_clock_bound_against_a_silent_hub(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_silent_hub")) as hub:
        run = run_cli(["watch", hub.space, "--timeout", "3s", "--interval", "1s", "--db", str(tmp_path / "h.db")],
                      hub.url, tmp_path, timeout=25)  # before: a 10-15 s box per call, twice, past any --timeout
    assert run.code == 2
    assert run.stderr.strip().splitlines()[-1].startswith("spacemedic: error: could not read the runtime")


def test_the_app_probe_reads_a_few_kilobytes_of_an_endless_page(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_silent_runtimes")) as hub:
        run = run_cli(["collect", hub.space, "--status-url", hub.status_url, *FAST], hub.url, tmp_path, timeout=60)
        sent = hub.app_bytes_sent
    assert run.code == 0, run.stderr
    app = json.loads(run.stdout)["app"]
    assert app["status"] == 200 and app["proxied"] is True
    assert sent < 64 * 1024 * 1024  # of 200 MiB offered; what the socket buffers took, not what was read


def test_a_hub_answer_past_the_byte_cap_is_not_read(tmp_path: Path) -> None:
    scenario = load_scenario("out_of_memory")
    data = dict(scenario.data)
    data["runtime"] = {**data["runtime"], "errorMessage": "x" * (17 * 1024 * 1024)}
    with FakeHub(scenario_from_dict("huge_runtime", data)) as hub:
        run = run_cli(["watch", hub.space, "--timeout", "3s", "--interval", "1s", "--db", str(tmp_path / "h.db")],
                      hub.url, tmp_path, timeout=60)
    assert run.code == 2
    assert "larger than 16 MiB" in run.stderr and "Traceback" not in run.stderr


def test_library_retry_lines_never_carry_the_endpoint_password(tmp_path: Path) -> None:
    with FakeHub(load_scenario("fault_server_errors")) as hub:
        endpoint = hub.url.replace("http://", "http://alice:EndpointPassw0rd@")
        run = run_cli(["diagnose", hub.space, "--status-url", hub.status_url, *FAST], endpoint, tmp_path, timeout=60)
    assert "Traceback" not in run.stderr
    assert "EndpointPassw0rd" not in run.stdout + run.stderr
    assert TOKEN not in run.stdout + run.stderr
    library = [line for line in run.stderr.splitlines() if line.startswith("huggingface_hub")]
    assert all("\x1b" not in line for line in library)
    # Since issue 11 spacemedic's client answers a 5xx without huggingface_hub's retries, so there are
    # no "Retrying in ..." lines at all; any library line that remains is routed and redacted.
    assert not any("Retrying in" in line for line in run.stderr.splitlines())


def test_a_silent_log_stream_is_not_reported_as_an_empty_log(tmp_path: Path) -> None:
    # huggingface_hub ends a no-follow stream after 5 s without a byte as if it were complete.
    from spacemedic.hub import CollectOptions, HubTarget, LogBounds, collect

    with FakeHub(load_scenario("fault_silent_hub")) as hub:
        run = run_cli(["collect", hub.space, "--status-url", hub.status_url, "--timeout", "2", "--log-seconds", "7"],
                      hub.url, tmp_path, timeout=60)
        bundle = collect(HubTarget(hub.space, hub.url, token=TOKEN, status_url=hub.status_url),
                         CollectOptions(time_box=2.0, log_bounds=LogBounds(max_seconds=7.0)))
    assert run.code == 2  # nothing could be read: one error line (issue 11), the notes are in the bundle
    reasons = {u.source: u.reason for u in bundle.unavailable}
    # unavailable, never an empty log: the stream either sent no line within --log-seconds, or its
    # headers did not come within the request box
    for source in ("build logs", "run logs"):
        assert "no log line within" in reasons[source] or "no answer within 2 s" in reasons[source], reasons
    assert bundle.build_log is None and bundle.run_log is None
