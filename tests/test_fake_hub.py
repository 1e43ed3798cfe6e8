"""The fake Hub itself: routes, faults, request log, and the `python -m spacemedic.testing` entry point."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from spacemedic.testing import FakeHub, Fault, load_scenario, scenario_from_dict


def test_routes_faults_and_request_log() -> None:
    with FakeHub(load_scenario("platform_incident")) as hub:
        assert httpx.get(f"{hub.url}/api/spaces/{hub.space}/runtime").json()["stage"] == "RUNTIME_ERROR"
        assert httpx.get(f"{hub.url}/api/spaces/{hub.space}/logs/build").status_code == 401  # logs need a token
        missing = httpx.get(f"{hub.url}/api/spaces/nobody/none", headers={"authorization": "Bearer hf_x"})
        assert missing.status_code == 404 and missing.headers["x-error-code"] == "RepoNotFound"
        # Without a token the real Hub answers 401 for a repository that does not exist.
        assert httpx.get(f"{hub.url}/api/spaces/nobody/none").status_code == 401
        hub.set_fault("runtime", Fault(status=429, retry_after=9))
        limited = httpx.get(f"{hub.url}/api/spaces/{hub.space}/runtime")
        assert limited.status_code == 429 and limited.headers["retry-after"] == "9"
        hub.set_fault("runtime", Fault(malformed=True))
        with pytest.raises(ValueError):
            httpx.get(f"{hub.url}/api/spaces/{hub.space}/runtime").json()
        page = httpx.get(hub.status_url).json()
        names = {i["attributes"].get("public_name") for i in page["included"] if i["type"] == "status_page_resource"}
        assert {"Spaces", "Spaces Proxy"} <= names
        # A restart without a token is refused as the Hub refuses it (and recorded as a mutation).
        assert httpx.post(f"{hub.url}/api/spaces/{hub.space}/restart").status_code == 401
        assert [r.route for r in hub.mutations] == ["restart"]
        httpx.get(f"{hub.url}/api/spaces/{hub.space}", headers={"Authorization": "Bearer hf_secret_value_123456789012345"})
        recorded = list(hub.requests)
    assert [r.method for r in recorded].count("POST") == 1
    assert all("authorization" not in r.headers for r in recorded)
    assert recorded[-1].authorized is True and recorded[-1].route == "info"


def test_unknown_fault_keys_and_routes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown route"):
        scenario_from_dict("x", {"space": "a/b", "faults": {"nope": {}}})
    with pytest.raises(ValueError, match="unknown fault keys"):
        scenario_from_dict("x", {"space": "a/b", "faults": {"runtime": {"slow": 1}}})


def test_module_entry_point_serves_until_stopped() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "spacemedic.testing", "moderation_lock"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/api/spaces/frank/news-search-api/runtime", timeout=10).json()["errorMessage"] == "Flagged as abusive"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
