"""A fake Hugging Face Hub for tests and demos: a real threaded HTTP server on 127.0.0.1.

    from spacemedic.testing import FakeHub, Fault, load_scenario

    with FakeHub(load_scenario("out_of_memory").with_faults(status=Fault(status=503))) as hub:
        ...  # HfApi(endpoint=hub.url, token="hf_x"), status page at hub.status_url

`python -m spacemedic.testing SCENARIO` serves one until interrupted and prints its URL.
"""

from __future__ import annotations

from spacemedic.testing.scenario import ROUTES, Fault, Scenario, bundled_scenarios, load_scenario, scenario_from_dict
from spacemedic.testing.routes import RecordedRequest
from spacemedic.testing.server import FakeHub

__all__ = [
    "ROUTES",
    "FakeHub",
    "Fault",
    "RecordedRequest",
    "Scenario",
    "bundled_scenarios",
    "load_scenario",
    "scenario_from_dict",
]
