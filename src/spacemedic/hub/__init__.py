"""The only code that talks to the network: Hub API, logs, status page, the app URL.

    bundle = collect(HubTarget("alice/demo", endpoint="https://huggingface.co"))
    signals = bundle.to_signals()
"""

from __future__ import annotations

from spacemedic.hub.bundle import SCHEMA, Bundle, load_bundle
from spacemedic.hub.collect import CollectOptions, collect
from spacemedic.hub.collectors import HubTarget
from spacemedic.hub.logs import LogBounds, LogCapture

__all__ = ["SCHEMA", "Bundle", "CollectOptions", "HubTarget", "LogBounds", "LogCapture", "collect", "load_bundle"]
